// The built-in check catalogue: the categories, in report order. Each category's file registers its
// own checks beside their functions (categories.hpp); --list-checks, --explain, docs/checks.md and the
// reports all come from the registry this builds.
#include "categories.hpp"

namespace mobcheck {

void register_builtin_checks(Registry& registry) {
    checks::register_dns_checks(registry);
    checks::register_topology_checks(registry);
    checks::register_http_checks(registry);
    checks::register_tls_checks(registry);
    checks::register_port_checks(registry);
}

const Registry& builtin_registry() {
    static const Registry registry = [] {
        Registry r;
        register_builtin_checks(r);
        return r;
    }();
    return registry;
}

}  // namespace mobcheck
