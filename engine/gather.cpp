// gather(): turns a Plan into probes, runs them all at once in one event loop, and collects the
// evidence in a stable order (so two runs of the same deployment give comparable files).
#include <ctime>
#include <set>
#include <tuple>

#include "dns_resolver.hpp"
#include "mobcheck/engine.hpp"

namespace mobcheck {

std::string lyncdiscover_name(std::string_view sip) { return "lyncdiscover." + std::string(sip); }
std::string lyncdiscoverinternal_name(std::string_view sip) { return "lyncdiscoverinternal." + std::string(sip); }
std::string federation_srv_name(std::string_view sip) { return "_sipfederationtls._tcp." + std::string(sip); }

namespace {

struct DnsTask {
    DnsView view;
    std::string name;
    std::string type;
};

// Every DNS question the DNS checks need, deduplicated, in report order.
std::vector<DnsTask> plan_dns_tasks(const Plan& plan) {
    std::vector<DnsTask> tasks;
    std::set<std::tuple<DnsView, std::string, std::string>> seen;
    auto add = [&](DnsView view, const std::string& name, const std::string& type) {
        if (seen.emplace(view, name, type).second) tasks.push_back({view, name, type});
    };
    auto add_address = [&](DnsView view, const std::string& name) {
        add(view, name, "A");
        add(view, name, "AAAA");
    };
    for (const auto& sip : plan.sip_domains) {
        // Both names in both views: each must resolve in its own view and (should) not in the other.
        for (DnsView view : {DnsView::Internal, DnsView::External}) {
            add_address(view, lyncdiscoverinternal_name(sip));
            add_address(view, lyncdiscover_name(sip));
        }
        add(DnsView::External, federation_srv_name(sip), "SRV");
    }
    for (const auto& web : {plan.internal_web, plan.external_web}) {
        if (!web) continue;
        add_address(DnsView::Internal, *web);
        add_address(DnsView::External, *web);
    }
    return tasks;
}

std::string utc_now_iso8601() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

Evidence gather(const Plan& plan) {
    Evidence evidence;
    evidence.plan = plan;
    evidence.run.tool_version = MOBCHECK_VERSION;
    evidence.run.started_at = utc_now_iso8601();
    const auto started = Clock::now();
    const auto deadline = started + plan.deadline;

    EventLoop loop;
    const auto external_servers = plan.external_dns.empty() ? default_external_resolvers() : plan.external_dns;
    DnsResolver internal(loop, DnsView::Internal, plan.internal_dns, plan.timeout, plan.attempts);
    DnsResolver external(loop, DnsView::External, external_servers, plan.timeout, plan.attempts);
    evidence.run.internal_resolvers = internal.servers();
    evidence.run.external_resolvers = external.servers();
    evidence.run.internal_resolvers_source = plan.internal_dns.empty() ? "/etc/resolv.conf" : "--internal-dns";
    evidence.run.external_resolvers_source = plan.external_dns.empty() ? "default public resolvers" : "--external-dns";

    const auto tasks = plan_dns_tasks(plan);
    std::vector<std::optional<DnsLookup>> slots(tasks.size());
    std::size_t outstanding = tasks.size();
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        DnsResolver& resolver = tasks[i].view == DnsView::Internal ? internal : external;
        resolver.lookup(tasks[i].name, tasks[i].type, [&slots, &outstanding, i](DnsLookup lookup) {
            slots[i] = std::move(lookup);
            --outstanding;
        });
    }

    if (!loop.run(deadline, [&] { return outstanding == 0; })) {
        evidence.run.deadline_reached = true;
        const std::string reason = "the run's deadline of " + std::to_string(plan.deadline.count()) + " ms passed first";
        internal.cancel_all(reason);
        external.cancel_all(reason);
    }
    for (auto& slot : slots) {
        if (slot) evidence.dns.push_back(std::move(*slot));
    }
    evidence.run.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    return evidence;
}

}  // namespace mobcheck
