// HTTP probes (Microsoft's "Reverse Proxy Requirements", "Hardware Load Balancer Requirements", hairpin;
// SPEC §3 http, §4): the Autodiscover discovery walked as a phone walks it, then the web services
// it leads to. For every SIP domain, at once: lyncdiscoverinternal over HTTPS in the internal view
// (from inside only), lyncdiscover over HTTPS and over the HTTP port 80 rule in the external view.
// Each root's user link is asked without credentials (it must challenge). When the discovery is
// done, the web services FQDNs are known (given, or learned from the links and CNAME targets) and
// the web services are probed: the hairpin, /ucwa/ and /Mcx/, and fresh connections for affinity.
#include <curl/curl.h>
#include <strings.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <memory>
#include <optional>
#include <set>

#include "http_walker.hpp"
#include "sign_in_rule.hpp"
#include "model/autodiscover.hpp"
#include "engine/engine.hpp"
#include "model/names.hpp"
#include "probe_context.hpp"

namespace mobcheck {

namespace {

const std::string kAcceptJson = "Accept: application/json";
const std::string kPlainHttpRoot = "the Autodiscover root came over plain HTTP (the port 80 rule)";
// Fresh connections to the web services VIP that should all land on one Front End.
constexpr int kAffinityConnections = 4;

DnsView vantage_view(const Plan& plan) { return plan.vantage == Vantage::Internal ? DnsView::Internal : DnsView::External; }

// The href of the MsRtcOAuth challenge: MsRtcOAuth href="https://.../WebTicket/oauthtoken",grant_type="..."
std::string oauth_href(const HttpExchange& x) {
    for (const auto& value : x.headers_named("WWW-Authenticate")) {
        if (value.size() < 10 || strncasecmp(value.c_str(), "MsRtcOAuth", 10) != 0) continue;
        const auto at = value.find("href=\"");
        if (at == std::string::npos) continue;
        const auto end = value.find('"', at + 6);
        if (end != std::string::npos) return value.substr(at + 6, end - at - 6);
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

std::string describe_status(const HttpExchange& x) {
    return x.answered() ? "HTTP " + std::to_string(x.status) : (x.error.empty() ? x.failure : x.error);
}

class HttpRun : public std::enable_shared_from_this<HttpRun> {
public:
    explicit HttpRun(ProbeContext& ctx) : ctx_(ctx) {}

    void start() {
        const Plan& plan = ctx_.plan;
        for (std::size_t i = 0; i < plan.sip_domains.size(); ++i) {
            const std::string& sip = plan.sip_domains[i];
            if (plan.vantage == Vantage::Internal) {
                discover(i, ProbePurpose::LyncdiscoverInternal, DnsView::Internal, "https://" + lyncdiscoverinternal_name(sip) + "/");
            }
            discover(i, ProbePurpose::Lyncdiscover, DnsView::External, "https://" + lyncdiscover_name(sip) + "/");
            discover(i, ProbePurpose::LyncdiscoverPort80, DnsView::External, "http://" + lyncdiscover_name(sip) + "/");
        }
        // Given web FQDNs need not wait for the discovery.
        if (plan.external_web) probe_external_web(*plan.external_web);
        hold();
        release();  // settles at once when there is nothing to discover
    }

private:
    using Key = std::pair<std::size_t, ProbePurpose>;  // (SIP domain index, discovery purpose)

    // The discovery and the lookups of the hosts it names must end before the names are learned.
    void hold() { ++pending_; }
    void release() {
        if (--pending_ == 0) settle();
    }

    void discover(std::size_t sip_index, ProbePurpose purpose, DnsView view, const std::string& url) {
        WalkRequest r;
        r.purpose = purpose;
        r.sip_domain = ctx_.plan.sip_domains[sip_index];
        r.view = view;
        r.url = url;
        r.headers = {kAcceptJson};
        hold();
        auto self = shared_from_this();
        walk_http(ctx_, std::move(r), [self, sip_index](HttpWalk walk) { self->discovered(sip_index, std::move(walk)); });
    }

    void discovered(std::size_t sip_index, HttpWalk walk) {
        const Key key{sip_index, walk.purpose.id()};
        const std::string start_host = url_host(walk.start_url);
        // The CNAME target of the discovery name is a candidate web FQDN too (cached: the walk resolved it).
        auto self = shared_from_this();
        ctx_.names.resolve(walk.view, start_host, [self, key](const NameResolution& r) {
            if (!r.chain.empty()) self->cname_targets_[key] = r.chain.back().target;
        });
        const HttpExchange* last = walk.last();
        std::string user;
        if (walk.end == HttpWalkEnd::Response && last != nullptr && last->status == 200) {
            const AutodiscoverDocument doc = parse_autodiscover(last->body, last->header("Content-Type"));
            if (doc.kind == AutodiscoverDocument::Kind::Root && !doc.link("user").empty()) {
                user = doc.link("user");
                root_hosts_[key] = url_host(user);
                // http.autodiscover-links: every host an external root names must resolve outside.
                if (walk.view == DnsView::External) {
                    for (const auto& link : doc.links) resolve_link_host(url_host(link.href));
                }
            }
        }
        challenge_after_root(walk, user);
        ctx_.evidence.http.push_back(std::move(walk));
        release();
    }

    // lyncdiscover over HTTPS and over port 80 usually name the same user link: it is asked once,
    // through the HTTPS root, and through the port 80 root only when the HTTPS one named none or
    // another. So which root a result (and the sign-in) comes from never depends on which answered
    // first, and a hosting provider's pool gets one challenge per SIP domain, not two.
    void challenge_after_root(const HttpWalk& root, const std::string& user) {
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

    void resolve_link_host(const std::string& host) {
        if (host.empty()) return;
        hold();
        auto self = shared_from_this();
        ctx_.names.resolve(DnsView::External, host, [self, host](const NameResolution& r) {
            if (r.resolves()) self->public_hosts_.insert(host);
            self->release();
        });
    }

    // The user link without credentials: it must answer 401 with the OAuth challenge. via: the root that
    // named it; refusal: why the password must not follow it ("" when it may).
    void challenge(const std::string& sip, DnsView view, ProbePurpose via, const std::string& user_url,
                   const std::string& refusal) {
        WalkRequest r;
        r.purpose = ProbePurpose::UserChallenge;
        r.sip_domain = sip;
        r.via = via;
        r.view = view;
        r.url = user_url;
        r.headers = {kAcceptJson};
        auto self = shared_from_this();
        walk_http(ctx_, std::move(r), [self, refusal](HttpWalk w) {
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

    // --user: the authenticated walk runs once, for the user's SIP domain (the options make sure it is
    // one of the run's), from the root a phone at this vantage asks first.
    bool signs_in_here(const HttpWalk& challenge) const {
        if (ctx_.credentials == nullptr || !ctx_.plan.user || ctx_.deadline_passed) return false;
        const ProbePurpose first = ctx_.plan.vantage == Vantage::Internal ? ProbePurpose::LyncdiscoverInternal : ProbePurpose::Lyncdiscover;
        return challenge.sip_domain == upn_domain(*ctx_.plan.user) && challenge.via == first;
    }

    // The OAuth password grant at the MsRtcOAuth href, then the user document with the token. Both
    // requests carry secrets: the walker sends them only over HTTPS to the host that challenged.
    void sign_in(const HttpWalk& challenge) {
        const HttpExchange* last = challenge.last();
        const std::string host = last != nullptr ? url_host(last->url) : "";
        const std::string token_url = last != nullptr && last->status == 401 ? oauth_href(*last) : "";
        if (token_url.empty()) {
            return not_sent(challenge, ProbePurpose::UserDocument, challenge.start_url,
                            "no MsRtcOAuth challenge from the user link to get a token from (see http.user-challenge)");
        }
        WalkRequest t;
        t.purpose = ProbePurpose::Token;
        t.sip_domain = challenge.sip_domain;
        t.via = challenge.via.id();
        t.view = challenge.view;
        t.url = token_url;
        t.headers = {kAcceptJson, "Content-Type: application/x-www-form-urlencoded"};
        t.post_body = "grant_type=password&username=" + form_escape(*ctx_.plan.user) +
                      "&password=" + form_escape(ctx_.credentials->password);
        t.follow = false;
        t.credential_host = host;
        auto self = shared_from_this();
        const std::string user_url = last->url;
        walk_http(ctx_, std::move(t), [self, challenge_walk = challenge, user_url, host](HttpWalk w) {
            std::string token;
            if (HttpExchange* x = w.hops.empty() ? nullptr : &w.hops.back(); x != nullptr && x->answered()) {
                token = access_token(x->body);
                // The answer holds the access token: it never reaches the evidence.
                if (!x->body.empty()) x->body = "(withheld: " + std::to_string(x->body.size()) + " bytes)";
            }
            self->ctx_.evidence.http.push_back(w);
            if (token.empty()) {
                return self->not_sent(challenge_walk, ProbePurpose::UserDocument, user_url,
                                      "no access token from " + w.start_url + " (" +
                                          (w.hops.empty() ? w.detail : describe_status(w.hops.back())) + ")");
            }
            WalkRequest d;
            d.purpose = ProbePurpose::UserDocument;
            d.sip_domain = challenge_walk.sip_domain;
            d.via = challenge_walk.via.id();
            d.view = challenge_walk.view;
            d.url = user_url;
            d.headers = {"Accept: application/vnd.microsoft.rtc.autodiscover+xml;v=1", "Authorization: Bearer " + token};
            d.follow = false;
            d.credential_host = host;
            self->record(std::move(d));
        });
    }

    void not_sent(const HttpWalk& from, ProbePurpose purpose, const std::string& url, const std::string& why) {
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

    void record(WalkRequest r) {
        auto self = shared_from_this();
        walk_http(ctx_, std::move(r), [self](HttpWalk w) { self->ctx_.evidence.http.push_back(std::move(w)); });
    }

    // The first candidate in the order of the SIP domains, so two runs learn the same name.
    std::optional<LearnedName> first_candidate(const std::vector<ProbePurpose>& purposes, bool must_be_public) const {
        for (std::size_t i = 0; i < ctx_.plan.sip_domains.size(); ++i) {
            const std::string& sip = ctx_.plan.sip_domains[i];
            for (const auto& purpose : purposes) {
                auto it = root_hosts_.find({i, purpose});
                if (it == root_hosts_.end()) continue;
                if (must_be_public && public_hosts_.count(it->second) == 0) continue;
                const std::string scheme = purpose == ProbePurpose::LyncdiscoverPort80 ? "http://" : "https://";
                const std::string name = purpose == ProbePurpose::LyncdiscoverInternal ? lyncdiscoverinternal_name(sip) : lyncdiscover_name(sip);
                return LearnedName{it->second, "the Autodiscover links of " + scheme + name + "/"};
            }
        }
        for (std::size_t i = 0; i < ctx_.plan.sip_domains.size(); ++i) {
            for (const auto& purpose : purposes) {
                auto it = cname_targets_.find({i, purpose});
                if (it == cname_targets_.end()) continue;
                const std::string& sip = ctx_.plan.sip_domains[i];
                const std::string name = purpose == ProbePurpose::LyncdiscoverInternal ? lyncdiscoverinternal_name(sip) : lyncdiscover_name(sip);
                return LearnedName{it->second, "the CNAME target of " + name};
            }
        }
        return std::nullopt;
    }

    void settle() {
        if (settled_ || ctx_.deadline_passed) return;
        settled_ = true;
        const Plan& plan = ctx_.plan;
        if (!plan.internal_web) {
            ctx_.evidence.learned.internal_web = first_candidate({ProbePurpose::LyncdiscoverInternal}, false);
            if (ctx_.evidence.learned.internal_web) probe_web_names(ctx_, ctx_.evidence.learned.internal_web->name);
        }
        if (!plan.external_web) {
            // A link to a name that does not resolve outside is what http.autodiscover-links reports, never
            // the external web FQDN.
            ctx_.evidence.learned.external_web = first_candidate({ProbePurpose::Lyncdiscover, ProbePurpose::LyncdiscoverPort80}, true);
            if (ctx_.evidence.learned.external_web) {
                probe_web_names(ctx_, ctx_.evidence.learned.external_web->name);
                probe_external_web_certificate(ctx_, ctx_.evidence.learned.external_web->name);
                probe_external_web(ctx_.evidence.learned.external_web->name);
            }
        }
    }

    // The web services behind the external web FQDN.
    void probe_external_web(const std::string& web) {
        const Plan& plan = ctx_.plan;
        const std::string base = "https://" + web;
        if (plan.vantage == Vantage::Internal) {
            // The hairpin: from inside, the reverse proxy's public address must answer (Microsoft: "Hair pinning
            // ... must be allowed in order for mobility to function").
            record(web_request(ProbePurpose::Hairpin, DnsView::External, base + "/"));
        }
        const DnsView view = vantage_view(plan);
        record(web_request(ProbePurpose::Ucwa, view, base + "/ucwa/"));
        record(web_request(ProbePurpose::Mcx, view, base + "/Mcx/McxService.svc"));
        for (int i = 0; i < kAffinityConnections; ++i) {
            WalkRequest r = web_request(ProbePurpose::Affinity, view, base + "/Autodiscover/AutodiscoverService.svc/root");
            r.fresh_connection = true;
            record(std::move(r));
        }
    }

    static WalkRequest web_request(ProbePurpose purpose, DnsView view, const std::string& url) {
        WalkRequest r;
        r.purpose = purpose;
        r.view = view;
        r.url = url;
        r.headers = {kAcceptJson};
        r.follow = false;  // the answer of the web services themselves is the evidence
        return r;
    }

    ProbeContext& ctx_;
    int pending_ = 0;
    bool settled_ = false;
    std::map<Key, std::string> root_hosts_;     // host of the root's user link
    std::map<Key, std::string> cname_targets_;  // end of the discovery name's CNAME chain
    std::set<std::string> public_hosts_;        // link hosts that resolve in the external view
    std::map<std::string, std::string> https_user_;   // SIP domain → user link of its HTTPS root ("": none), once in
    std::map<std::string, std::string> port80_user_;  // SIP domain → user link of its port 80 root, while the HTTPS one is out
};

}  // namespace

void start_http_probes(ProbeContext& ctx) { std::make_shared<HttpRun>(ctx)->start(); }

}  // namespace mobcheck
