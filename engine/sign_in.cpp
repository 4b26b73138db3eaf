#include "sign_in.hpp"

#include <curl/curl.h>
#include <strings.h>

#include <nlohmann/json.hpp>

#include "http_walker.hpp"
#include "model/autodiscover.hpp"
#include "model/names.hpp"
#include "model/oauth_authority.hpp"
#include "sign_in_rule.hpp"
#include "walk_request.hpp"

namespace mobcheck {

namespace {

const std::string kPlainHttpRoot = "the Autodiscover root came over plain HTTP (the port 80 rule)";

// The href of the MsRtcOAuth challenge: MsRtcOAuth href="https://.../WebTicket/oauthtoken",grant_type="..."
// (also when a proxy folded it into one header with the Bearer challenge).
std::string oauth_href(const HttpExchange& x) {
    for (const auto& c : parse_challenges(x.headers_named("WWW-Authenticate"))) {
        if (strcasecmp(c.scheme.c_str(), "MsRtcOAuth") == 0 && !c.param("href").empty()) return c.param("href");
    }
    return "";
}

std::string form_escape(const std::string& text) {
    char* escaped = curl_easy_escape(nullptr, text.c_str(), static_cast<int>(text.size()));
    std::string out = escaped != nullptr ? escaped : "";
    curl_free(escaped);
    return out;
}

std::string access_token(const std::string& body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_object()) return "";
    const auto it = json.find("access_token");
    return it != json.end() && it->is_string() ? it->get<std::string>() : "";
}

// What of a token endpoint's answer may reach the evidence: an answer with an access token is
// withheld whole; an OAuth error (RFC 6749 section 5.2) keeps only its error and error_description,
// so that the checks can say why the sign-in was refused.
std::string evidence_body(const std::string& body, bool holds_token) {
    if (body.empty()) return body;
    const auto json = holds_token ? nlohmann::json() : nlohmann::json::parse(body, nullptr, false);
    if (json.is_object() && json.contains("error") && json["error"].is_string()) {
        nlohmann::json kept = {{"error", json["error"]}};
        if (json.contains("error_description") && json["error_description"].is_string()) {
            kept["error_description"] = json["error_description"];
        }
        return kept.dump();
    }
    return "(withheld: " + std::to_string(body.size()) + " bytes)";
}

std::string describe_status(const HttpExchange& x) {
    return x.answered() ? "HTTP " + std::to_string(x.status) : (x.error.empty() ? x.failure : x.error);
}

}  // namespace

// lyncdiscover over HTTPS and over port 80 usually name the same user link: it is asked once,
// through the HTTPS root, and through the port 80 root only when the HTTPS one named none or
// another. So which root a result (and the sign-in) comes from never depends on which answered
// first, and a hosting provider's pool gets one challenge per SIP domain, not two.
void SignIn::root_walked(const HttpWalk& root, const std::string& user) {
    const std::string& sip = root.sip_domain;
    if (root.purpose == ProbePurpose::LyncdiscoverInternal || root.purpose == ProbePurpose::Lyncdiscover) {
        if (!user.empty()) challenge(sip, root.view, root.purpose.id(), user, sign_in_refusal(root, user));
    }
    if (root.purpose == ProbePurpose::Lyncdiscover) {
        https_user_[sip] = user;
        const auto waiting = port80_user_.find(sip);
        if (waiting != port80_user_.end() && waiting->second != user) {
            challenge(sip, root.view, ProbePurpose::LyncdiscoverPort80, waiting->second, kPlainHttpRoot);
        }
    } else if (root.purpose == ProbePurpose::LyncdiscoverPort80 && !user.empty()) {
        const auto https = https_user_.find(sip);
        if (https == https_user_.end()) {
            port80_user_[sip] = user;  // until the HTTPS root is in
        } else if (https->second != user) {
            challenge(sip, root.view, root.purpose.id(), user, kPlainHttpRoot);
        }
    }
}

// The user link without credentials: it must answer 401 with the OAuth challenge. via: the root that
// named it; refusal: why the password must not follow it ("" when it may).
void SignIn::challenge(const std::string& sip, DnsView view, ProbePurpose via, const std::string& user_url,
                       const std::string& refusal) {
    auto self = shared_from_this();
    walk_http(ctx_, json_request(ProbePurpose::UserChallenge, sip, via, view, user_url), [self, refusal](HttpWalk w) {
        self->authority_named(w);
        if (self->signs_in_here(w)) {
            if (refusal.empty()) {
                self->sign_in(w);
            } else {
                self->not_sent(w, ProbePurpose::UserDocument, w.start_url, "the password was not sent: " + refusal);
            }
        }
        self->ctx_.evidence.http.push_back(std::move(w));
    });
}

// Modern authentication: the OAuth authority the challenge's Bearer names is where phones sign in,
// so it is probed too (authority_probes.cpp), once per host, as the one that named it first: the
// same host under another path would be the same certificate again (http.modern-auth judges the first).
void SignIn::authority_named(const HttpWalk& challenge) {
    const HttpExchange* last = challenge.last();
    if (last == nullptr || last->status != 401) return;
    const auto authority = named_oauth_authority(parse_challenges(last->headers_named("WWW-Authenticate")));
    if (authority && authorities_.insert(authority->host).second) probe_oauth_authority(ctx_, *authority);
}

// --user: the authenticated walk runs once, for the user's SIP domain (the options make sure it is
// one of the run's), from the root a phone at this vantage asks first.
bool SignIn::signs_in_here(const HttpWalk& challenge) const {
    if (ctx_.credentials == nullptr || !ctx_.plan.user || ctx_.deadline_passed) return false;
    const ProbePurpose first =
        ctx_.plan.vantage == Vantage::Internal ? ProbePurpose::LyncdiscoverInternal : ProbePurpose::Lyncdiscover;
    return challenge.sip_domain == upn_domain(*ctx_.plan.user) && challenge.via == first;
}

// The OAuth password grant at the MsRtcOAuth href, then the user document with the token. Both
// requests carry secrets: the walker sends them only over HTTPS to the host that challenged.
void SignIn::sign_in(const HttpWalk& challenge) {
    const HttpExchange* last = challenge.last();
    const std::string host = last != nullptr ? url_host(last->url) : "";
    const std::string token_url = last != nullptr && last->status == 401 ? oauth_href(*last) : "";
    if (token_url.empty()) {
        return not_sent(challenge, ProbePurpose::UserDocument, challenge.start_url,
                        "no MsRtcOAuth challenge from the user link to get a token from (see http.user-challenge)");
    }
    WalkRequest t = credential_request(challenge, ProbePurpose::Token, token_url,
                                       {kAcceptJson, "Content-Type: application/x-www-form-urlencoded"}, host);
    t.post_body = "grant_type=password&username=" + form_escape(*ctx_.plan.user) +
                  "&password=" + form_escape(ctx_.credentials->password);
    auto self = shared_from_this();
    const std::string user_url = last->url;
    walk_http(ctx_, std::move(t), [self, challenge_walk = challenge, user_url, host](HttpWalk w) {
        std::string token;
        if (HttpExchange* x = w.hops.empty() ? nullptr : &w.hops.back(); x != nullptr && x->answered()) {
            token = access_token(x->body);
            // The access token never reaches the evidence.
            x->body = evidence_body(x->body, !token.empty());
        }
        self->ctx_.evidence.http.push_back(w);
        if (token.empty()) {
            return self->not_sent(challenge_walk, ProbePurpose::UserDocument, user_url,
                                  "no access token from " + w.start_url + " (" +
                                      (w.hops.empty() ? w.detail : describe_status(w.hops.back())) + ")");
        }
        record_walk(self->ctx_, credential_request(challenge_walk, ProbePurpose::UserDocument, user_url,
                                                   {"Accept: application/vnd.microsoft.rtc.autodiscover+xml;v=1",
                                                    "Authorization: Bearer " + token},
                                                   host));
    });
}

// A request mobcheck did not send, recorded as such, about the same SIP domain, root and view as from.
void SignIn::not_sent(const HttpWalk& from, ProbePurpose purpose, const std::string& url, const std::string& why) {
    HttpWalk w;
    w.purpose = purpose;
    w.sip_domain = from.sip_domain;
    w.via = from.via;
    w.view = from.view;
    w.start_url = url;
    w.end = HttpWalkEnd::NotSent;
    w.detail = why;
    ctx_.evidence.http.push_back(std::move(w));
}

}  // namespace mobcheck
