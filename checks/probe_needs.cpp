#include "checks/probe_needs.hpp"

namespace mobcheck {

ProbeFamilies probes_needed(const CheckDef& def) {
    const std::string category = def.category();
    if (category == "dns") return ProbeFamilies{true, false, false, false};
    if (category == "ports") return ProbeFamilies{true, true, false, false};
    if (category == "tls" || category == "http" || category == "topology") return ProbeFamilies{true, false, true, true};
    return ProbeFamilies{};  // a category this table does not know yet: everything, never too little
}

ProbeFamilies probes_needed(const Registry& registry, const Selection& selection) {
    ProbeFamilies needed{false, false, false, false};
    for (const CheckDef& def : registry.all()) {
        if (!selection.selected(def)) continue;
        const ProbeFamilies own = probes_needed(def);
        needed.dns = needed.dns || own.dns;
        needed.ports = needed.ports || own.ports;
        needed.tls = needed.tls || own.tls;
        needed.http = needed.http || own.http;
    }
    return needed;
}

}  // namespace mobcheck
