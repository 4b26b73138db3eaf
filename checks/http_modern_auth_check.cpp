// http.modern-auth: the OAuth authority a user link's 401 names (modern authentication with AD FS,
// or Microsoft Entra ID in a hybrid deployment), judged as a phone on the Internet needs it: its host
// resolves in the external view, its certificate is one phones accept (publicly trusted, covering the
// host, in date) and its OpenID configuration answers with JSON. Its own file: the rule reads the user
// links' challenges and the authority's own probes, nothing the other http.* checks share.
// Rule sources (sources.hpp): Microsoft's "How to use Modern Authentication (ADAL) with Skype for
// Business"; OpenID Connect Discovery 1.0 for where the configuration is.
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "categories.hpp"
#include "checks_common.hpp"
#include "http_common.hpp"
#include "model/certificate.hpp"
#include "model/names.hpp"
#include "model/oauth_authority.hpp"
#include "model/utc_time.hpp"
#include "sources.hpp"

namespace mobcheck::checks {

namespace {

// The subject of the results about the user links' challenges as a whole (no authority named, or
// none to read).
const std::string kChallengesSubject = "user links";

// An authority and the user links that named it.
struct NamedAuthority {
    OAuthAuthority authority;
    std::vector<std::string> named_by;  // the SIP domains whose user links named it, in order
    std::set<std::string> named_by_set;
};

// What the user links' 401 challenges say about modern authentication.
struct Challenges {
    bool any_401 = false;
    std::vector<NamedAuthority> authorities;  // one per host, in the order first named
    std::vector<std::string> passive;         // SIP domains whose MsRtcOAuth offers urn:microsoft.rtc:passive
};

void add_once(std::vector<std::string>& list, std::set<std::string>& seen, const std::string& item) {
    if (seen.insert(item).second) list.push_back(item);
}

Challenges read_challenges(const Evidence& ev) {
    Challenges out;
    std::map<std::string, std::size_t> by_host;
    std::set<std::string> passive_seen;
    for (const auto* walk : find_walks(ev, ProbePurpose::UserChallenge)) {
        const HttpExchange* last = walk->last();
        if (last == nullptr || last->status != 401) continue;
        out.any_401 = true;
        const auto challenges = parse_challenges(last->headers_named("WWW-Authenticate"));
        if (offers_passive_grant(challenges)) add_once(out.passive, passive_seen, walk->sip_domain);
        const auto authority = named_oauth_authority(challenges);
        if (!authority) continue;
        const auto [it, inserted] = by_host.emplace(authority->host, out.authorities.size());
        if (inserted) out.authorities.push_back({*authority, {}, {}});
        NamedAuthority& named = out.authorities[it->second];
        add_once(named.named_by, named.named_by_set, walk->sip_domain);
    }
    return out;
}

std::string join(const std::vector<std::string>& items, std::size_t at_most = 3) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < at_most; ++i) out += (i ? ", " : "") + items[i];
    if (items.size() > at_most) out += " and " + std::to_string(items.size() - at_most) + " more";
    return out;
}

std::string passive_note(const Challenges& c) {
    if (c.passive.empty()) return "";
    return " The MsRtcOAuth challenge of the user links of " + join(c.passive) +
           " also offers AD FS passive authentication (grant urn:microsoft.rtc:passive).";
}

// One stage of the judgement: what went wrong, with its reason and fix.
struct Finding {
    Status status = Status::Pass;
    std::string reason;
    std::string text;
    std::string fix;
};

// Whether the certificate served at every address covers the authority's host: the one thing about
// its certificate no tls.* check judges (they judge its chain, public root, dates, signature and
// protocol as for every endpoint phones reach from the Internet, subject "HOST:PORT").
Finding judge_coverage(const OAuthAuthority& a, const std::vector<const TlsProbe*>& probes) {
    for (const TlsProbe* p : probes) {
        const auto leaf = p->chain.empty() ? std::nullopt : parse_certificate(p->chain.front());
        if (p->outcome != TlsOutcome::Handshake || !leaf || leaf->covers(a.host).covered) continue;
        return {Status::Fail, "authority-san-missing",
                a.host + " at " + p->address + " serves a certificate that does not cover it (" + leaf->subject +
                    "; its SAN list is " + san_list(*leaf) + ")",
                "Bind a certificate whose subject alternative names include " + a.host + " to " +
                    (a.adfs ? "the AD FS farm (and its Web Application Proxy)" : "the authority's HTTPS listener") + "."};
    }
    return {};
}

// The OpenID configuration: 200 with a JSON object.
Finding judge_openid(const OAuthAuthority& a, const HttpWalk& walk, std::string& issuer) {
    const std::string url = a.openid_configuration;
    const std::string fix = a.adfs ? "Publish AD FS's /adfs/ path (with /adfs/.well-known/) through the Web Application "
                                     "Proxy or reverse proxy, without pre-authentication."
                                   : "Make " + url + " reachable from the Internet: phones read it before they sign in.";
    const HttpExchange* last = walk.last();
    if (last == nullptr || !last->answered()) {
        return {Status::Fail, "openid-configuration", url + " gives no answer: " + describe_hops(walk), fix};
    }
    if (last->status != 200) {
        return {Status::Fail, "openid-configuration", url + " answers HTTP " + std::to_string(last->status) +
                                                          " instead of its OpenID configuration",
                fix};
    }
    const auto json = nlohmann::json::parse(last->body, nullptr, false);
    if (last->body_truncated || !json.is_object()) {
        return {Status::Fail, "openid-configuration", url + " answers 200 but not with a JSON document", fix};
    }
    if (json.contains("issuer") && json["issuer"].is_string()) issuer = json["issuer"].get<std::string>();
    return {};
}

void judge_authority(CheckContext& ctx, const NamedAuthority& named, const Challenges& challenges) {
    const Evidence& ev = ctx.evidence();
    const OAuthAuthority& a = named.authority;
    const std::string subject = a.host.empty() ? a.authorization_uri : a.host;
    const std::string who = (a.adfs ? "the AD FS authority " : "the OAuth authority ") + a.authorization_uri +
                            " (named by the user links of " + join(named.named_by) + ")";
    auto with_evidence = [&](Result& r) -> Result& {
        r.evidence["authorization_uri"] = a.authorization_uri;
        r.evidence["named_by_sip_domains"] = named.named_by;
        if (!a.openid_configuration.empty()) r.evidence["openid_configuration"] = a.openid_configuration;
        return r;
    };
    if (!a.https) {
        Result& r = ctx.broken(subject, "", who + " is not an https:// URL: phones sign in only over HTTPS");
        r.reason = "authority-not-https";
        r.remediation = "Name the authority by its https:// address in the OAuth configuration of the pool "
                        "(Set-CsOAuthConfiguration -ClientAuthorizationOAuthServerIdentity).";
        with_evidence(r);
        return;
    }
    const NameResolution outside = resolve_name(ev, DnsView::External, a.host);
    if (!outside.looked_up) {
        with_evidence(not_in_evidence(ctx, subject, "", "lookup of " + a.host + " in the external view"));
        return;
    }
    if (!outside.resolves()) {
        Result* r = nullptr;
        if (const Result* cause = is_undecided(outside.outcome) ? view_cause(ctx, DnsView::External) : nullptr) {
            r = &ctx.blocked(subject, "", *cause, a.host + " could not be looked up in the external view");
        } else if (is_undecided(outside.outcome)) {
            r = &ctx.emit(Status::Error, subject, "", "could not resolve " + a.host + " in the external view: " + outside.describe());
        } else {
            const NameResolution inside = resolve_name(ev, DnsView::Internal, a.host);
            const std::string only_inside =
                inside.resolves() ? "; it resolves only in the internal view (" + inside.describe() + ")" : "";
            r = &ctx.broken(subject, "",
                            who + ": " + a.host + " does not resolve in the external view (" + outside.describe() + ")" +
                                only_inside + ". Phones outside the corporate network cannot reach the sign-in page, "
                                "so they cannot sign in.");
            r->reason = "authority-unresolved";
            r->remediation = "Publish " + a.host + " in the public DNS zone, pointing at the " +
                             (a.adfs ? "Web Application Proxy (or reverse proxy) that publishes AD FS"
                                     : "authority's public address") +
                             ", with a publicly trusted certificate for it.";
        }
        r->evidence["dns"] = to_json(outside);
        with_evidence(*r);
        return;
    }
    std::vector<const TlsProbe*> probes;
    for (const auto& p : ev.tls) {
        if (p.purpose == ProbePurpose::OAuthAuthority && p.name == a.host) probes.push_back(&p);
    }
    if (probes.empty()) {
        with_evidence(not_in_evidence(ctx, subject, "", "TLS handshake with " + a.host));
        return;
    }
    const HttpWalk* walk = nullptr;
    for (const auto* w : find_walks(ev, ProbePurpose::OpenIdConfiguration)) {
        if (w->start_url == a.openid_configuration) walk = w;
    }
    Finding finding = judge_coverage(a, probes);
    const Result* cause = nullptr;
    std::string cause_text;
    std::string issuer;
    if (finding.status == Status::Pass) {
        if (walk == nullptr) {
            with_evidence(not_in_evidence(ctx, subject, "", "request for " + a.openid_configuration));
            return;
        }
        // No connection, no TLS session, an untrusted or expired certificate: the tls.* result of the
        // authority's endpoint is the one finding, and the OpenID request failed with it.
        cause = transport_cause(ctx, *walk, cause_text);
        if (cause == nullptr) finding = judge_openid(a, *walk, issuer);
    }
    Result* r = nullptr;
    if (cause != nullptr) {
        r = &ctx.blocked(subject, "", *cause, cause_text);
    } else if (finding.status == Status::Fail) {
        r = &ctx.broken(subject, "", who + ": " + finding.text + ". Phones cannot sign in with modern authentication.");
        r->reason = finding.reason;
        r->remediation = finding.fix;
    } else {
        r = &ctx.pass(subject, "",
                      who + " resolves in the external view (" + outside.describe() + "), serves a certificate that covers " +
                          a.host + ", and its OpenID configuration answers" + (issuer.empty() ? "" : " (issuer " + issuer + ")") +
                          ": phones on the Internet can sign in with modern authentication." + passive_note(challenges));
    }
    r->evidence["dns"] = to_json(outside);
    if (walk != nullptr) r->evidence["openid_walk"] = to_json(*walk);
    with_evidence(*r);
}

// The user links gave nothing to read: blocked by http.user-challenge's first problem, else a skip.
void no_challenge_to_read(CheckContext& ctx) {
    for (const auto& sip : ctx.plan().sip_domains) {
        for (const auto& name : {lyncdiscover_name(sip), lyncdiscoverinternal_name(sip)}) {
            if (const Result* cause = ctx.cause("http.user-challenge", name)) {
                ctx.blocked(kChallengesSubject, "", *cause, "no user link answered 401 with challenges to read an OAuth authority from");
                return;
            }
        }
    }
    ctx.emit(Status::Skip, kChallengesSubject, "", "no user link answered 401 with challenges to read an OAuth authority from "
                                                    "(http.user-challenge reports the user links)");
}

void check_http_modern_auth(CheckContext& ctx) {
    const Challenges challenges = read_challenges(ctx.evidence());
    if (!challenges.any_401) return no_challenge_to_read(ctx);
    if (challenges.authorities.empty()) {
        if (!challenges.passive.empty()) {
            Result& r = ctx.emit(Status::Info, kChallengesSubject, "",
                                 "the user links name no OAuth authority (modern authentication is off), but the "
                                 "MsRtcOAuth challenge of the user links of " + join(challenges.passive) +
                                     " offers AD FS passive authentication (grant urn:microsoft.rtc:passive): "
                                     "clients that use it sign in at AD FS, which must then be reachable from the Internet too");
            r.reason = "passive";
            r.evidence["passive"] = challenges.passive;
            return;
        }
        ctx.emit(Status::Skip, kChallengesSubject, "",
                 "the user links' Bearer challenges name no OAuth authority (authorization_uri): Windows and password "
                 "sign-in only, modern authentication is not enabled")
            .reason = "no-authority";
        return;
    }
    for (const auto& named : challenges.authorities) judge_authority(ctx, named, challenges);
}

}  // namespace

CheckDef http_modern_auth_entry() {
    return {
        .id = "http.modern-auth",
        .title = "the OAuth authority of modern authentication is reachable from the Internet",
        .severity = Status::Fail,
        .rule = "When a user link's 401 names an OAuth authority (a Bearer challenge's authorization_uri: AD FS, or "
                "Microsoft Entra ID in a hybrid deployment), its host resolves in the external view, the certificate "
                "served at every address covers it, and its OpenID configuration (/adfs/.well-known/openid-configuration "
                "for AD FS, else /.well-known/openid-configuration under the issuer) answers 200 with JSON. The tls.* "
                "checks judge the rest of its certificate as for every endpoint phones reach from the Internet (a "
                "public root unless --managed-devices, dates and lifetime, signature, protocol). Skipped when no "
                "authority is named (Windows and password sign-in only); an MsRtcOAuth grant list with "
                "urn:microsoft.rtc:passive (AD FS passive authentication) is reported as info.",
        .source = std::string(kModernAuthentication) + "; OpenID Connect Discovery 1.0, section 4 "
                  "(https://openid.net/specs/openid-connect-discovery-1_0.html)",
        .remediation = "Publish the OAuth authority on the Internet: its name in the public DNS, a publicly trusted "
                       "certificate that covers it, and its /.well-known/openid-configuration reachable without "
                       "pre-authentication.",
        .fn = &check_http_modern_auth,
        .prerequisites = {"dns.resolver", "http.user-challenge", "tls.protocol", "tls.chain", "tls.validity"},
        .reasons = {{"authority-unresolved", "the OAuth authority's host does not resolve in the external view: phones outside cannot sign in"},
                    {"authority-san-missing", "the certificate served for the OAuth authority does not cover its host"},
                    {"openid-configuration", "the OAuth authority's OpenID configuration does not answer 200 with JSON"},
                    {"authority-not-https", "the OAuth authority is not an https:// URL"},
                    {"no-authority", "no user link names an OAuth authority: Windows and password sign-in only"},
                    {"passive", "the pool offers AD FS passive authentication (urn:microsoft.rtc:passive)"}},
        .versions = "Modern authentication needs Skype for Business Server 2015 CU5 or later (2019 and Subscription "
                    "Edition have it); Lync Server 2013 names no authority, so the check is skipped there.",
    };
}

}  // namespace mobcheck::checks
