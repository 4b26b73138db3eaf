// Port probes (Microsoft's "Port and Firewall Requirements"): outbound TCP 5223 to the Apple Push
// Notification Service, and 5088/5089 on every Survivable Branch Appliance. Each endpoint is
// resolved in the DNS view of the vantage point, then every address is probed.
#include <memory>

#include "probe_context.hpp"

namespace mobcheck {

namespace {

void probe_endpoint(ProbeContext& ctx, ProbePurpose purpose, const std::string& host,
                    const std::vector<std::uint16_t>& ports) {
    const DnsView view = ctx.plan.vantage == Vantage::Internal ? DnsView::Internal : DnsView::External;
    ctx.names.resolve(view, host, [&ctx, purpose, host, ports, view](const NameResolution& r) {
        if (!r.resolves()) {
            for (auto port : ports) {
                PortProbe p;
                p.purpose = purpose;
                p.host = host;
                p.view = view;
                p.port = port;
                p.state = PortState::Unresolved;
                p.detail = host + " gives no address in the " + to_string(view) + " view: " + r.describe();
                ctx.evidence.ports.push_back(p);
            }
            return;
        }
        for (const auto& address : r.addresses) {
            for (auto port : ports) {
                ctx.tcp.connect(address, port, false, [&ctx, purpose, host, view, address, port](TcpOutcome o) {
                    ctx.evidence.ports.push_back(
                        PortProbe{purpose, host, view, address, port, o.state, o.latency_ms, o.detail});
                });
            }
        }
    });
}

}  // namespace

// The ports of SBAs (SPEC §3): UcwaSipExternalListeningPort and UcwaSipPrimaryListeningPort.
constexpr std::uint16_t kSbaUcwaExternalPort = 5088;
constexpr std::uint16_t kSbaUcwaPrimaryPort = 5089;

void start_port_probes(ProbeContext& ctx) {
    // Outbound 5223 is a rule of the corporate Wi-Fi: from outside there is nothing to learn.
    if (ctx.plan.vantage == Vantage::Internal) probe_endpoint(ctx, ProbePurpose::Apns, ctx.plan.apns.host, {ctx.plan.apns.port});
    for (const auto& sba : ctx.plan.sbas) {
        probe_endpoint(ctx, ProbePurpose::Sba, sba, {kSbaUcwaExternalPort, kSbaUcwaPrimaryPort});
    }
}

}  // namespace mobcheck
