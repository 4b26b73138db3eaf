// The check functions, one per registry entry (see builtin.cpp for the catalogue that names them).
// Each reads only Evidence and records Results through its CheckContext.
#pragma once

#include "mobcheck/registry.hpp"

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

// topology_checks.cpp
void check_topology_web_fqdns_distinct(CheckContext& ctx);

}  // namespace mobcheck::checks
