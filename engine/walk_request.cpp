#include "walk_request.hpp"

#include <utility>

namespace mobcheck {

WalkRequest json_request(ProbePurpose purpose, const std::string& sip_domain, ProbePurpose via, DnsView view,
                         const std::string& url) {
    WalkRequest r;
    r.purpose = purpose;
    r.sip_domain = sip_domain;
    r.via = via;
    r.view = view;
    r.url = url;
    r.headers = {kAcceptJson};
    return r;
}

WalkRequest credential_request(const HttpWalk& challenge, ProbePurpose purpose, const std::string& url,
                               std::vector<std::string> headers, const std::string& host) {
    WalkRequest r = json_request(purpose, challenge.sip_domain, challenge.via.id(), challenge.view, url);
    r.headers = std::move(headers);
    r.follow = false;
    r.credential_host = host;
    return r;
}

}  // namespace mobcheck
