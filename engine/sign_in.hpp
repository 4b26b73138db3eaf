// The user link of each Autodiscover root, and the sign-in through it (SPEC §3 http.user-challenge,
// topology.mobility-urls-external): the link is asked without credentials (it must challenge); with
// --user, the OAuth password grant at the challenge's token URL, then the user document with the
// token, once, through the root a phone at this vantage asks first. The discovery walks hand over
// each root as it ends (discovery_walk.cpp).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include "model/http_exchange.hpp"
#include "probe_context.hpp"

namespace mobcheck {

class SignIn : public std::enable_shared_from_this<SignIn> {
public:
    explicit SignIn(ProbeContext& ctx) : ctx_(ctx) {}

    // A discovery walk ended; user_link: the user link of the root it ended in ("" when none).
    void root_walked(const HttpWalk& root, const std::string& user_link);

private:
    void challenge(const std::string& sip, DnsView view, ProbePurpose via, const std::string& user_url,
                   const std::string& refusal);
    bool signs_in_here(const HttpWalk& challenge) const;
    void sign_in(const HttpWalk& challenge);
    void not_sent(const HttpWalk& from, ProbePurpose purpose, const std::string& url, const std::string& why);
    void authority_named(const HttpWalk& challenge);


    ProbeContext& ctx_;
    std::map<std::string, std::string> https_user_;   // SIP domain → user link of its HTTPS root ("": none), once in
    std::map<std::string, std::string> port80_user_;  // SIP domain → user link of its port 80 root, while the HTTPS one is out
    std::set<std::string> authorities_;  // the hosts of the OAuth authorities probed so far
};

}  // namespace mobcheck
