// The OAuth authority a user link's Bearer challenge names (modern authentication with AD FS or
// Microsoft Entra ID; http.modern-auth): phones on the Internet sign in there, so it is looked at
// as they see it, in the external view whatever the vantage: its addresses, its certificate at each
// of them, and its OpenID configuration. Once per authority, however many user links name it.
#include "http_walker.hpp"
#include "probe_context.hpp"
#include "walk_request.hpp"

namespace mobcheck {

void probe_oauth_authority(ProbeContext& ctx, const OAuthAuthority& authority) {
    if (!authority.https || ctx.deadline_passed) return;  // an authority not on HTTPS is judged as named
    // From inside, also where the name leads there: "resolves only inside" is the commonest mistake.
    if (ctx.plan.vantage == Vantage::Internal) ctx.names.resolve(DnsView::Internal, authority.host);
    probe_authority_certificate(ctx, authority.host, authority.port);
    WalkRequest r = json_request(ProbePurpose::OpenIdConfiguration, "", ProbePurpose::None, DnsView::External,
                                 authority.openid_configuration);
    record_walk(ctx, std::move(r));
}

}  // namespace mobcheck
