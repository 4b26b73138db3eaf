// The trust anchors of the machine mobcheck runs on, behind one seam (system_anchors_posix.cpp,
// system_anchors_windows.cpp). Two sets: the public roots, what a phone nobody manages trusts, and
// every root the machine trusts, which on a domain-joined Windows machine adds the enterprise roots
// Group Policy deploys. $SSL_CERT_FILE, where set, names both on every platform, as it does for OpenSSL.
#pragma once

#include <openssl/x509.h>

namespace mobcheck {

// The roots phones ship with, as far as this machine knows them. Debian: the CA bundle OpenSSL and
// curl read (/etc/ssl/certs/ca-certificates.crt). Windows: the AuthRoot store, the roots of
// Microsoft's trusted root program that Windows has fetched.
void add_public_anchors(X509_STORE* store);

// Every root the machine trusts. Debian: the public ones. Windows: the ROOT store too, which gathers
// the machine's and the user's roots, Group Policy's and the enterprise's included.
void add_system_anchors(X509_STORE* store);

// Whether add_system_anchors adds roots that add_public_anchors does not.
bool system_has_private_anchors();

}  // namespace mobcheck
