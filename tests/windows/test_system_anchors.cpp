// The Windows certificate stores as the run's trust anchors (engine/system_anchors_windows.cpp), in the
// Windows build's unit tests. Under Wine the ROOT store holds the roots Wine takes from the machine it
// runs on, so it is never empty; AuthRoot may be.
#include <doctest/doctest.h>

#include <openssl/x509.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "environment.hpp"
#include "system_anchors.hpp"

namespace {

using Store = std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)>;

int count(X509_STORE* store) { return sk_X509_OBJECT_num(X509_STORE_get0_objects(store)); }

// SSL_CERT_FILE unset for the test, and put back after.
struct NoBundle {
    std::string saved;
    bool was_set = false;
    NoBundle() {
        if (const char* v = std::getenv("SSL_CERT_FILE")) {
            saved = v;
            was_set = true;
        }
        mobcheck::test::unset_env("SSL_CERT_FILE");
    }
    ~NoBundle() {
        if (was_set) mobcheck::test::set_env("SSL_CERT_FILE", saved.c_str());
    }
};

}  // namespace

TEST_CASE("windows trust: the ROOT store is the machine's trust and AuthRoot its public part") {
    NoBundle no_bundle;
    Store all(X509_STORE_new(), &X509_STORE_free);
    Store public_only(X509_STORE_new(), &X509_STORE_free);
    mobcheck::add_system_anchors(all.get());
    mobcheck::add_public_anchors(public_only.get());
    CHECK(mobcheck::system_has_private_anchors());
    CHECK(count(all.get()) > 10);
    CHECK(count(all.get()) >= count(public_only.get()));
}

TEST_CASE("windows trust: SSL_CERT_FILE names the whole system store - as on Linux") {
    NoBundle no_bundle;
    mobcheck::test::set_env("SSL_CERT_FILE", MOBCHECK_TESTDATA "/lab/tls/lab-root-ca.pem");
    Store all(X509_STORE_new(), &X509_STORE_free);
    Store public_only(X509_STORE_new(), &X509_STORE_free);
    mobcheck::add_system_anchors(all.get());
    mobcheck::add_public_anchors(public_only.get());
    CHECK_FALSE(mobcheck::system_has_private_anchors());
    CHECK(count(all.get()) == 1);
    CHECK(count(public_only.get()) == 1);
}
