// judge(): Evidence → Results, check by check. Pure: no I/O, so a saved run judges the same offline.
#include <algorithm>
#include <array>
#include <exception>
#include <map>
#include <string_view>

#include "checks/registry.hpp"

namespace mobcheck {

namespace {
// An `error` is about mobcheck's view of the deployment, not the deployment: the fix is to let it see.
constexpr const char* kUndecidedRemediation =
    "mobcheck could not decide this: make sure the resolvers and servers named in the message are reachable "
    "from this host (--internal-dns, --external-dns, firewalls), raise --timeout if the network is slow, and run again.";

// The checks in the order they are judged, by ID or category: a result may be blocked by those judged
// before it (an http.* result by tls.chain, the other tls.* results of an endpoint with no handshake by
// tls.protocol), never after.
constexpr std::array<std::string_view, 6> kJudgingOrder = {"dns", "topology", "tls.protocol", "tls", "ports", "http"};

// The catalogue's fix with the result's SIP domain in place of "<sip>": "Create lyncdiscover.fabrikam.com".
std::string with_real_names(std::string text, const Result& r) {
    if (r.sip_domain.empty()) return text;
    const std::string placeholder = "<sip>";
    for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + r.sip_domain.size())) {
        text.replace(at, placeholder.size(), r.sip_domain);
    }
    return text;
}

std::size_t judging_rank(const CheckDef& def) {
    const std::string category = def.category();
    auto it = std::find(kJudgingOrder.begin(), kJudgingOrder.end(), def.id);
    if (it == kJudgingOrder.end()) it = std::find(kJudgingOrder.begin(), kJudgingOrder.end(), category);
    return static_cast<std::size_t>(it - kJudgingOrder.begin());  // an unknown category last
}

// The registry's checks in judging order; checks of one category keep their catalogue order.
std::vector<const CheckDef*> judging_order(const Registry& registry) {
    std::vector<const CheckDef*> order;
    for (const CheckDef& def : registry.all()) order.push_back(&def);
    std::stable_sort(order.begin(), order.end(),
                     [](const CheckDef* a, const CheckDef* b) { return judging_rank(*a) < judging_rank(*b); });
    return order;
}

}  // namespace

std::vector<Result> judge(const Evidence& evidence, const Registry& registry, const Selection& selection) {
    std::vector<Result> results;
    for (const CheckDef* def_pointer : judging_order(registry)) {
        const CheckDef& def = *def_pointer;
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
            // An info result asks nothing of the admin, and a blocked one leaves the fix to its cause.
            if (r.status == Status::Info || r.status == Status::Skip) r.remediation.clear();
            if (!r.remediation.empty()) continue;
            if (r.status == Status::Warn || r.status == Status::Fail) r.remediation = with_real_names(def.remediation, r);
            if (r.status == Status::Error) r.remediation = kUndecidedRemediation;
        }
    }
    // Reported in catalogue order; a check's own results keep the order it gave them.
    std::map<std::string_view, std::size_t> catalogue_index;
    for (std::size_t i = 0; i < registry.all().size(); ++i) catalogue_index[registry.all()[i].id] = i;
    std::stable_sort(results.begin(), results.end(), [&](const Result& a, const Result& b) {
        return catalogue_index.at(a.check) < catalogue_index.at(b.check);
    });
    return results;
}

}  // namespace mobcheck
