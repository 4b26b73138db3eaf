// TLS probes (SPEC §3 tls, seed "Certificate Requirements"): the certificate each Autodiscover and
// web services name serves. Every address of a name is probed on its own (a load-balanced VIP with
// one member serving an old certificate is common), as soon as the name's addresses are known.
#include "engine/engine.hpp"
#include "model/names.hpp"
#include "probe_context.hpp"

namespace mobcheck {

namespace {

constexpr std::uint16_t kHttpsPort = 443;

void probe_name(ProbeContext& ctx, ProbePurpose purpose, DnsView view, const std::string& name) {
    ctx.names.resolve(view, name, [&ctx, purpose, view, name](const NameResolution& r) {
        // A name that does not resolve has no certificate to look at; the checks read why from the DNS evidence.
        if (!r.resolves()) return;
        for (const auto& address : r.addresses) {
            ctx.tls.probe(TlsProber::Target{purpose, name, view, address, kHttpsPort},
                          [&ctx](TlsProbe probe) { ctx.evidence.tls.push_back(std::move(probe)); });
        }
    });
}

}  // namespace

void start_tls_probes(ProbeContext& ctx) {
    for (const auto& sip : ctx.plan.sip_domains) {
        // The reverse proxy publishes lyncdiscover.<sip> to the Internet: its public (external-view) addresses.
        probe_name(ctx, ProbePurpose::Lyncdiscover, DnsView::External, lyncdiscover_name(sip));
        // The Front End / Director answer lyncdiscoverinternal.<sip> inside only: not reachable from outside by design.
        if (ctx.plan.vantage == Vantage::Internal) {
            probe_name(ctx, ProbePurpose::LyncdiscoverInternal, DnsView::Internal, lyncdiscoverinternal_name(sip));
        }
    }
    if (ctx.plan.external_web) probe_external_web_certificate(ctx, *ctx.plan.external_web);
}

void probe_external_web_certificate(ProbeContext& ctx, const std::string& name) {
    probe_name(ctx, ProbePurpose::ExternalWeb, DnsView::External, name);
}

}  // namespace mobcheck
