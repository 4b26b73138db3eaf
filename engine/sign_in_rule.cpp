#include "sign_in_rule.hpp"

#include "model/autodiscover.hpp"
#include "model/names.hpp"

namespace mobcheck {

namespace {

bool is_https(const std::string& url) { return url.size() >= 8 && url.compare(0, 8, "https://") == 0; }

}  // namespace

std::string sign_in_refusal(const HttpWalk& root, const std::string& user_url) {
    const HttpExchange* last = root.last();
    if (root.end != HttpWalkEnd::Response || last == nullptr || last->status != 200) {
        return "the Autodiscover root of " + root.start_url + " did not answer";
    }
    for (std::size_t i = 0; i < root.hops.size(); ++i) {
        const HttpExchange& hop = root.hops[i];
        if (!is_https(hop.url)) {
            return "the Autodiscover root was reached over plain HTTP (" + hop.url +
                   "), where anyone on the path could have named the user link";
        }
        if (!root.sip_domain.empty() && !is_in_domain(url_host(hop.url), root.sip_domain)) {
            return "the Autodiscover root was reached through " + hop.url + ", outside " + root.sip_domain;
        }
        // Every hop before the last was followed: a 200 among them is an Autodiscover Redirect document.
        if (i + 1 < root.hops.size() && hop.status == 200) {
            return "the Autodiscover root of " + root.start_url + " redirected to another deployment (" +
                   root.hops[i + 1].url + "); mobcheck signs in only where the SIP domain's own root sends it";
        }
    }
    if (!is_https(user_url)) return "the user link " + user_url + " is not an https:// URL";
    return "";
}

}  // namespace mobcheck
