// The categories of built-in checks. Each category's file registers its own checks: every check's
// entry (ID, title, severity when broken, rule, source, remediation, function) sits right after its
// function, and register_<category>_checks at the end of the file adds them in report order.
// builtin.cpp lists the categories in report order. Internal to checks/.
#pragma once

#include "checks/registry.hpp"

namespace mobcheck::checks {

void register_dns_checks(Registry& registry);       // dns_checks.cpp: dns.*
CheckDef dns_resolver_entry();                      // dns_resolver_check.cpp: dns.resolver, the first check
void register_topology_checks(Registry& registry);  // topology_checks.cpp: topology.*
void register_http_checks(Registry& registry);      // http_checks.cpp: http.*
CheckDef http_modern_auth_entry();                  // http_modern_auth_check.cpp: http.modern-auth
void register_tls_checks(Registry& registry);       // tls_checks.cpp: tls.*
void register_port_checks(Registry& registry);      // port_checks.cpp: ports.*

}  // namespace mobcheck::checks
