// `mobcheck cert FILE`: a certificate (with its chain) or a certificate request, turned into the same
// evidence a TLS probe records, so that the tls.* checks judge it with the same IDs and messages.
#pragma once

#include <string>
#include <vector>

#include "model/evidence.hpp"

namespace mobcheck {

struct CertificateFileRequest {
    std::string path;
    std::string role;  // front-end, director, external-web, reverse-proxy
    Plan plan;         // sip_domains, internal_web, external_web, ca_file, expiry_warn_days
};

// Reads and verifies the file (now, against the system store plus plan.ca_file). Throws ConfigError
// (engine.hpp) with one line when the file cannot be read or holds no certificate or request.
Evidence evidence_from_certificate_file(const CertificateFileRequest& request);

}  // namespace mobcheck
