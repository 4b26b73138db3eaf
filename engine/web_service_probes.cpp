// The web services behind the external web FQDN (Microsoft's "Reverse Proxy Requirements",
// "Hardware Load Balancer Requirements", hairpin; SPEC §3 http): from inside, its public address (the
// hairpin); the Mobility Service's /ucwa/ and /Mcx/; and fresh connections to its Autodiscover root,
// which should all land on one Front End. Each answer as it comes is the evidence: nothing is followed.
#include "http_walker.hpp"
#include "probe_context.hpp"
#include "walk_request.hpp"

namespace mobcheck {

namespace {

// Fresh connections to the web services VIP that should all land on one Front End.
constexpr int kAffinityConnections = 4;

DnsView vantage_view(const Plan& plan) { return plan.vantage == Vantage::Internal ? DnsView::Internal : DnsView::External; }

void probe(ProbeContext& ctx, ProbePurpose purpose, DnsView view, const std::string& url, bool fresh_connection = false) {
    WalkRequest r = json_request(purpose, "", ProbePurpose::None, view, url);
    r.follow = false;  // the answer of the web services themselves is the evidence
    r.fresh_connection = fresh_connection;
    record_walk(ctx, std::move(r));
}

}  // namespace

void probe_web_services(ProbeContext& ctx, const std::string& external_web) {
    const Plan& plan = ctx.plan;
    const std::string base = "https://" + external_web;
    if (plan.vantage == Vantage::Internal) {
        // The hairpin: from inside, the reverse proxy's public address must answer (Microsoft: "Hair pinning
        // ... must be allowed in order for mobility to function").
        probe(ctx, ProbePurpose::Hairpin, DnsView::External, base + "/");
    }
    const DnsView view = vantage_view(plan);
    probe(ctx, ProbePurpose::Ucwa, view, base + "/ucwa/");
    probe(ctx, ProbePurpose::Mcx, view, base + "/Mcx/McxService.svc");
    for (int i = 0; i < kAffinityConnections; ++i) {
        probe(ctx, ProbePurpose::Affinity, view, base + "/Autodiscover/AutodiscoverService.svc/root", true);
    }
}

}  // namespace mobcheck
