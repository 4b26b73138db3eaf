// What several categories read from the HTTP evidence: how a discovery walk ended, and whether the
// HTTP port 80 path publishes Autodiscover (dns.cname-domain, tls.lyncdiscover-san and http.lyncdiscover
// depend on it: SPEC §3 escalations). Internal to checks/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/autodiscover.hpp"
#include "model/evidence.hpp"
#include "checks/registry.hpp"

namespace mobcheck::checks {

// The walk of purpose for sip_domain, or nullptr.
const HttpWalk* find_walk(const Evidence& evidence, ProbePurpose purpose, std::string_view sip_domain);
// Every walk of purpose.
std::vector<const HttpWalk*> find_walks(const Evidence& evidence, ProbePurpose purpose);

// "GET https://lyncdiscover.contoso.com/ at 127.20.0.10 → 302 → GET https://... → 200": the hops in one line.
std::string describe_hops(const HttpWalk& walk);

// How a discovery walk ended, for a client.
struct Discovery {
    bool found = false;       // the walk is in the evidence
    bool root = false;        // it ended in an Autodiscover root with a user link
    bool undecided = false;   // mobcheck could not tell (the run's deadline, DNS could not answer)
    bool unresolved = false;  // the name does not resolve in the walk's view (the dns.* checks report it)
    AutodiscoverDocument document;  // of the last response, when it came with a body
    std::string summary;            // the hops in one line
    std::string problem;            // when not a root: why, in one line
};
Discovery judge_discovery(const Evidence& evidence, const HttpWalk* walk);

// The HTTP port 80 rule for lyncdiscover.<sip> (SPEC §3 http.lyncdiscover-port80): published when the
// plain HTTP request ends in an Autodiscover root without leaving HTTP (a redirect to HTTPS defeats it).
struct Port80 {
    bool probed = false;
    bool published = false;
    bool undecided = false;
    std::string why;  // one line: what happened
};
Port80 port80_state(const Evidence& evidence, std::string_view sip_domain);

// "" when the HTTP port 80 rule is optional for sip, else why it is required: the external CNAME of
// lyncdiscover.<sip> leaves the domain, or the reverse proxy's certificate lacks lyncdiscover.<sip>.
std::string port80_required_because(const Evidence& evidence, std::string_view sip_domain);

// What stopped the last request of a walk when it got no answer and another check reports why: no
// address for its host (resolution_cause: the view's resolvers, an Autodiscover name), a chain that did
// not verify (tls.chain of its host), no TLS session, or no connection where the TLS probe could not
// connect either (tls.protocol). The result to block on and, in what, the cause in words;
// nullptr when the failure is the request's own.
const Result* transport_cause(const CheckContext& ctx, const HttpWalk& walk, std::string& what);

// "Reissue ..." → "reissue ...".
std::string lower_first(std::string text);

}  // namespace mobcheck::checks
