// TLS probes (SPEC §3 tls, Microsoft's "Certificate Requirements"): the certificate each Autodiscover and
// web services name serves. Every address of a name is probed on its own (a load-balanced VIP with
// one member serving an old certificate is common), as soon as the name's addresses are known.
#include "engine/engine.hpp"
#include "model/planned_endpoints.hpp"
#include "probe_context.hpp"

namespace mobcheck {

namespace {

constexpr std::uint16_t kHttpsPort = 443;

void probe_endpoint(ProbeContext& ctx, const PlannedEndpoint& endpoint) {
    ctx.names.resolve(endpoint.view, endpoint.name, [&ctx, endpoint](const NameResolution& r) {
        // A name that does not resolve has no certificate to look at; the checks read why from the DNS evidence.
        if (!r.resolves()) return;
        for (const auto& address : r.addresses) {
            ctx.tls.probe(TlsProber::Target{endpoint.purpose, endpoint.name, endpoint.view, address, kHttpsPort},
                          [&ctx](TlsProbe probe) { ctx.evidence.tls.push_back(std::move(probe)); });
        }
    });
}

}  // namespace

void start_tls_probes(ProbeContext& ctx) {
    // The external web FQDN when given; a learned one is probed once the discovery has found it.
    for (const auto& endpoint : planned_endpoints(ctx.plan, ctx.plan.external_web)) probe_endpoint(ctx, endpoint);
}

void probe_external_web_certificate(ProbeContext& ctx, const std::string& name) {
    probe_endpoint(ctx, external_web_endpoint(name));
}

}  // namespace mobcheck
