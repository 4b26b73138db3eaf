// gather(): turns a Plan into probes, runs them all at once in one event loop (a probe's answer may
// start more probes), and collects the evidence in a stable order, so two runs of the same
// deployment give comparable files.
#include <algorithm>
#include <ctime>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "dns_resolver.hpp"
#include "engine/engine.hpp"
#include "model/planned_endpoints.hpp"
#include "model/utc_time.hpp"
#include "probe_context.hpp"
#include "sockets.hpp"

namespace mobcheck {

namespace {

std::string utc_now_iso8601() { return format_utc(std::time(nullptr)); }

// Port probes finish in any order; report them in the order of the plan.
void sort_ports(const Plan& plan, std::vector<PortProbe>& ports) {
    auto host_rank = [&](const PortProbe& p) -> std::size_t {
        if (p.purpose == ProbePurpose::Apns) return 0;
        auto it = std::find(plan.sbas.begin(), plan.sbas.end(), p.host);
        return 1 + static_cast<std::size_t>(it - plan.sbas.begin());
    };
    std::stable_sort(ports.begin(), ports.end(), [&](const PortProbe& a, const PortProbe& b) {
        return std::make_tuple(host_rank(a), a.port, a.address) < std::make_tuple(host_rank(b), b.port, b.address);
    });
}

std::size_t rank_of(const std::unordered_map<std::string, std::size_t>& ranks, const std::string& key, std::size_t none) {
    const auto it = ranks.find(key);
    return it == ranks.end() ? none : it->second;
}

// TLS probes too: by name in the order of the plan's endpoints, then by address. (Ranks are looked
// up, not searched for: at 500 SIP domains a search per comparison was a twentieth of a run's CPU.)
void sort_tls(const Plan& plan, const std::optional<std::string>& external_web, std::vector<TlsProbe>& tls) {
    std::unordered_map<std::string, std::size_t> ranks;
    for (const auto& endpoint : planned_endpoints(plan, external_web)) ranks.emplace(endpoint.name, ranks.size());
    const std::size_t none = ranks.size();
    std::stable_sort(tls.begin(), tls.end(), [&](const TlsProbe& a, const TlsProbe& b) {
        const std::size_t ra = rank_of(ranks, a.name, none), rb = rank_of(ranks, b.name, none);
        if (ra != rb) return ra < rb;
        return std::tie(a.name, a.address) < std::tie(b.name, b.address);
    });
}

// HTTP walks: by SIP domain in the order of the plan (the web services' own probes last), then by
// purpose in the order a client walks, then by URL.
void sort_http(const Plan& plan, std::vector<HttpWalk>& http) {
    static const std::vector<ProbePurpose> kPurposes = {
        ProbePurpose::LyncdiscoverInternal, ProbePurpose::Lyncdiscover, ProbePurpose::LyncdiscoverPort80,
        ProbePurpose::UserChallenge,        ProbePurpose::Token,        ProbePurpose::UserDocument,
        ProbePurpose::Hairpin,              ProbePurpose::Ucwa,         ProbePurpose::Mcx,
        ProbePurpose::Affinity,             ProbePurpose::OpenIdConfiguration};
    std::unordered_map<std::string, std::size_t> sips;
    for (std::size_t i = 0; i < plan.sip_domains.size(); ++i) sips.emplace(plan.sip_domains[i], i);
    auto purpose_rank = [](const RecordedPurpose& purpose) {
        return static_cast<std::size_t>(std::find(kPurposes.begin(), kPurposes.end(), purpose.id()) - kPurposes.begin());
    };
    std::stable_sort(http.begin(), http.end(), [&](const HttpWalk& a, const HttpWalk& b) {
        const std::size_t sa = rank_of(sips, a.sip_domain, plan.sip_domains.size());
        const std::size_t sb = rank_of(sips, b.sip_domain, plan.sip_domains.size());
        if (sa != sb) return sa < sb;
        const std::size_t pa = purpose_rank(a.purpose), pb = purpose_rank(b.purpose);
        if (pa != pb) return pa < pb;
        // The via as spelled, as the evidence file has always been ordered ("lyncdiscover" before "lyncdiscoverinternal").
        const std::string va = a.via.text(), vb = b.via.text();
        if (va != vb) return va < vb;
        return a.start_url < b.start_url;
    });
}

}  // namespace

Evidence gather(const Plan& plan, const Credentials* credentials, const ProgressCallback& progress) {
    Evidence evidence;
    evidence.plan = plan;
    evidence.run.tool_version = MOBCHECK_VERSION;
    evidence.run.started_at = utc_now_iso8601();
    const auto started = Clock::now();
    const auto deadline = started + plan.deadline;

    const sockets::Session sockets_in_use;
    EventLoop loop;
    InFlight in_flight;
    const auto external_servers = plan.external_dns.empty() ? default_external_resolvers() : plan.external_dns;
    DnsResolver internal(loop, DnsView::Internal, plan.internal_dns, plan.timeout, plan.attempts, plan.max_dns_queries);
    DnsResolver external(loop, DnsView::External, external_servers, plan.timeout, plan.attempts, plan.max_dns_queries);
    evidence.run.internal_resolvers = internal.servers();
    evidence.run.external_resolvers = external.servers();
    evidence.run.internal_resolvers_source = plan.internal_dns.empty() ? sockets::kSystemResolverSettings : "--internal-dns";
    evidence.run.external_resolvers_source = plan.external_dns.empty() ? "default public resolvers" : "--external-dns";

    AddressBook names(internal, external, in_flight);
    evidence.run.connection_cap = sockets::descriptor_share(plan.max_connections);
    TcpConnector tcp(loop, in_flight, plan.timeout, evidence.run.connection_cap, plan.max_per_host);
    std::optional<TrustStore> trust;
    try {
        trust.emplace(plan.ca_file, TrustStore::SystemAnchors::Later);
    } catch (const TrustStoreError& e) {
        throw ConfigError(e.what());
    }
    evidence.run.extra_trust_anchors = trust->extra_anchors();
    TlsProber tls(loop, in_flight, tcp, *trust, plan.timeout);
    HttpClient http(loop, in_flight, evidence.run.connection_cap, plan.max_per_host);
    http.prepare_trust(plan.ca_file.value_or(""), trust->get());
    ProbeContext ctx{plan, evidence, loop, in_flight, names, tcp, tls, http, credentials};
    // Only what the judged checks read (--only dns makes no connect at all).
    if (plan.probes.dns) start_dns_probes(ctx);
    if (plan.probes.ports) start_port_probes(ctx);
    if (plan.probes.tls) start_tls_probes(ctx);
    if (plan.probes.http) start_http_probes(ctx);
    // Nothing is verified before the first DNS answers are in: the system's CA bundle (tens of
    // milliseconds to parse) is read while they are on their way.
    trust->add_system_anchors();

    // Progress rides on a timer of the loop itself: no thread, and nothing to report once all is done.
    std::function<void()> report_progress = [&] {
        const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
        progress(Progress{in_flight.started(), in_flight.started() - in_flight.count(), elapsed});
        loop.add_timer(Clock::now() + std::chrono::milliseconds(250), report_progress);
    };
    if (progress) loop.add_timer(started + std::chrono::milliseconds(250), report_progress);

    if (!loop.run(deadline, [&] { return in_flight.count() == 0; })) {
        evidence.run.deadline_reached = true;
        ctx.deadline_passed = true;
        const std::string reason = "the run's deadline of " + std::to_string(plan.deadline.count()) + " ms";
        // DNS first: a lookup ended now may still queue connects, which the TCP cancel then ends.
        internal.cancel_all(reason + " passed first");
        external.cancel_all(reason + " passed first");
        tcp.cancel_all(reason);
        tls.cancel_all(reason);
        http.cancel_all(reason);
    }
    names.flush_into(evidence.dns);
    sort_ports(plan, evidence.ports);
    sort_tls(plan, evidence.external_web(), evidence.tls);
    sort_http(plan, evidence.http);
    evidence.run.peak_connections = tcp.highest_in_flight();
    evidence.run.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    return evidence;
}

}  // namespace mobcheck
