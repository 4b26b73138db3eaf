// The check functions, one per registry entry (see builtin.cpp for the catalogue that names them).
// Each reads only Evidence and records Results through its CheckContext.
#pragma once

#include "checks/registry.hpp"

namespace mobcheck::checks {

// dns_checks.cpp
void check_dns_lyncdiscoverinternal(CheckContext& ctx);
void check_dns_lyncdiscover(CheckContext& ctx);
void check_dns_internal_name_hidden(CheckContext& ctx);
void check_dns_external_name_inside(CheckContext& ctx);
void check_dns_cname_domain(CheckContext& ctx);
void check_dns_chain_health(CheckContext& ctx);
void check_dns_web_internal_private(CheckContext& ctx);
void check_dns_web_external_public(CheckContext& ctx);
void check_dns_web_external_via_proxy(CheckContext& ctx);
void check_dns_federation_srv(CheckContext& ctx);

// port_checks.cpp
void check_ports_apns(CheckContext& ctx);
void check_ports_sba_ucwa_external(CheckContext& ctx);
void check_ports_sba_ucwa_primary(CheckContext& ctx);

// tls_checks.cpp
void check_tls_lyncdiscover_san(CheckContext& ctx);
void check_tls_lyncdiscoverinternal_san(CheckContext& ctx);
void check_tls_internal_cert_lyncdiscover_san(CheckContext& ctx);
void check_tls_external_web_san(CheckContext& ctx);
void check_tls_chain(CheckContext& ctx);
void check_tls_validity(CheckContext& ctx);
void check_tls_signature(CheckContext& ctx);
void check_tls_server_auth_eku(CheckContext& ctx);
void check_tls_no_wildcard_subject(CheckContext& ctx);
void check_tls_protocol(CheckContext& ctx);

// topology_checks.cpp
void check_topology_web_fqdns_distinct(CheckContext& ctx);
void check_topology_mobility_urls_external(CheckContext& ctx);

// http_checks.cpp
void check_http_lyncdiscoverinternal(CheckContext& ctx);
void check_http_lyncdiscover(CheckContext& ctx);
void check_http_lyncdiscover_port80(CheckContext& ctx);
void check_http_autodiscover_links(CheckContext& ctx);
void check_http_user_challenge(CheckContext& ctx);
void check_http_hairpin(CheckContext& ctx);
void check_http_source_affinity(CheckContext& ctx);
void check_http_mobility_service(CheckContext& ctx);
void check_http_iis_version(CheckContext& ctx);

}  // namespace mobcheck::checks
