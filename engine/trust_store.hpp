// The trust anchors a served chain is checked against: the system store plus --ca-file (SPEC §1),
// and the check itself (OpenSSL's X509_verify_cert), shared by the TLS probe and `mobcheck cert`.
#pragma once

#include "model/x509_util.hpp"

#include <openssl/x509.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/evidence.hpp"
#include "system_anchors.hpp"

namespace mobcheck {

class TrustStore {
public:
    // Throws TrustStoreError when ca_file cannot be read or holds no certificate. With
    // SystemAnchors::Later the system's anchors wait for add_system_anchors(), which must come before
    // the first verification: a run reads them while its first DNS questions are on their way.
    enum class SystemAnchors { Now, Later };
    explicit TrustStore(const std::optional<std::string>& ca_file, SystemAnchors system = SystemAnchors::Now);
    void add_system_anchors();

    X509_STORE* get() const { return store_.get(); }
    const std::vector<std::string>& extra_anchors() const { return extra_anchors_; }  // subjects from --ca-file

    // Does chain (leaf first, as served) build to a trust anchor? Only the path is judged: the
    // dates, host name and key usage are the business of their own checks. public_root says whether
    // it builds to the system's anchors alone (what a phone nobody manages trusts), --ca-file aside.
    TlsVerification verify(STACK_OF(X509) * chain) const;

private:
    std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store_;  // the system's anchors and --ca-file's
    // The public anchors alone, to tell a public chain from one only --ca-file's roots (or the
    // enterprise roots of a Windows machine) make trusted; null when every anchor is a public one.
    std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> public_only_;
    std::vector<std::string> extra_anchors_;
};

struct TrustStoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace mobcheck
