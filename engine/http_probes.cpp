// HTTP probes (SPEC §3 http, §4): the Autodiscover discovery walked as a phone walks it, then the
// web services it leads to. Three parts, each in its own file:
//   discovery_walk.cpp      for every SIP domain at once, lyncdiscoverinternal over HTTPS in the
//                           internal view (from inside only), lyncdiscover over HTTPS and over the
//                           HTTP port 80 rule in the external view; when they are done, the web
//                           services FQDNs not given are learned from the links and CNAME targets;
//   sign_in.cpp             each root's user link asked without credentials (it must challenge),
//                           and with --user the OAuth sign-in and the user document;
//   web_service_probes.cpp  the hairpin, /ucwa/ and /Mcx/, and fresh connections for affinity, at
//                           the external web FQDN.
// Their requests are built in one place (walk_request.hpp) and walked by http_walker.cpp.
#include "probe_context.hpp"

namespace mobcheck {

void start_http_probes(ProbeContext& ctx) {
    start_discovery_walks(ctx);
    // A given external web FQDN need not wait for the discovery.
    if (ctx.plan.external_web) probe_web_services(ctx, *ctx.plan.external_web);
}

}  // namespace mobcheck
