// Small OpenSSL helpers shared by the engine (trust, certificate files) and the checks.
#pragma once

#include <openssl/x509.h>

#include <memory>
#include <string>
#include <vector>

namespace mobcheck {

// "CN=Contoso Lab Issuing CA,O=Contoso Lab": a name as the reports print it (RFC 2253).
std::string name_text(const X509_NAME* name);

// The certificates of a PEM text, in order (CERTIFICATE blocks only).
std::vector<std::unique_ptr<X509, decltype(&X509_free)>> read_pem_certificates(const std::string& pem);

}  // namespace mobcheck
