// The DNS questions the dns.* and topology.* checks need.
#include "engine/engine.hpp"
#include "model/names.hpp"
#include "probe_context.hpp"

namespace mobcheck {

void start_dns_probes(ProbeContext& ctx) {
    for (const auto& sip : ctx.plan.sip_domains) {
        // Both names in both views: each must resolve in its own view and (should) not in the other.
        for (DnsView view : {DnsView::Internal, DnsView::External}) {
            ctx.names.resolve(view, lyncdiscoverinternal_name(sip));
            ctx.names.resolve(view, lyncdiscover_name(sip));
        }
        ctx.names.lookup(DnsView::External, federation_srv_name(sip), "SRV");
    }
    for (const auto& web : {ctx.plan.internal_web, ctx.plan.external_web}) {
        if (web) probe_web_names(ctx, *web);
    }
}

void probe_web_names(ProbeContext& ctx, const std::string& name) {
    // Each web FQDN must resolve in its own view only (or, for the external one, through the hairpin).
    ctx.names.resolve(DnsView::Internal, name);
    ctx.names.resolve(DnsView::External, name);
}

}  // namespace mobcheck
