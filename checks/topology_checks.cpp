// topology.*: facts about how the pool's web services are named.
// Rule source: seed "Your topology must meet the following requirements".
#include "checks.hpp"

namespace mobcheck::checks {

void check_topology_web_fqdns_distinct(CheckContext& ctx) {
    const Plan& plan = ctx.plan();
    if (!plan.internal_web || !plan.external_web) {
        ctx.emit(Status::Skip, "web FQDNs", "",
                 "needs both web services FQDNs: give --internal-web and --external-web");
        return;
    }
    Result* r = nullptr;
    if (*plan.internal_web == *plan.external_web) {
        r = &ctx.broken(*plan.external_web, "",
                        "the internal and the external web services FQDN are the same name (" + *plan.external_web +
                            "): the Mobility Service cannot tell internal from external web services.");
    } else {
        r = &ctx.pass(*plan.external_web, "",
                      "internal web FQDN " + *plan.internal_web + " differs from external web FQDN " + *plan.external_web);
    }
    r->evidence = {{"internal_web", *plan.internal_web}, {"external_web", *plan.external_web}};
}

}  // namespace mobcheck::checks
