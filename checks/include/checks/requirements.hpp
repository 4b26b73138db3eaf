// What a deployment's names require (Microsoft's "Technical requirements for mobility in Lync Server
// 2013", sections "Certificate Requirements" and "Internal and External DNS Configuration"; Microsoft's
// certificate and DNS summaries for Autodiscover): the DNS records and the subject alternative names
// of each certificate. `mobcheck plan` prints them, `mobcheck cert` and the tls.* checks judge against
// them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/plan.hpp"

namespace mobcheck {

struct DeploymentNames {
    std::vector<std::string> sip_domains;  // normalised
    std::optional<std::string> internal_web;
    std::optional<std::string> external_web;
    std::optional<std::string> director;  // the Director pool's FQDN, when users sign in through one
};

struct CertificateNeed {
    std::string role;     // "front-end", "director", "external-web", "reverse-proxy"
    std::string title;    // "Front End pool: default / internal web services certificate"
    std::string subject;  // the subject CN to request (never a wildcard)
    std::vector<std::string> names;  // every subject alternative name, subject first
    std::vector<std::string> why;    // one line per name, same order
};

struct DnsNeed {
    DnsView view;
    std::string name;
    std::string type;   // "CNAME", "A/AAAA", "SRV"
    std::string value;  // target, or a placeholder in <angle brackets>
    std::string why;
};

// The certificates in the order an admin reissues them. Roles whose names are unknown (no
// --internal-web, no --external-web) still list the Autodiscover names.
std::vector<CertificateNeed> certificate_needs(const DeploymentNames& names);
const CertificateNeed* find_need(const std::vector<CertificateNeed>& needs, const std::string& role);
std::vector<DnsNeed> dns_needs(const DeploymentNames& names);

// An `openssl req -config` file requesting need: subject CN, the SAN list, serverAuth.
std::string openssl_req_config(const CertificateNeed& need);

// "a, b and c"
std::string english_list(const std::vector<std::string>& items);

}  // namespace mobcheck
