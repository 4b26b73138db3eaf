#include "system_anchors.hpp"

#include <openssl/err.h>

#include <cstdlib>

namespace mobcheck {

// Parsed once into the store. Not X509_STORE_set_default_paths: its lookup in the certificate
// directory lists the directory again for every chain verified.
void add_public_anchors(X509_STORE* store) {
    const char* bundle = std::getenv(X509_get_default_cert_file_env());
    X509_STORE_load_file(store, bundle != nullptr ? bundle : X509_get_default_cert_file());
    ERR_clear_error();
}

void add_system_anchors(X509_STORE* store) { add_public_anchors(store); }

bool system_has_private_anchors() { return false; }

}  // namespace mobcheck
