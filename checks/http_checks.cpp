// http.*: the Autodiscover service as a phone walks it, and the web services it leads to.
// Rule sources (sources.hpp): Microsoft's "Technical requirements for mobility in Lync Server 2013",
// sections "Reverse Proxy Requirements", "Certificate Requirements" (port 80), "Hardware Load Balancer
// Requirements", "Internet Information Services (IIS) Requirements", and its hairpin paragraph; SPEC §4
// for the protocol.
#include <algorithm>
#include <map>
#include <set>

#include "categories.hpp"
#include "sources.hpp"
#include "checks_common.hpp"
#include "http_common.hpp"
#include "model/names.hpp"
#include "model/strings.hpp"
#include "model/www_authenticate.hpp"

namespace mobcheck::checks {

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

// The fix for a discovery walk that ended without a root, by how its last request ended; "" leaves the
// check's own.
std::string walk_fix(const HttpExchange* last, const std::string& host, bool through_proxy) {
    if (last == nullptr) return "";
    if (!last->answered()) {
        if (last->failure == "connect" || last->failure == "timeout") {
            return "Make " + host + " answer on port 443 from where the phones are: the reverse proxy (outside) or "
                   "the Front End pool or Director (inside) must listen there, and the firewalls must let TCP 443 in.";
        }
        return "";
    }
    if (last->status == 401 || last->status == 403) {
        return "The Autodiscover root asks for credentials (HTTP " + std::to_string(last->status) + "): " +
               (through_proxy ? "publish /autodiscover/ on the reverse proxy without pre-authentication (pass-through, "
                                "anonymous)"
                              : "allow anonymous access to the Autodiscover root of the pool's internal web site") +
               "; the Autodiscover service authenticates the user itself.";
    }
    if (last->status >= 500) {
        return "The server behind " + host + " fails (HTTP " + std::to_string(last->status) +
               "): check the Front End pool's web services (IIS, the Autodiscover virtual directory, the pool's "
               "health) and the reverse proxy's route to them (port 4443 outside, 443 inside).";
    }
    return "";
}

// The result of one discovery walk: pass on a root, else broken/skip/error with the hops.
Result& judge_discovery_walk(CheckContext& ctx, const std::string& sip, const HttpWalk* walk, const std::string& url,
                             const std::string& who, const std::string& dns_check) {
    const Discovery d = judge_discovery(ctx.evidence(), walk);
    Result* r = nullptr;
    if (!d.found) return not_in_evidence(ctx, sip, sip, "HTTP request to " + url);
    if (const Result* online = skype_online_cause(ctx, walk->view, url_host(url), sip)) {
        Result& blocked = ctx.blocked(sip, sip, *online, url_host(url) + " leads to Skype for Business Online, not to this deployment");
        blocked.evidence["walk"] = to_json(*walk);
        return blocked;
    }
    std::string cause_text;
    const Result* dns_cause = d.unresolved ? resolution_cause(ctx, walk->view, url_host(walk->start_url), sip) : nullptr;
    if (d.root) {
        r = &ctx.pass(sip, sip, url + " answers an Autodiscover root (" + std::string(to_string(d.document.format)) +
                                    ", user link " + d.document.link("user") + "): " + d.summary);
    } else if (dns_cause != nullptr) {
        r = &ctx.blocked(sip, sip, *dns_cause, d.problem);
    } else if (d.unresolved) {
        r = &ctx.emit(Status::Skip, sip, sip, "no request: " + d.problem + "; " + dns_check + " reports it");
    } else if (const Result* cause = transport_cause(ctx, *walk, cause_text)) {
        r = &ctx.blocked(sip, sip, *cause, cause_text);
    } else if (d.undecided) {
        r = &ctx.emit(Status::Error, sip, sip, "could not tell whether " + url + " answers: " + d.problem);
    } else {
        r = &ctx.broken(sip, sip, who + " get no Autodiscover root from " + url + ": " + d.problem + ". Walk: " + d.summary);
        const HttpExchange* last = walk->last();
        r->remediation = walk_fix(last, url_host(url), walk->view == DnsView::External);
        if (last != nullptr && last->answered() && (last->status == 401 || last->status == 403)) r->reason = "pre-authentication";
        if (last != nullptr && last->answered() && last->status >= 500) r->reason = "server-error";
        if (last == nullptr || !last->answered()) r->reason = "no-answer";
    }
    r->evidence["walk"] = to_json(*walk);
    return *r;
}

void check_http_lyncdiscoverinternal(CheckContext& ctx) {
    for (const auto& sip : ctx.plan().sip_domains) {
        if (ctx.plan().vantage == Vantage::External) {
            ctx.emit(Status::Skip, sip, sip,
                     lyncdiscoverinternal_name(sip) + " is an internal endpoint, not expected to answer from this "
                                                      "vantage (external)");
            continue;
        }
        const std::string url = "https://" + lyncdiscoverinternal_name(sip) + "/";
        Result& r = judge_discovery_walk(ctx, sip, find_walk(ctx.evidence(), ProbePurpose::LyncdiscoverInternal, sip), url,
                                         "Mobile devices on the corporate network", "dns.lyncdiscoverinternal");
        if (r.status == Status::Fail && r.remediation.empty()) {
            r.remediation = "Make the Front End pool or Director answer " + url +
                            " with the Autodiscover service: lyncdiscoverinternal." + sip +
                            " must point at its internal web services (443), whose certificate covers the name.";
        }
    }
}

CheckDef http_lyncdiscoverinternal_entry() {
    return {
        .id = "http.lyncdiscoverinternal",
        .title = "https://lyncdiscoverinternal.<sip>/ answers an Autodiscover root",
        .severity = Status::Fail,
        .rule = "For every SIP domain, GET https://lyncdiscoverinternal.<sip>/ at its internal-view address (as a "
                "phone on the Wi-Fi asks first) returns an Autodiscover root: JSON with a user link, XML <Root> with a "
                "User link, or a redirect that mobcheck follows to one. Redirects to another domain, loops and more "
                "than 6 requests are failed hops. Skipped from vantage external.",
        .source = std::string(kMobilityRequirements) + ", section \"Internal and External DNS Configuration\": \"a "
                  "connection is first attempted to the FQDN that is associated with the internal DNS record\"",
        .remediation = "Make lyncdiscoverinternal.<sip> reach the Autodiscover service of the Front End pool or "
                       "Director over HTTPS.",
        .fn = &check_http_lyncdiscoverinternal,
        .prerequisites = {"dns.resolver", "dns.lyncdiscoverinternal", "tls.lyncdiscoverinternal-san",
                          "tls.external-web-san", "tls.chain", "tls.validity", "tls.protocol"},
        .reasons = {{"no-root", "the walk ends in no Autodiscover root with a user link"},
                    {"pre-authentication", "the root asks for credentials (HTTP 401/403): pre-authentication on the reverse proxy"},
                    {"server-error", "the server behind the name fails (HTTP 5xx)"},
                    {"no-answer", "no HTTP answer: nothing listens, or the connection is dropped"}},
    };
}

void check_http_lyncdiscover(CheckContext& ctx) {
    for (const auto& sip : ctx.plan().sip_domains) {
        const std::string url = "https://" + lyncdiscover_name(sip) + "/";
        Result& r = judge_discovery_walk(ctx, sip, find_walk(ctx.evidence(), ProbePurpose::Lyncdiscover, sip), url,
                                         "Mobile devices on the Internet", "dns.lyncdiscover");
        if (r.status != Status::Fail) continue;
        const Port80 port80 = port80_state(ctx.evidence(), sip);
        if (port80.published) {
            r.status = Status::Info;
            r.message += ". Only the HTTP port 80 path works (" + port80.why +
                         "): supported for the first request, though not recommended.";
            r.message += " Nothing is required; to serve the first request over HTTPS as recommended, publish " + url +
                         " on the reverse proxy with a certificate covering " + lyncdiscover_name(sip) + ".";
        } else if (r.remediation.empty()) {
            r.remediation = "Publish " + url + " on the reverse proxy (a web publishing rule for " +
                            lyncdiscover_name(sip) + " to the pool's external web services on 4443, with a "
                            "certificate covering the name), or publish it over HTTP port 80 (to the pool's 8080).";
        }
    }
}

CheckDef http_lyncdiscover_entry() {
    return {
        .id = "http.lyncdiscover",
        .title = "https://lyncdiscover.<sip>/ answers an Autodiscover root",
        .severity = Status::Fail,
        .rule = "For every SIP domain, GET https://lyncdiscover.<sip>/ at its external-view address (through the "
                "reverse proxy) returns an Autodiscover root. Info instead of fail when only the HTTP port 80 path "
                "works, which the rules support.",
        .source = std::string(kMobilityRequirements) + ", sections \"Reverse Proxy Requirements\" and \"Internal and "
                  "External DNS Configuration\": \"External Autodiscover requests go through the reverse proxy\"; " +
                  kPortSummary,
        .remediation = "Publish lyncdiscover.<sip> on the reverse proxy (443 to the pool's external web services on "
                       "4443) with a certificate covering it, or over HTTP port 80 (to the pool's 8080).",
        .fn = &check_http_lyncdiscover,
        .prerequisites = {"dns.resolver", "dns.lyncdiscover", "tls.lyncdiscover-san", "tls.external-web-san",
                          "tls.chain", "tls.validity", "tls.protocol"},
        .reasons = {{"no-root", "the walk ends in no Autodiscover root with a user link"},
                    {"pre-authentication", "the root asks for credentials (HTTP 401/403): pre-authentication on the reverse proxy"},
                    {"server-error", "the server behind the name fails (HTTP 5xx)"},
                    {"no-answer", "no HTTP answer: nothing listens, or the connection is dropped"}},
    };
}

void check_http_lyncdiscover_port80(CheckContext& ctx) {
    for (const auto& sip : ctx.plan().sip_domains) {
        const Port80 p = port80_state(ctx.evidence(), sip);
        const std::string url = "http://" + lyncdiscover_name(sip) + "/";
        const HttpWalk* walk = find_walk(ctx.evidence(), ProbePurpose::LyncdiscoverPort80, sip);
        if (!p.probed) {
            not_in_evidence(ctx, sip, sip, "HTTP request to " + url);
            continue;
        }
        const Discovery d = judge_discovery(ctx.evidence(), walk);
        const std::string required = port80_required_because(ctx.evidence(), sip);
        Result* r = nullptr;
        if (const Result* online = skype_online_cause(ctx, DnsView::External, lyncdiscover_name(sip), sip)) {
            r = &ctx.blocked(sip, sip, *online, lyncdiscover_name(sip) + " leads to Skype for Business Online, not to this deployment");
        } else if (p.published) {
            r = &ctx.pass(sip, sip, p.why);
        } else if (const Result* dns = walk->end == HttpWalkEnd::Unresolved
                                           ? resolution_cause(ctx, walk->view, url_host(walk->start_url), sip)
                                           : nullptr) {
            r = &ctx.blocked(sip, sip, *dns, d.problem);
        } else if (d.unresolved) {
            r = &ctx.emit(Status::Skip, sip, sip, "no request: " + d.problem + "; dns.lyncdiscover reports it");
        } else if (p.undecided) {
            r = &ctx.emit(Status::Error, sip, sip, "could not tell: " + p.why);
        } else if (!required.empty()) {
            r = &ctx.broken(sip, sip,
                            "the HTTP port 80 rule is required because " + required + ", but it does not work: " + p.why);
            r->remediation = "On the reverse proxy, create a web publishing rule for HTTP/TCP 80 that includes " +
                             lyncdiscover_name(sip) + " and forwards to the pool's external web services on 8080, "
                             "without redirecting to HTTPS (see \"Reverse Proxy Requirements\" in Microsoft's \"Technical "
                             "requirements for mobility in Lync Server 2013\").";
        } else {
            r = &ctx.emit(Status::Info, sip, sip,
                          "not published (" + p.why + "); not needed: HTTPS works without it (" + lyncdiscover_name(sip) +
                              " stays in the SIP domain and the reverse proxy certificate covers it)");
        }
        r->evidence["walk"] = to_json(*walk);
        if (!required.empty()) r->evidence["required_because"] = required;
    }
}

CheckDef http_lyncdiscover_port80_entry() {
    return {
        .id = "http.lyncdiscover-port80",
        .title = "http://lyncdiscover.<sip>/ is published when it is needed",
        .severity = Status::Fail,
        .rule = "GET http://lyncdiscover.<sip>/ returns an Autodiscover root over plain HTTP (a redirect is followed "
                "only while it stays on HTTP: the rule must not redirect to HTTPS). Fail when the rule is needed, "
                "because the external CNAME of lyncdiscover.<sip> leaves the SIP domain or the reverse proxy "
                "certificate lacks lyncdiscover.<sip>; info otherwise.",
        .source = std::string(kMobilityRequirements) + ", section \"Internal and External DNS Configuration\": \"a "
                  "mobile device client needs to use HTTP for the first request ... you need to configure your reverse "
                  "proxy with a web publishing rule for port 80\", and section \"Reverse Proxy Requirements\"; " +
                  kPortSummary,
        .remediation = "On the reverse proxy, create a web publishing rule for HTTP/TCP 80 including "
                       "lyncdiscover.<sip>, forwarding to the pool's external web services on 8080, without "
                       "redirecting to HTTPS.",
        .fn = &check_http_lyncdiscover_port80,
        .prerequisites = {"dns.resolver", "dns.lyncdiscover"},
        .reasons = {{"port80-missing", "the HTTP port 80 rule is needed and gives no Autodiscover root (or redirects to HTTPS)"}},
    };
}

void check_http_autodiscover_links(CheckContext& ctx) {
    const Evidence& ev = ctx.evidence();
    const auto external_web = ev.external_web();
    for (const auto& sip : ctx.plan().sip_domains) {
        if (const Result* online = skype_online_cause(ctx, DnsView::External, lyncdiscover_name(sip), sip)) {
            ctx.blocked(sip, sip, *online, "the external Autodiscover root is Skype for Business Online's, not this deployment's");
            continue;
        }
        // The external root a phone on the Internet gets: over HTTPS, else over port 80.
        const HttpWalk* walk = nullptr;
        Discovery d;
        for (ProbePurpose purpose : {ProbePurpose::Lyncdiscover, ProbePurpose::LyncdiscoverPort80}) {
            walk = find_walk(ev, purpose, sip);
            d = judge_discovery(ev, walk);
            if (d.root) break;
        }
        if (!d.root) {
            if (const Result* discovery = ctx.cause("http.lyncdiscover", sip)) {
                ctx.blocked(sip, sip, *discovery, "no external Autodiscover root to read links from");
            } else {
                ctx.emit(Status::Skip, sip, sip,
                         "no external Autodiscover root to read links from; http.lyncdiscover reports why");
            }
            continue;
        }
        std::vector<std::string> internal_only, elsewhere, fine;
        for (const auto& link : d.document.links) {
            const std::string host = url_host(link.href);
            const NameResolution outside = resolve_name(ev, DnsView::External, host);
            const std::string entry = link.token + " → " + link.href;
            if (host.empty()) {
                elsewhere.push_back(entry + " (not an absolute http(s) URL)");
            } else if (outside.looked_up && !outside.resolves() && !is_undecided(outside.outcome)) {
                internal_only.push_back(entry + " (" + host + " does not resolve outside: " + outside.describe() + ")");
            } else if (external_web && host != *external_web) {
                elsewhere.push_back(entry + " (not the external web FQDN " + *external_web + ev.external_web_note() + ")");
            } else {
                fine.push_back(link.token);
            }
        }
        Result* r = nullptr;
        if (!internal_only.empty() || !elsewhere.empty()) {
            std::vector<std::string> all = internal_only;
            all.insert(all.end(), elsewhere.begin(), elsewhere.end());
            r = &ctx.broken(sip, sip,
                            "the external Autodiscover root of " + sip + " sends phones on the Internet to names they "
                            "cannot use: " + join(all) + ". Walk: " + d.summary);
            r->remediation = "Set the pool's external web services FQDN in Topology Builder to the name published "
                             "through the reverse proxy" + (external_web ? " (" + *external_web + ")" : std::string()) +
                             ", publish the topology, and make sure the reverse proxy forwards lyncdiscover." + sip +
                             " to the pool's external web services (4443), not to its internal ones (443).";
        } else {
            r = &ctx.pass(sip, sip, "the " + std::to_string(fine.size()) + " links of the external Autodiscover root (" +
                                        join(fine) + ") point at " +
                                        (external_web ? *external_web : std::string("names that resolve outside")));
        }
        r->evidence["links"] = nlohmann::json::array();
        for (const auto& link : d.document.links) r->evidence["links"].push_back({{"token", link.token}, {"href", link.href}});
        r->evidence["root_url"] = walk->hops.back().url;
    }
}

CheckDef http_autodiscover_links_entry() {
    return {
        .id = "http.autodiscover-links",
        .title = "the external Autodiscover links point at the external web FQDN",
        .severity = Status::Fail,
        .rule = "Every link of the external Autodiscover root (self, user, xframe; Domain, User, OAuth) names the "
                "external web services FQDN, never a name that resolves only inside.",
        .source = std::string(kMobilityRequirements) + ", section \"Internal and External DNS Configuration\", the "
                  "topology requirements: \"For a user who is outside the corporate network, the request must go to "
                  "the external web FQDN of the Front End pool or Director\"",
        .remediation = "Set the external web services FQDN in Topology Builder and make the reverse proxy forward to "
                       "the pool's external web services (4443), which answer with external links.",
        .fn = &check_http_autodiscover_links,
        .prerequisites = {"dns.resolver", "dns.lyncdiscover", "http.lyncdiscover", "tls.protocol"},
        .reasons = {{"links-not-public", "a link of the external root names a host that does not resolve outside"}},
    };
}

// "MsRtcOAuth", "Bearer", "WebTicket"... from every WWW-Authenticate header, also when several are
// folded into one.
std::vector<std::string> challenge_schemes(const HttpExchange& x) {
    std::vector<std::string> schemes;
    for (const auto& c : parse_challenges(x.headers_named("WWW-Authenticate"))) schemes.push_back(c.scheme);
    return schemes;
}

bool is_mobile_challenge(const std::string& scheme) {
    return iequals(scheme, "MsRtcOAuth") || iequals(scheme, "Bearer") || iequals(scheme, "WebTicket");
}

void judge_user_challenge(CheckContext& ctx, const std::string& subject, const std::string& sip, const HttpWalk& walk) {
    const HttpExchange* last = walk.last();
    Result* r = nullptr;
    std::string cause_text;
    if (const Result* cause = transport_cause(ctx, walk, cause_text)) {
        r = &ctx.blocked(subject, sip, *cause, cause_text);
    } else if (last == nullptr || !last->answered()) {
        r = &ctx.broken(subject, sip, "the user link gives no answer: " + describe_hops(walk));
        r->reason = "no-answer";
        const std::string host = last == nullptr ? url_host(walk.start_url) : url_host(last->url);
        r->remediation = "Make " + host + " answer on port 443 where the user link sends phones (" +
                         (last == nullptr ? walk.start_url : last->url) +
                         "): the reverse proxy (or, inside, the pool) must listen there and forward to the "
                         "Autodiscover service.";
    } else {
        const auto schemes = challenge_schemes(*last);
        const bool oauth = std::any_of(schemes.begin(), schemes.end(), is_mobile_challenge);
        if (last->status == 401 && oauth) {
            r = &ctx.pass(subject, sip, "the user link " + walk.start_url + " challenges with " + join(schemes));
        } else if (last->status == 401) {
            r = &ctx.broken(subject, sip,
                            "the user link " + walk.start_url + " answers 401 without an MsRtcOAuth, WebTicket or "
                            "Bearer challenge (" + (schemes.empty() ? "no WWW-Authenticate at all" : join(schemes)) +
                            "): mobile clients cannot learn where to sign in");
        } else {
            r = &ctx.broken(subject, sip,
                            "the user link " + walk.start_url + " answers " + std::to_string(last->status) +
                                " instead of a 401 challenge: " + describe_hops(walk));
        }
    }
    if (r->status == Status::Fail && r->remediation.empty()) {
        r->remediation = "The user link must reach the Autodiscover service of the pool unauthenticated and get its "
                         "401 MsRtcOAuth challenge: make sure the reverse proxy passes the request through without "
                         "pre-authentication and without rewriting WWW-Authenticate, and that the Autodiscover "
                         "virtual directory's OAuth settings are intact.";
    }
    r->evidence["walk"] = to_json(walk);
}

void check_http_user_challenge(CheckContext& ctx) {
    const Evidence& ev = ctx.evidence();
    for (const auto& sip : ctx.plan().sip_domains) {
        // One per SIP domain and view: the internal root's user link, and the external root's (the one over
        // HTTPS when it named one, else the one over port 80: both usually name the same link).
        for (DnsView view : {DnsView::Internal, DnsView::External}) {
            if (view == DnsView::Internal && ctx.plan().vantage == Vantage::External) continue;
            const std::string subject = view == DnsView::Internal ? lyncdiscoverinternal_name(sip) : lyncdiscover_name(sip);
            if (const Result* online = skype_online_cause(ctx, view, subject, sip)) {
                ctx.blocked(subject, sip, *online, subject + " leads to Skype for Business Online, not to this deployment");
                continue;
            }
            const HttpWalk* walk = nullptr;
            for (const auto& w : ev.http) {
                if (w.purpose != ProbePurpose::UserChallenge || w.sip_domain != sip || w.view != view) continue;
                if (walk == nullptr || (walk->via == ProbePurpose::LyncdiscoverPort80 && w.via != ProbePurpose::LyncdiscoverPort80)) walk = &w;
            }
            if (walk == nullptr) {
                const std::string discovery_check =
                    std::string("http.lyncdiscover") + (view == DnsView::Internal ? "internal" : "");
                if (const Result* discovery = ctx.cause(discovery_check, sip)) {
                    ctx.blocked(subject, sip, *discovery, "no Autodiscover root from " + subject + " gave a user link to ask");
                } else {
                    ctx.emit(Status::Skip, subject, sip,
                             "no Autodiscover root from " + subject + " gave a user link to ask (" + discovery_check +
                                 " reports why)");
                }
                continue;
            }
            judge_user_challenge(ctx, subject, sip, *walk);
        }
    }
}

CheckDef http_user_challenge_entry() {
    return {
        .id = "http.user-challenge",
        .title = "the user link answers 401 with an OAuth challenge",
        .severity = Status::Fail,
        .rule = "The user link of every Autodiscover root, asked without credentials, answers 401 with an MsRtcOAuth "
                "(or WebTicket/Bearer) challenge that tells the client where to get a token.",
        .source = kUcwaAuthentication,
        .remediation = "Let the user link reach the pool's Autodiscover service without pre-authentication on the "
                       "reverse proxy, and keep its WWW-Authenticate headers intact.",
        .fn = &check_http_user_challenge,
        .prerequisites = {"http.lyncdiscoverinternal", "http.lyncdiscover", "tls.lyncdiscoverinternal-san",
                          "tls.lyncdiscover-san", "tls.external-web-san", "tls.chain", "tls.validity", "tls.protocol"},
        .reasons = {{"no-challenge", "the user link does not challenge with MsRtcOAuth (pre-authentication on the reverse proxy?)"}, {"no-answer", "the user link gives no HTTP answer"}},
    };
}

// The external web FQDN the web services probes were aimed at, or a skip result explaining its absence.
std::optional<std::string> web_or_skip(CheckContext& ctx, const std::string& what) {
    auto web = ctx.evidence().external_web();
    if (!web) web_fqdn_unknown(ctx, true, "external web services", "", "no " + what);
    return web;
}

// A request that reached an HTTP server (or at least its TLS): the network path works.
bool reached(const HttpExchange& x) { return x.answered() || x.failure == "tls" || x.failure == "tls-verify"; }

void check_http_hairpin(CheckContext& ctx) {
    if (ctx.plan().vantage == Vantage::External) {
        ctx.emit(Status::Skip, "hairpin", "", "from outside the corporate network there is no hairpin to test (vantage external)");
        return;
    }
    const auto web = web_or_skip(ctx, "hairpin to test");
    if (!web) return;
    const auto walks = find_walks(ctx.evidence(), ProbePurpose::Hairpin);
    if (walks.empty()) {
        not_in_evidence(ctx, *web, "", "hairpin request to " + *web);
        return;
    }
    const HttpWalk& walk = *walks.front();
    const HttpExchange* last = walk.last();
    Result* r = nullptr;
    std::string cause_text;
    if (const Result* cause = walk.end == HttpWalkEnd::Unresolved ? transport_cause(ctx, walk, cause_text) : nullptr) {
        r = &ctx.blocked(*web, "", *cause, cause_text);
    } else if (walk.end == HttpWalkEnd::Unresolved) {
        r = &ctx.emit(Status::Skip, *web, "", "no public address to test: " + walk.detail + "; dns.web-external-public reports it");
    } else if (last != nullptr && reached(*last)) {
        r = &ctx.pass(*web, "", "from inside, " + walk.start_url + " at its public address " + last->address +
                                    " answers (" + (last->answered() ? "HTTP " + std::to_string(last->status)
                                                                     : "TLS reached: " + last->failure) + "): the hairpin is allowed");
    } else if (judge_discovery(ctx.evidence(), &walk).undecided) {
        r = &ctx.emit(Status::Error, *web, "", "could not tell: " + describe_hops(walk));
    } else {
        r = &ctx.broken(*web, "",
                        "from inside, the external web FQDN " + *web + ctx.evidence().external_web_note() +
                            " at its public address does not answer: " + describe_hops(walk) +
                            ". Phones on the corporate Wi-Fi reach the Mobility Service only through the reverse "
                            "proxy's public address (the hairpin).");
        r->remediation = "Allow the hairpin: traffic from the corporate network to the reverse proxy's public address "
                         "must be let back in (relax the spoofing rule at the reverse proxy's external interface, not "
                         "at the firewall; Microsoft: \"Hair pinning ... must be allowed in order for mobility to "
                         "function\").";
    }
    r->evidence["walk"] = to_json(walk);
}

CheckDef http_hairpin_entry() {
    return {
        .id = "http.hairpin",
        .title = "from inside, the external web FQDN answers at its public address",
        .severity = Status::Fail,
        .rule = "From vantage internal, an HTTPS request to the external web services FQDN at its external-view "
                "(public) address gets an answer: the hairpin through the reverse proxy is allowed. Skipped from "
                "vantage external.",
        .source = std::string(kMobilityRequirements) + ": \"Hair pinning ... must be allowed in order for mobility to "
                  "function\"",
        .remediation = "Allow the hairpin at the reverse proxy's external interface (keep the spoofing rule at the "
                       "firewall).",
        .fn = &check_http_hairpin,
        .prerequisites = {"dns.resolver", "dns.lyncdiscover"},
        .reasons = {{"hairpin-blocked", "from inside, the reverse proxy's public address does not answer"}, {"web-fqdn-unknown", "the external web services FQDN was neither given nor learned"}},
    };
}

void check_http_source_affinity(CheckContext& ctx) {
    const auto web = web_or_skip(ctx, "load balancer to test");
    if (!web) return;
    const auto walks = find_walks(ctx.evidence(), ProbePurpose::Affinity);
    if (walks.empty()) {
        not_in_evidence(ctx, *web, "", "fresh connections to " + *web);
        return;
    }
    std::vector<std::string> servers;  // in order, one per answered connection
    std::vector<std::string> failures;
    std::size_t unnamed = 0;
    nlohmann::json evidence = nlohmann::json::array();
    for (const HttpWalk* w : walks) {
        const HttpExchange* last = w->last();
        if (last == nullptr || !last->answered()) {
            failures.push_back(describe_hops(*w));
            continue;
        }
        const std::string fqdn = last->header("X-MS-Server-Fqdn");
        if (fqdn.empty()) {
            ++unnamed;
        } else {
            servers.push_back(fqdn);
        }
        evidence.push_back({{"address", last->address}, {"status", last->status}, {"x_ms_server_fqdn", fqdn}});
    }
    const std::set<std::string> distinct(servers.begin(), servers.end());
    Result* r = nullptr;
    const std::string url = walks.front()->start_url;
    // Connections that failed for a reason another check reports (the chain, the TLS session) block the verdict.
    const Result* cause = nullptr;
    std::string cause_text;
    for (const HttpWalk* w : walks) {
        if ((cause = transport_cause(ctx, *w, cause_text)) != nullptr) break;
    }
    if (servers.size() < 2 && cause != nullptr) {
        r = &ctx.blocked(*web, "", *cause, cause_text);
    } else if (servers.empty() && failures.empty()) {
        r = &ctx.emit(Status::Info, *web, "",
                      "the web services do not name their Front End (no X-MS-Server-Fqdn header in " +
                          std::to_string(unnamed) + " answers from " + url + "): affinity cannot be seen from here");
    } else if (servers.empty()) {
        r = &ctx.emit(Status::Error, *web, "", "no fresh connection to " + url + " got an answer: " + failures.front());
    } else if (servers.size() < 2) {
        // One named answer compares with nothing: it can neither keep nor break affinity.
        r = &ctx.emit(failures.empty() ? Status::Info : Status::Error, *web, "",
                      "only one of " + std::to_string(walks.size()) + " fresh connections to " + url +
                          " got an answer naming its Front End (" + servers.front() + "): affinity needs two to compare" +
                          (failures.empty() ? std::string() : "; the others: " + failures.front()));
    } else if (distinct.size() > 1) {
        r = &ctx.broken(*web, "",
                        std::to_string(servers.size()) + " fresh connections from this host to " + url +
                            " landed on different Front Ends (" + join(servers) +
                            "): the load balancer does not keep one client on one server");
        r->remediation = "Configure the hardware load balancer's external web services VIP (and the internal one, if "
                         "mobile clients use the Wi-Fi) for source (TCP) affinity (see \"Hardware Load Balancer "
                         "Requirements\" in Microsoft's \"Technical requirements for mobility in Lync Server 2013\").";
    } else {
        r = &ctx.pass(*web, "", std::to_string(servers.size()) + " fresh connections to " + url + " all landed on " +
                                    *distinct.begin());
    }
    r->evidence["connections"] = evidence;
}

CheckDef http_source_affinity_entry() {
    return {
        .id = "http.source-affinity",
        .title = "fresh connections land on one Front End",
        .severity = Status::Warn,
        .rule = "Four fresh connections from this host to the external web services' Autodiscover root are all "
                "answered by the same Front End (X-MS-Server-Fqdn): the load balancer keeps source affinity.",
        .source = std::string(kMobilityRequirements) + ", section \"Hardware Load Balancer Requirements\": \"the "
                  "external Web Services virtual IPs (VIPs) for Web Services traffic must be configured for source\"",
        .remediation = "Configure source (TCP) affinity on the load balancer's web services VIPs.",
        .fn = &check_http_source_affinity,
        .prerequisites = {"dns.resolver", "tls.external-web-san", "tls.chain", "tls.validity", "tls.protocol"},
        .reasons = {{"no-affinity", "fresh connections are not kept on one Front End (no cookie-based affinity)"}, {"web-fqdn-unknown", "the external web services FQDN was neither given nor learned"}},
    };
}

void check_http_mobility_service(CheckContext& ctx) {
    const auto web = web_or_skip(ctx, "Mobility Service to ask");
    if (!web) return;
    struct Directory {
        ProbePurpose purpose;
        const char* client;
    };
    // UCWA is what every current client signs in through. Mcx served Lync 2010 Mobile only, a client
    // no longer in use, and Skype for Business Server 2019 and later have no Mcx at all: its absence
    // is a note, never a problem.
    for (const Directory& dir : {Directory{ProbePurpose::Ucwa, "Lync 2013 Mobile and later (UCWA)"},
                                 Directory{ProbePurpose::Mcx, "Lync 2010 Mobile (Mcx)"}}) {
        const auto walks = find_walks(ctx.evidence(), dir.purpose);
        if (walks.empty()) {
            not_in_evidence(ctx, *web + " " + to_string(dir.purpose), "", "request to the " + std::string(to_string(dir.purpose)) + " directory");
            continue;
        }
        const HttpWalk& walk = *walks.front();
        const std::string subject = walk.start_url;
        const HttpExchange* last = walk.last();
        Result* r = nullptr;
        std::string cause_text;
        if (last != nullptr && last->answered() && (last->status == 200 || last->status == 401 || last->status == 403)) {
            r = &ctx.pass(subject, "", "the Mobility Service for " + std::string(dir.client) + " answers " +
                                           std::to_string(last->status) + " at " + subject);
        } else if (const Result* cause = transport_cause(ctx, walk, cause_text)) {
            r = &ctx.blocked(subject, "", *cause, cause_text);
        } else if (walk.end == HttpWalkEnd::Unresolved) {
            r = &ctx.emit(Status::Skip, subject, "", "no request: " + walk.detail);
        } else if (judge_discovery(ctx.evidence(), &walk).undecided) {
            r = &ctx.emit(Status::Error, subject, "", "could not tell: " + describe_hops(walk));
        } else if (dir.purpose == ProbePurpose::Mcx) {
            const bool answered = last != nullptr && last->answered();
            r = &ctx.emit(Status::Info, subject, "",
                          (answered ? "no Mobility Service for Lync 2010 Mobile (Mcx) at "
                                    : "no answer from the Mobility Service for Lync 2010 Mobile (Mcx) at ") +
                              subject + " (" + describe_hops(walk) +
                              "): nothing to fix for current phones, which use UCWA. Skype for Business Server 2019 and "
                              "Subscription Edition have no Mcx; on Lync Server 2013 and Skype for Business Server 2015 "
                              "only Lync 2010 Mobile clients would need it.");
            r->reason = answered ? "mcx-missing" : "no-answer";
        } else if (last == nullptr || !last->answered()) {
            // No HTTP answer at all says nothing about the virtual directory: the web services are not reached.
            r = &ctx.emit(ctx.severity(), subject, "",
                          std::string(dir.client) + " cannot reach the web services at " + subject + ": " +
                              describe_hops(walk));
            r->reason = "no-answer";
            r->remediation = "Make " + *web + " answer on port 443 from the Internet: the reverse proxy must listen "
                             "there and forward to the pool's external web services (4443).";
        } else {
            r = &ctx.emit(ctx.severity(), subject, "",
                          std::string(dir.client) + " finds no Mobility Service at " + subject + ": " + describe_hops(walk));
            r->remediation = "Make the reverse proxy publish /ucwa/ of " + *web + " (to the pool's external web "
                             "services on 4443). UCWA is part of the web services of Skype for Business Server 2015, "
                             "2019 and Subscription Edition; on Lync Server 2013 it needs the February 2013 "
                             "cumulative update or later (the Ucwa virtual directory of the external web services).";
        }
        r->evidence["walk"] = to_json(walk);
    }
}

CheckDef http_mobility_service_entry() {
    return {
        .id = "http.mobility-service",
        .title = "the Mobility Service answers through the external web FQDN",
        .severity = Status::Fail,
        .rule = "https://<external web>/ucwa/ (UCWA: the Lync 2013 and Skype for Business "
                "mobile clients) "
                "answers 200, 401 or 403, not 404: the virtual directory exists and is published (fail otherwise). "
                "/Mcx/McxService.svc (Lync 2010 Mobile) is asked too; its absence is info: Skype for Business Server "
                "2019 and Subscription Edition have no Mcx, and no current client uses it.",
        .source = std::string(kMobilityRequirements) + ": \"Lync 2010 Mobile uses the Mobility Service known as Mcx "
                  "... Lync 2013 mobile clients use the Unified Communications Web API, or UCWA\"",
        .remediation = "Publish /ucwa/ of the external web services on the reverse proxy (to the pool's 4443). UCWA is "
                       "part of Skype for Business Server 2015, 2019 and Subscription Edition, and of Lync Server 2013 "
                       "from its February 2013 cumulative update.",
        .fn = &check_http_mobility_service,
        .prerequisites = {"dns.resolver", "tls.external-web-san", "tls.chain", "tls.validity", "tls.protocol"},
        .reasons = {{"service-missing", "the Mobility Service directory answers as if it were not installed"},
                    {"no-answer", "the web services give no HTTP answer at all"},
                    {"mcx-missing", "no Mcx for Lync 2010 Mobile (info: gone from Skype for Business Server 2019 and later)"},
                    {"web-fqdn-unknown", "the external web services FQDN was neither given nor learned"}},
        .versions = "UCWA is required on every version (on Lync Server 2013 from its February 2013 cumulative update). "
                    "Mcx exists on Lync Server 2013 and Skype for Business Server 2015 only, for Lync 2010 Mobile; "
                    "Skype for Business Server 2019 and Subscription Edition have none, so its absence is info everywhere.",
    };
}

// "Microsoft-IIS/8.5" → 8.5 (as major*10+minor), nullopt when not IIS.
std::optional<int> iis_version(const std::string& server) {
    const std::string prefix = "Microsoft-IIS/";
    const auto at = server.find(prefix);
    if (at == std::string::npos) return std::nullopt;
    const std::string v = server.substr(at + prefix.size());
    int major = 0, minor = 0;
    std::size_t i = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])) && major < 1000) major = major * 10 + (v[i++] - '0');
    if (i == 0) return std::nullopt;
    if (i < v.size() && v[i] == '.' && i + 1 < v.size() && std::isdigit(static_cast<unsigned char>(v[i + 1]))) minor = v[i + 1] - '0';
    return major * 10 + minor;
}

void check_http_iis_version(CheckContext& ctx) {
    // Front End → the Server headers its answers carried (answers name their Front End in X-MS-Server-Fqdn).
    std::map<std::string, std::set<std::string>> servers;
    for (const auto& walk : ctx.evidence().http) {
        for (const auto& hop : walk.hops) {
            if (!hop.answered()) continue;
            const std::string fe = hop.header("X-MS-Server-Fqdn");
            if (fe.empty()) continue;
            servers[fe].insert(hop.header("Server"));
        }
    }
    if (servers.empty()) {
        ctx.emit(Status::Skip, "web services", "",
                 "no answer of the web services named its Front End (X-MS-Server-Fqdn): no Server header to read");
        return;
    }
    for (const auto& [fe, values] : servers) {
        std::vector<std::string> old, other, good;
        bool missing = false;
        for (const auto& server : values) {
            if (server.empty()) {
                missing = true;
                continue;
            }
            const auto v = iis_version(server);
            if (!v) {
                other.push_back(server);
            } else if (*v < 75) {
                old.push_back(server);
            } else {
                good.push_back(server);
            }
        }
        Result* r = nullptr;
        if (!old.empty()) {
            r = &ctx.broken(fe, "", fe + " runs " + join(old) +
                                        ", older than the IIS 7.5, 8.0 or 8.5 recommended for the Mobility Service");
            r->remediation = "Move the Front End to Windows Server 2008 R2 (IIS 7.5) or later: the Mobility Service "
                             "installer tunes ASP.NET for those versions.";
        } else if (!good.empty()) {
            r = &ctx.pass(fe, "", fe + " answers with Server: " + join(good));
        } else if (!other.empty()) {
            r = &ctx.emit(Status::Info, fe, "",
                          fe + " answers with Server: " + join(other) +
                              ", not an IIS version (a reverse proxy or load balancer may replace the header)");
        } else if (missing) {
            r = &ctx.emit(Status::Info, fe, "", fe + " sends no Server header: its IIS version cannot be seen");
        }
        r->evidence["server_headers"] = std::vector<std::string>(values.begin(), values.end());
    }
}

CheckDef http_iis_version_entry() {
    return {
        .id = "http.iis-version",
        .title = "the web services run IIS 7.5 or newer",
        .severity = Status::Warn,
        .rule = "The Server header of every Front End that answered (named by X-MS-Server-Fqdn) shows IIS 7.5, 8.0, "
                "8.5 or newer. Info when there is no header or another product's (a reverse proxy may replace it).",
        .source = std::string(kMobilityRequirements) + ", section \"Internet Information Services (IIS) "
                  "Requirements\": \"We recommend that you use IIS 7.5, IIS 8.0, or IIS 8.5 for mobility\"",
        .remediation = "Run the Front End on Windows Server 2008 R2 or later (IIS 7.5+).",
        .fn = &check_http_iis_version,
        .prerequisites = {"dns.resolver", "tls.external-web-san", "tls.chain", "tls.validity", "tls.protocol"},
        .reasons = {{"iis-old", "the web services run on an IIS older than Mobility Service supports well"}, {"web-fqdn-unknown", "the external web services FQDN was neither given nor learned"}},
    };
}

}  // namespace

void register_http_checks(Registry& registry) {
    registry.add(http_lyncdiscoverinternal_entry());
    registry.add(http_lyncdiscover_entry());
    registry.add(http_lyncdiscover_port80_entry());
    registry.add(http_autodiscover_links_entry());
    registry.add(http_user_challenge_entry());
    registry.add(http_modern_auth_entry());
    registry.add(http_hairpin_entry());
    registry.add(http_source_affinity_entry());
    registry.add(http_mobility_service_entry());
    registry.add(http_iis_version_entry());
}

}  // namespace mobcheck::checks
