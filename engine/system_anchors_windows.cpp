#include <windows.h>

#include <wincrypt.h>

#include <openssl/err.h>

#include <cstdlib>

#include "system_anchors.hpp"

namespace mobcheck {

namespace {

const char* bundle_from_environment() { return std::getenv(X509_get_default_cert_file_env()); }

// Every certificate of a system store (the current user's view, which includes the machine's).
void add_windows_store(X509_STORE* store, const wchar_t* name) {
    HCERTSTORE windows = ::CertOpenSystemStoreW(0, name);
    if (windows == nullptr) return;
    PCCERT_CONTEXT cert = nullptr;
    while ((cert = ::CertEnumCertificatesInStore(windows, cert)) != nullptr) {
        const unsigned char* der = cert->pbCertEncoded;
        if (X509* x = d2i_X509(nullptr, &der, static_cast<long>(cert->cbCertEncoded))) {
            X509_STORE_add_cert(store, x);  // takes its own reference; a duplicate is harmless
            X509_free(x);
        }
    }
    ::CertCloseStore(windows, 0);
    ERR_clear_error();
}

}  // namespace

void add_public_anchors(X509_STORE* store) {
    if (const char* bundle = bundle_from_environment()) {
        X509_STORE_load_file(store, bundle);
        ERR_clear_error();
        return;
    }
    add_windows_store(store, L"AuthRoot");
}

void add_system_anchors(X509_STORE* store) {
    add_public_anchors(store);
    if (bundle_from_environment() == nullptr) add_windows_store(store, L"ROOT");
}

bool system_has_private_anchors() { return bundle_from_environment() == nullptr; }

}  // namespace mobcheck
