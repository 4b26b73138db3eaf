// ports.*: TCP reachability of the push notification service and of branch appliances.
// Rule source (sources.hpp): Microsoft's "Technical requirements for mobility in Lync Server 2013",
// section "Port and Firewall Requirements".
#include <algorithm>

#include "categories.hpp"
#include "sources.hpp"
#include "checks_common.hpp"

namespace mobcheck::checks {

namespace {

std::vector<const PortProbe*> probes_of(const Evidence& e, ProbePurpose purpose, const std::string& host,
                                        std::uint16_t port) {
    std::vector<const PortProbe*> out;
    for (const auto& p : e.ports) {
        if (p.purpose == purpose && p.host == host && p.port == port) out.push_back(&p);
    }
    return out;
}

// "127.40.0.1:5088 open in 0.2 ms; 127.40.0.2:5088 filtered (no answer within 3000 ms)"
std::string describe(const std::vector<const PortProbe*>& probes) {
    std::string text;
    for (const PortProbe* p : probes) {
        if (!text.empty()) text += "; ";
        if (p->state == PortState::Unresolved) {
            text += p->detail;
            continue;
        }
        const bool v6 = p->address.find(':') != std::string::npos;
        text += (v6 ? "[" + p->address + "]" : p->address) + ":" + std::to_string(p->port) + " " + to_string(p->state);
        if (p->state == PortState::Open) {
            char ms[32];
            std::snprintf(ms, sizeof ms, "%.1f", p->latency_ms);
            text += std::string(" in ") + ms + " ms";
        } else if (!p->detail.empty()) {
            text += " (" + p->detail + ")";
        }
    }
    return text;
}

nlohmann::json probes_json(const std::vector<const PortProbe*>& probes) {
    nlohmann::json out = nlohmann::json::array();
    for (const PortProbe* p : probes) out.push_back(to_json(*p));
    return out;
}

bool any(const std::vector<const PortProbe*>& probes, PortState state) {
    return std::any_of(probes.begin(), probes.end(), [&](const PortProbe* p) { return p->state == state; });
}

bool all(const std::vector<const PortProbe*>& probes, PortState state) {
    return std::all_of(probes.begin(), probes.end(), [&](const PortProbe* p) { return p->state == state; });
}

// An endpoint that did not resolve: a fact (the name does not exist) or undecided (DNS trouble).
bool resolution_undecided(const Evidence& e, const PortProbe& p) {
    const NameResolution r = resolve_name(e, p.view, p.host);
    return r.looked_up && (is_undecided(r.outcome) || r.outcome == DnsOutcome::ServFail);
}

// The dns.resolver result that left an endpoint without an address: its view's resolvers answered nothing.
const Result* unresolved_cause(const CheckContext& ctx, const std::vector<const PortProbe*>& probes) {
    // Whatever the lookup recorded: when the view's resolvers answered nothing, no host of it has an address.
    if (probes.empty() || !all(probes, PortState::Unresolved)) return nullptr;
    return view_cause(ctx, probes.front()->view);
}

std::string endpoint(const std::string& host, std::uint16_t port) {
    return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// One SBA port rule (5088 or 5089), judged per appliance.
void judge_sba_port(CheckContext& ctx, std::uint16_t port, const std::string& port_name) {
    const Plan& plan = ctx.plan();
    if (plan.sbas.empty()) {
        ctx.emit(Status::Skip, "branch appliances", "",
                 "no Survivable Branch Appliance given (--sba FQDN); only users homed on one need port " +
                     std::to_string(port));
        return;
    }
    for (const auto& sba : plan.sbas) {
        const auto probes = probes_of(ctx.evidence(), ProbePurpose::Sba, sba, port);
        const std::string subject = endpoint(sba, port);
        if (probes.empty()) {
            not_in_evidence(ctx, subject, "", "probe of " + subject);
            continue;
        }
        Result* r = nullptr;
        const std::string found = describe(probes);
        if (plan.vantage == Vantage::External) {
            // From the Internet an appliance's SIP ports must not answer at all.
            if (any(probes, PortState::Open)) {
                r = &ctx.emit(Status::Warn, subject, "",
                              port_name + " of " + sba + " is reachable from outside the corporate network: " + found +
                                  ". It serves the Front End pool and should not be exposed to the Internet.");
                r->remediation = "Block TCP " + std::to_string(port) + " to " + sba + " at the perimeter firewall.";
            } else {
                r = &ctx.emit(Status::Skip, subject, "",
                              "an internal-only endpoint, not expected to be reachable from this vantage (external): " +
                                  found);
            }
        } else if (all(probes, PortState::Open)) {
            r = &ctx.pass(subject, "", port_name + " is open on " + sba + ": " + found);
        } else if (const Result* cause = unresolved_cause(ctx, probes)) {
            r = &ctx.blocked(subject, "", *cause, sba + " could not be looked up");
        } else if (any(probes, PortState::Error) ||
                   (all(probes, PortState::Unresolved) && resolution_undecided(ctx.evidence(), *probes.front()))) {
            r = &ctx.emit(Status::Error, subject, "", "could not probe " + subject + ": " + found);
        } else {
            const std::string what = all(probes, PortState::Unresolved)
                                         ? sba + " cannot be probed on TCP " + std::to_string(port) + ": " + found
                                         : port_name + " (TCP " + std::to_string(port) + ") does not answer on " + sba +
                                               ": " + found;
            r = &ctx.broken(subject, "", what + ". Users homed on this Survivable Branch Appliance cannot use mobility.");
            const bool filtered = any(probes, PortState::Filtered) || any(probes, PortState::Unreachable);
            r->remediation =
                filtered ? "Allow TCP " + std::to_string(port) + " from the Front End pool to " + sba +
                               " on the firewalls between them (the probe's packets were dropped or had no route)."
                         : all(probes, PortState::Unresolved)
                               ? "Give " + sba + " an A/AAAA record in the internal DNS view, or check the --sba name."
                               : "Nothing listens on TCP " + std::to_string(port) + " on " + sba + ": check that " +
                                     port_name + " is set to " + std::to_string(port) +
                                     " and that the appliance's services run (Set-CsRegistrar / Get-CsService).";
        }
        r->evidence["probes"] = probes_json(probes);
    }
}

void check_ports_apns(CheckContext& ctx) {
    const Plan& plan = ctx.plan();
    const std::string subject = endpoint(plan.apns.host, plan.apns.port);
    if (plan.vantage == Vantage::External) {
        ctx.emit(Status::Skip, subject, "",
                 "the 5223 rule concerns the corporate Wi-Fi: run mobcheck from there (--vantage internal)");
        return;
    }
    const auto probes = probes_of(ctx.evidence(), ProbePurpose::Apns, plan.apns.host, plan.apns.port);
    if (probes.empty()) {
        not_in_evidence(ctx, subject, "", "probe of " + subject);
        return;
    }
    const std::string found = describe(probes);
    Result* r = nullptr;
    if (any(probes, PortState::Open)) {
        r = &ctx.pass(subject, "", "outbound TCP " + std::to_string(plan.apns.port) + " to " + plan.apns.host +
                                       " connects: " + found);
    } else if (const Result* cause = unresolved_cause(ctx, probes)) {
        r = &ctx.blocked(subject, "", *cause, plan.apns.host + " could not be looked up");
    } else if (any(probes, PortState::Error) ||
               (all(probes, PortState::Unresolved) && resolution_undecided(ctx.evidence(), *probes.front()))) {
        r = &ctx.emit(Status::Error, subject, "", "could not probe " + subject + ": " + found);
    } else {
        r = &ctx.broken(subject, "",
                        "outbound TCP " + std::to_string(plan.apns.port) + " to the Apple Push Notification Service (" +
                            plan.apns.host + ") does not connect from this network: " + found +
                            ". Apple devices on the corporate Wi-Fi do not get push notifications (Lync 2010 Mobile; "
                            "Lync 2013 Mobile does not need them).");
    }
    r->evidence["probes"] = probes_json(probes);
}

CheckDef ports_apns_entry() {
    return {
        .id = "ports.apns",
        .title = "outbound TCP 5223 to the Apple Push Notification Service",
        .severity = Status::Warn,
        .rule = "From the corporate network (Wi-Fi), an outbound TCP connection to the Apple Push Notification Service "
                "on port 5223 (--apns, default courier.push.apple.com:5223) succeeds. Apple devices on the Wi-Fi get "
                "push notifications through it; Lync 2013 Mobile does not need them. Skipped from vantage external.",
        .source = std::string(kMobilityRequirements) + ", section \"Port and Firewall Requirements\": \"you also need "
                  "to open port 5223 on your enterprise Wi-Fi network. Port 5223 is an outbound TCP port used by the "
                  "Apple Push Notification Service (APNS)\"",
        .remediation = "On the firewall between the corporate Wi-Fi and the Internet, allow outbound TCP 5223 to "
                       "Apple's push network (17.0.0.0/8).",
        .fn = &check_ports_apns,
        .prerequisites = {"dns.resolver"},
        .reasons = {{"port-blocked", "outbound TCP 5223 does not connect"}},
    };
}

void check_ports_sba_ucwa_external(CheckContext& ctx) {
    judge_sba_port(ctx, 5088, "UcwaSipExternalListeningPort");
}

CheckDef ports_sba_ucwa_external_entry() {
    return {
        .id = "ports.sba-ucwa-external",
        .title = "TCP 5088 (UcwaSipExternalListeningPort) open on every SBA",
        .severity = Status::Fail,
        .rule = "Every Survivable Branch Appliance given with --sba answers on TCP 5088, its "
                "UcwaSipExternalListeningPort. Skipped without --sba; from vantage external the port must not answer "
                "(warn when it does).",
        .source = std::string(kMobilityRequirements) + ", section \"Port and Firewall Requirements\": "
                  "\"UcwaSipExternalListeningPort requires port 5088\"",
        .remediation = "Open TCP 5088 from the Front End pool to the appliance, and make sure the appliance listens on "
                       "it.",
        .fn = &check_ports_sba_ucwa_external,
        .prerequisites = {"dns.resolver"},
        .reasons = {{"port-unreachable", "the appliance's port does not answer (or answers from the Internet: warn)"}},
    };
}

void check_ports_sba_ucwa_primary(CheckContext& ctx) {
    judge_sba_port(ctx, 5089, "UcwaSipPrimaryListeningPort");
}

CheckDef ports_sba_ucwa_primary_entry() {
    return {
        .id = "ports.sba-ucwa-primary",
        .title = "TCP 5089 (UcwaSipPrimaryListeningPort) open on every SBA",
        .severity = Status::Fail,
        .rule = "Every Survivable Branch Appliance given with --sba answers on TCP 5089, its "
                "UcwaSipPrimaryListeningPort. Skipped without --sba; from vantage external the port must not answer "
                "(warn when it does).",
        .source = std::string(kMobilityRequirements) + ", section \"Port and Firewall Requirements\": "
                  "\"UcwaSipPrimaryListeningPort requires port 5089\"",
        .remediation = "Open TCP 5089 from the Front End pool to the appliance, and make sure the appliance listens on "
                       "it.",
        .fn = &check_ports_sba_ucwa_primary,
        .prerequisites = {"dns.resolver"},
        .reasons = {{"port-unreachable", "the appliance's port does not answer (or answers from the Internet: warn)"}},
    };
}

}  // namespace

void register_port_checks(Registry& registry) {
    registry.add(ports_apns_entry());
    registry.add(ports_sba_ucwa_external_entry());
    registry.add(ports_sba_ucwa_primary_entry());
}

}  // namespace mobcheck::checks
