// judge(): Evidence → Results, check by check. Pure: no I/O, so a saved run judges the same offline.
#include <exception>

#include "checks/registry.hpp"

namespace mobcheck {

namespace {
// An `error` is about mobcheck's view of the deployment, not the deployment: the fix is to let it see.
constexpr const char* kUndecidedRemediation =
    "mobcheck could not decide this: make sure the resolvers and servers named in the message are reachable "
    "from this host (--internal-dns, --external-dns, firewalls), raise --timeout if the network is slow, and run again.";
}  // namespace

std::vector<Result> judge(const Evidence& evidence, const Registry& registry, const Selection& selection) {
    std::vector<Result> results;
    for (const CheckDef& def : registry.all()) {
        CheckContext ctx(evidence, def, results);
        if (!selection.selected(def)) {
            ctx.emit(Status::Skip, "*", "", "not selected (--only/--skip)");
            continue;
        }
        const std::size_t first = results.size();
        try {
            def.fn(ctx);
        } catch (const std::exception& e) {
            // A bug in one check must not cost the admin the other results.
            ctx.emit(Status::Error, "*", "", std::string("the check could not be evaluated: ") + e.what());
        }
        for (std::size_t i = first; i < results.size(); ++i) {
            Result& r = results[i];
            if (!r.remediation.empty()) continue;
            if (r.status == Status::Warn || r.status == Status::Fail) r.remediation = def.remediation;
            if (r.status == Status::Error) r.remediation = kUndecidedRemediation;
        }
    }
    return results;
}

}  // namespace mobcheck
