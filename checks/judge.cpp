// judge(): Evidence → Results, check by check. Pure: no I/O, so a saved run judges the same offline.
#include <algorithm>
#include <array>
#include <exception>
#include <iterator>
#include <string_view>
#include <utility>

#include "checks/probe_needs.hpp"
#include "model/strings.hpp"
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

// The catalogue positions of the registry's checks in judging order; checks of one category keep their
// catalogue order.
std::vector<std::size_t> judging_order(const Registry& registry) {
    std::vector<std::size_t> order(registry.all().size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return judging_rank(registry.all()[a]) < judging_rank(registry.all()[b]);
    });
    return order;
}

// What judge() adds to a check's own results: the catalogue's fix where the check gave none, none for
// an info or skip result (an info asks nothing of the admin, a blocked one leaves the fix to its cause).
void complete_remediation(Result& r, const CheckDef& def) {
    if (r.status == Status::Info || r.status == Status::Skip) r.remediation.clear();
    if (!r.remediation.empty()) return;
    if (r.status == Status::Warn || r.status == Status::Fail) r.remediation = with_real_names(def.remediation, r);
    if (r.status == Status::Error) r.remediation = kUndecidedRemediation;
}

// The reason of a result whose check gave none: every result but a pass carries one. A broken result
// takes the check's first declared tag (what its rule being broken means), the others a common tag.
void complete_reason(Result& r, const CheckDef& def) {
    if (!r.reason.empty() || r.status == Status::Pass) return;
    switch (r.status) {
        case Status::Warn:
        case Status::Fail: r.reason = def.reasons.empty() ? "broken" : def.reasons.front().tag; break;
        case Status::Error: r.reason = "undecided"; break;
        case Status::Skip: r.reason = "not-applicable"; break;
        case Status::Info: r.reason = "note"; break;
        case Status::Pass: break;
    }
}

}  // namespace

std::vector<Result> judge(const Evidence& evidence, const Registry& registry, const Selection& selection) {
    // One list per check, at its catalogue position: judged in judging order, reported in catalogue order.
    std::vector<std::vector<Result>> per_check(registry.all().size());
    JudgedResults judged;
    for (const std::size_t position : judging_order(registry)) {
        const CheckDef& def = registry.all()[position];
        std::vector<Result>& out = per_check[position];
        CheckContext ctx(evidence, def, out, judged);
        if (!selection.selected(def)) {
            ctx.emit(Status::Skip, "*", "", "not selected (--only/--skip)").reason = "not-selected";
            continue;
        }
        // A replay of a run that probed less (--only dns) than this check reads: judging it would
        // report what was never looked at.
        if (const ProbeFamilies& probed = evidence.plan.probes; !probed.covers(probes_needed(def))) {
            ctx.emit(Status::Skip, "*", "",
                     "not probed: the run that saved this evidence probed only " + join(probed.names()) +
                         " (it was limited with --only/--skip)")
                .reason = "not-probed";
            continue;
        }
        try {
            def.fn(ctx);
        } catch (const std::exception& e) {
            // A bug in one check must not cost the admin the other results.
            ctx.emit(Status::Error, "*", "", std::string("the check could not be evaluated: ") + e.what());
        }
        for (Result& r : out) {
            complete_remediation(r, def);
            complete_reason(r, def);
            r.evidence.pack();
        }
        // Only now, with the check done, are its results final (a check may still set a subject after emit).
        for (const Result& r : out) judged.emplace(std::make_pair(std::string_view(r.check), std::string_view(r.subject)), &r);
    }
    // Into one list, each check's freed as it is moved: a large run's results are not held twice.
    std::size_t total = 0;
    for (const auto& list : per_check) total += list.size();
    std::vector<Result> results;
    results.reserve(total);
    for (auto& list : per_check) {
        std::move(list.begin(), list.end(), std::back_inserter(results));
        std::vector<Result>().swap(list);
    }
    return results;
}

}  // namespace mobcheck
