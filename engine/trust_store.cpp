#include "trust_store.hpp"
#include "model/file_path.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace mobcheck {


TrustStore::TrustStore(const std::optional<std::string>& ca_file, SystemAnchors system)
    : store_(X509_STORE_new(), &X509_STORE_free), public_only_(nullptr, &X509_STORE_free) {
    if (!store_) throw TrustStoreError("cannot create a certificate store");
    if (ca_file || system_has_private_anchors()) {
        public_only_.reset(X509_STORE_new());
        if (!public_only_) throw TrustStoreError("cannot create a certificate store");
    }
    if (system == SystemAnchors::Now) add_system_anchors();
    if (!ca_file) return;
    std::ifstream in(file_path(*ca_file), std::ios::binary);
    if (!in) throw TrustStoreError("--ca-file: cannot read " + *ca_file + ": " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    auto certs = read_pem_certificates(text.str());
    if (certs.empty()) throw TrustStoreError("--ca-file: " + *ca_file + " holds no PEM certificate");
    for (auto& cert : certs) {
        X509_STORE_add_cert(store_.get(), cert.get());  // takes its own reference; a duplicate is harmless
        extra_anchors_.push_back(name_text(X509_get_subject_name(cert.get())));
    }
    ERR_clear_error();
}

// The system store: what a client on this host trusts (Debian: /etc/ssl/certs; Windows: its
// certificate stores).
void TrustStore::add_system_anchors() {
    if (!public_only_) return mobcheck::add_system_anchors(store_.get());
    // Each set is parsed once: the public anchors into the store of those alone, then added from there
    // to the whole store (which may already hold --ca-file's: they must not go the other way), which
    // also takes the machine's private anchors.
    add_public_anchors(public_only_.get());
    STACK_OF(X509_OBJECT)* objects = X509_STORE_get0_objects(public_only_.get());
    for (int i = 0; i < sk_X509_OBJECT_num(objects); ++i) {
        if (X509* cert = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objects, i))) X509_STORE_add_cert(store_.get(), cert);
    }
    if (system_has_private_anchors()) mobcheck::add_system_anchors(store_.get());
    ERR_clear_error();
}

namespace {

// Does chain build to an anchor of store? (The dates are left to tls.validity.)
bool builds_to(X509_STORE* store, STACK_OF(X509) * chain) {
    std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(), &X509_STORE_CTX_free);
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store, sk_X509_value(chain, 0), chain) != 1) return false;
    X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_NO_CHECK_TIME);
    const bool built = X509_verify_cert(ctx.get()) == 1;
    ERR_clear_error();
    return built;
}

}  // namespace

TlsVerification TrustStore::verify(STACK_OF(X509) * chain) const {
    TlsVerification v;
    if (chain == nullptr || sk_X509_num(chain) == 0) {
        v.code = X509_V_ERR_UNSPECIFIED;
        v.reason = "no certificate was served";
        return v;
    }
    std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(), &X509_STORE_CTX_free);
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store_.get(), sk_X509_value(chain, 0), chain) != 1) {
        v.code = X509_V_ERR_UNSPECIFIED;
        v.reason = "cannot set up the verification";
        return v;
    }
    // Dates are judged by tls.validity at the probe's moment; no purpose is set, so the EKU is left
    // to tls.server-auth-eku, and no security level, so weak digests and keys are left to tls.signature.
    X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_NO_CHECK_TIME);
    v.trusted = X509_verify_cert(ctx.get()) == 1;
    v.code = X509_STORE_CTX_get_error(ctx.get());
    v.reason = X509_verify_cert_error_string(v.code);
    v.depth = v.trusted ? -1 : X509_STORE_CTX_get_error_depth(ctx.get());
    if (STACK_OF(X509)* built = X509_STORE_CTX_get0_chain(ctx.get())) {
        for (int i = 0; i < sk_X509_num(built); ++i) {
            v.path.push_back(name_text(X509_get_subject_name(sk_X509_value(built, i))));
        }
    }
    ERR_clear_error();
    v.public_root = v.trusted && (!public_only_ || builds_to(public_only_.get(), chain));
    return v;
}

}  // namespace mobcheck
