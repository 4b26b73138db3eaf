// What one HTTP walk asks for, and the requests the HTTP probes send built in one place: the
// discovery walks, the user link and the sign-in, and the web services probes all start from
// json_request (or, for a request carrying a secret, credential_request).
#pragma once

#include <string>
#include <vector>

#include "model/http_exchange.hpp"
#include "model/plan.hpp"
#include "model/probe_purpose.hpp"

namespace mobcheck {

struct WalkRequest {
    ProbePurpose purpose = ProbePurpose::None;
    std::string sip_domain;  // redirects must stay inside it ("" : only on the same host)
    ProbePurpose via = ProbePurpose::None;
    DnsView view = DnsView::External;
    std::string url;
    std::vector<std::string> headers;  // "Accept: ...", "Authorization: ..."
    std::string post_body;             // non-empty: a POST
    bool follow = true;                // follow 3xx and Autodiscover Redirect documents
    bool fresh_connection = false;
    // Non-empty when the request carries credentials or a token: it is sent only over HTTPS, only to
    // exactly this host, and never follows a redirect.
    std::string credential_host;
};

// What a phone asks an Autodiscover service for.
inline const std::string kAcceptJson = "Accept: application/json";

// A GET of url for purpose, about sip_domain ("" for the web services' own probes), reached through
// the root via (None: no root led to it), every host resolved in view; it asks for JSON and follows
// redirects.
WalkRequest json_request(ProbePurpose purpose, const std::string& sip_domain, ProbePurpose via, DnsView view,
                         const std::string& url);

// A request that carries a secret (the password, a token), sent on from the user link walk challenge:
// the same SIP domain, root and view, with exactly headers, sent only over HTTPS to host and never
// following a redirect.
WalkRequest credential_request(const HttpWalk& challenge, ProbePurpose purpose, const std::string& url,
                               std::vector<std::string> headers, const std::string& host);

}  // namespace mobcheck
