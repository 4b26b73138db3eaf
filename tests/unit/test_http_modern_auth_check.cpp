// Rule table of http.modern-auth: the OAuth authority a user link names, judged as a phone on the
// Internet needs it. The base is the built deployment, where modern authentication is on (AD FS at
// sts.contoso.com, published at the reverse proxy); each row breaks one thing.
#include <doctest/doctest.h>

#include "evidence_builders.hpp"

using namespace mobcheck;
using namespace builders;

namespace {

const std::string kAdfsOpenId = kAuthorityOpenId;
const std::vector<std::string>& authority_chain(const std::string& host) {
    static std::map<std::string, std::vector<std::string>> chains;
    auto& chain = chains[host];
    if (chain.empty()) {
        CertSpec spec;
        spec.cn = host;
        spec.sans = {host};
        chain = served_chain(issue(spec));
    }
    return chain;
}

// Every user link's 401 also carries challenges (replacing its Bearer one).
void challenge_with(Evidence& e, const std::vector<std::string>& challenges) {
    for (HttpWalk* w : walks(e, "user-challenge")) {
        auto& headers = w->hops.back().headers;
        std::erase_if(headers, [](const auto& h) { return h.first == "WWW-Authenticate" && h.second.starts_with("Bearer"); });
        for (const auto& c : challenges) headers.emplace_back("WWW-Authenticate", c);
    }
}

// The authority as the engine probes it: its host in both views, its certificate at its public
// address, its OpenID configuration.
void publish_authority(Evidence& e, const std::string& host, const std::string& openid, const std::string& body) {
    resolves(e, DnsView::External, host, {kProxyAddress});
    resolves(e, DnsView::Internal, host, {kAdfsFarmAddress});
    TlsProbe& p = add_tls_probe(e, "oauth-authority", host, DnsView::External, kProxyAddress, authority_chain(host));
    p.verification.public_root = true;
    add_walk(e, "openid-configuration", "", DnsView::External,
             {answer(openid, 200, {{"Content-Type", "application/json"}}, body)});
}

// The built deployment, with two SIP domains: modern authentication is on there.
Evidence modern_auth() { return good({"contoso.com", "fabrikam.com"}); }

TlsProbe& authority_probe(Evidence& e) { return tls_probe(e, "oauth-authority", kAuthorityHost); }

HttpWalk& openid_walk(Evidence& e) { return walk(e, "openid-configuration"); }

}  // namespace

TEST_CASE("http rules: http.modern-auth - the authority as a phone on the Internet needs it") {
    const std::string id = "http.modern-auth";
    const std::string passive_grant =
        R"(MsRtcOAuth href="https://webext.contoso.com/WebTicket/oauthtoken",grant_type="urn:microsoft.rtc:windows,urn:microsoft.rtc:passive,password")";
    run_table(
        id,
        {
            {"AD FS published with a public certificate and its OpenID configuration",
             {},
             {{kAuthorityHost, Status::Pass, "phones on the Internet can sign in with modern authentication"},
              {kAuthorityHost, Status::Pass, "named by the user links of contoso.com, fabrikam.com"},
              {kAuthorityHost, Status::Pass, "issuer https://sts.contoso.com/adfs"}}},
            {"no authority named: Windows and password sign-in only",
             [](Evidence& e) { challenge_with(e, {R"(Bearer trusted_issuers="", client_id="x")"}); },
             {{"user links", Status::Skip, "Windows and password sign-in only", "no-authority"}}},
            {"no authority but the passive grant",
             [&](Evidence& e) {
                 challenge_with(e, {R"(Bearer trusted_issuers="", client_id="x")"});
                 for (HttpWalk* w : walks(e, "user-challenge")) w->hops.back().headers.front() = {"WWW-Authenticate", passive_grant};
             },
             {{"user links", Status::Info, "offers AD FS passive authentication", "passive"}}},
            {"the passive grant beside a published authority is mentioned",
             [&](Evidence& e) {
                 for (HttpWalk* w : walks(e, "user-challenge")) w->hops.back().headers.front() = {"WWW-Authenticate", passive_grant};
             },
             {{kAuthorityHost, Status::Pass, "also offers AD FS passive authentication"}}},
            {"the authority resolves only inside",
             [](Evidence& e) { fails(e, DnsView::External, kAuthorityHost, DnsOutcome::NxDomain); },
             {{kAuthorityHost, Status::Fail, "it resolves only in the internal view (10.0.0.50)", "authority-unresolved"},
              {kAuthorityHost, Status::Fail, "Phones outside the corporate network cannot reach the sign-in page"}}},
            {"the authority resolves nowhere",
             [](Evidence& e) {
                 fails(e, DnsView::External, kAuthorityHost, DnsOutcome::NxDomain);
                 fails(e, DnsView::Internal, kAuthorityHost, DnsOutcome::NxDomain);
             },
             {{kAuthorityHost, Status::Fail, "does not resolve in the external view (NXDOMAIN).", "authority-unresolved"}}},
            {"the external view could not tell",
             [](Evidence& e) { fails(e, DnsView::External, kAuthorityHost, DnsOutcome::Timeout, "timeout after 2 attempts"); },
             {{kAuthorityHost, Status::Error, "could not resolve sts.contoso.com in the external view"}}},
            {"no TLS handshake",
             [](Evidence& e) {
                 TlsProbe& p = authority_probe(e);
                 p.outcome = TlsOutcome::NoConnect;
                 p.tcp_state = PortState::Filtered;
                 p.chain.clear();
                 p.detail = "no answer within 1000 ms";
             },
             {{kAuthorityHost, Status::Fail, "completes no TLS handshake on port 443: no answer within 1000 ms",
               "authority-unreachable"}}},
            {"a certificate that does not cover the host",
             [](Evidence& e) { authority_probe(e).chain = authority_chain("adfs.contoso.com"); },
             {{kAuthorityHost, Status::Fail, "does not cover sts.contoso.com", "authority-certificate"}}},
            {"a certificate phones do not trust",
             [](Evidence& e) { untrusted(authority_probe(e)); },
             {{kAuthorityHost, Status::Fail, "phones do not trust: unable to get local issuer certificate",
               "authority-certificate"}}},
            {"an expired certificate",
             [](Evidence& e) { authority_probe(e).probed_at = "2027-02-01T00:00:00Z"; },
             {{kAuthorityHost, Status::Fail, "expired on 2027-01-01", "authority-certificate"}}},
            {"a certificate not yet valid",
             [](Evidence& e) { authority_probe(e).probed_at = "2025-12-01T00:00:00Z"; },
             {{kAuthorityHost, Status::Fail, "not valid before 2026-01-01", "authority-certificate"}}},
            {"a certificate of the enterprise CA",
             [](Evidence& e) { authority_probe(e).verification.public_root = false; },
             {{kAuthorityHost, Status::Warn, "only devices that have the enterprise root installed",
               "authority-enterprise-root"}}},
            {"a certificate of the enterprise CA for managed devices",
             [](Evidence& e) {
                 authority_probe(e).verification.public_root = false;
                 e.plan.managed_devices = true;
             },
             {{kAuthorityHost, Status::Pass, "a certificate the managed devices trust (--managed-devices)"}}},
            {"one member of two with a certificate that does not cover the host",
             [](Evidence& e) {
                 resolves(e, DnsView::External, kAuthorityHost, {kProxyAddress, kProxyAddress2});
                 add_tls_probe(e, "oauth-authority", kAuthorityHost, DnsView::External, kProxyAddress2,
                               authority_chain("adfs.contoso.com"));
             },
             {{kAuthorityHost, Status::Fail, "sts.contoso.com at 192.0.2.81 serves a certificate that does not cover"}}},
            {"the enterprise root and no OpenID configuration: the fail leads and the warning follows",
             [](Evidence& e) {
                 authority_probe(e).verification.public_root = false;
                 openid_walk(e).hops = {answer(kAdfsOpenId, 404)};
             },
             {{kAuthorityHost, Status::Fail, "Also: sts.contoso.com at 192.0.2.80 serves a certificate that chains only",
               "openid-configuration"}}},
            {"the OpenID configuration is not published",
             [](Evidence& e) { openid_walk(e).hops = {answer(kAdfsOpenId, 404)}; },
             {{kAuthorityHost, Status::Fail, "answers HTTP 404 instead of its OpenID configuration", "openid-configuration"}}},
            {"the OpenID configuration is a web page",
             [](Evidence& e) { openid_walk(e).hops = {answer(kAdfsOpenId, 200, {{"Content-Type", "text/html"}}, "<html>sign in</html>")}; },
             {{kAuthorityHost, Status::Fail, "answers 200 but not with a JSON document", "openid-configuration"}}},
            {"the OpenID configuration is cut at the body cap",
             [](Evidence& e) { openid_walk(e).hops.back().body_truncated = true; },
             {{kAuthorityHost, Status::Fail, "not with a JSON document", "openid-configuration"}}},
            {"the OpenID configuration gives no answer",
             [](Evidence& e) {
                 HttpWalk& w = openid_walk(e);
                 w.hops = {no_answer(kAdfsOpenId, "timeout", "Operation timed out after 1000 milliseconds")};
                 w.end = HttpWalkEnd::Failed;
             },
             {{kAuthorityHost, Status::Fail, "gives no answer", "openid-configuration"}}},
            {"an authority on plain HTTP",
             [](Evidence& e) { challenge_with(e, {R"(Bearer authorization_uri="http://sts.contoso.com/adfs/oauth2/authorize")"}); },
             {{kAuthorityHost, Status::Fail, "is not an https:// URL", "authority-not-https"}}},
            {"Microsoft Entra ID in a hybrid deployment",
             [](Evidence& e) {
                 challenge_with(e, {R"(Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize")"});
                 publish_authority(e, "login.microsoftonline.com",
                                   "https://login.microsoftonline.com/common/.well-known/openid-configuration",
                                   R"({"issuer":"https://sts.windows.net/{tenantid}/"})");
             },
             {{"login.microsoftonline.com", Status::Pass, "the OAuth authority https://login.microsoftonline.com/common/oauth2/authorize"}}},
            {"the authority's TLS probe is missing from the evidence",
             [](Evidence& e) { remove_tls_probes(e, "oauth-authority", kAuthorityHost); },
             {{kAuthorityHost, Status::Error, "the evidence holds no TLS handshake with sts.contoso.com"}}},
            {"the OpenID request is missing from the evidence",
             [](Evidence& e) { remove_walks(e, "openid-configuration"); },
             {{kAuthorityHost, Status::Error, "the evidence holds no request for " + kAdfsOpenId}}},
            {"the authority's lookup is missing from the evidence",
             [](Evidence& e) { forget(e, DnsView::External, kAuthorityHost); },
             {{kAuthorityHost, Status::Error, "the evidence holds no lookup of sts.contoso.com in the external view"}}},
            {"a handshake that brought no certificate mobcheck can read",
             [](Evidence& e) { authority_probe(e).chain = {"not a certificate"}; },
             {{kAuthorityHost, Status::Fail, "serves no certificate mobcheck can read", "authority-certificate"}}},
            {"both members of a VIP serve a good certificate",
             [](Evidence& e) {
                 resolves(e, DnsView::External, kAuthorityHost, {kProxyAddress, kProxyAddress2});
                 add_tls_probe(e, "oauth-authority", kAuthorityHost, DnsView::External, kProxyAddress2,
                               authority_chain(kAuthorityHost));
             },
             {{kAuthorityHost, Status::Pass, "serves a publicly trusted certificate that covers sts.contoso.com"}}},
            {"a probe time that cannot be read leaves the dates unjudged",
             [](Evidence& e) { authority_probe(e).probed_at = ""; },
             {{kAuthorityHost, Status::Pass}}},
            {"an OpenID configuration without an issuer",
             [](Evidence& e) { openid_walk(e).hops.back().body = R"({"authorization_endpoint":"x"})"; },
             {{kAuthorityHost, Status::Pass, "its OpenID configuration answers: phones"}}},
            {"an OpenID request that never left",
             [](Evidence& e) {
                 HttpWalk& w = openid_walk(e);
                 w.hops.clear();
                 w.end = HttpWalkEnd::Unresolved;
                 w.detail = "sts.contoso.com gives no address";
             },
             {{kAuthorityHost, Status::Fail, "gives no answer", "openid-configuration"}}},
            {"an untrusted certificate and no OpenID request: the certificate is the one finding",
             [](Evidence& e) {
                 untrusted(authority_probe(e));
                 remove_walks(e, "openid-configuration");
             },
             {{kAuthorityHost, Status::Fail, "phones do not trust", "authority-certificate"}}},
            {"unreachable at an address the reverse proxy does not share: the authority's own finding",
             [](Evidence& e) {
                 resolves(e, DnsView::External, kAuthorityHost, {"198.51.100.7"});
                 TlsProbe& p = authority_probe(e);
                 p.address = "198.51.100.7";
                 p.outcome = TlsOutcome::NoConnect;
                 p.chain.clear();
                 p.detail = "connection refused";
             },
             {{kAuthorityHost, Status::Fail, "at 198.51.100.7 completes no TLS handshake on port 443: connection refused",
               "authority-unreachable"}}},
            {"unreachable and no external web FQDN known",
             [](Evidence& e) {
                 e.plan.external_web.reset();
                 TlsProbe& p = authority_probe(e);
                 p.outcome = TlsOutcome::Failed;
                 p.chain.clear();
                 p.detail = "handshake failed: unexpected eof";
             },
             {{kAuthorityHost, Status::Fail, "unexpected eof", "authority-unreachable"}}},
            {"an authority that is not a URL at all",
             [](Evidence& e) { challenge_with(e, {R"(Bearer authorization_uri="urn:contoso:sts")"}); },
             {{"urn:contoso:sts", Status::Fail, "is not an https:// URL", "authority-not-https"}}},
            {"Entra ID that does not resolve outside",
             [](Evidence& e) {
                 challenge_with(e, {R"(Bearer authorization_uri="https://login.contoso-cloud.example/common/oauth2/authorize")"});
                 fails(e, DnsView::External, "login.contoso-cloud.example", DnsOutcome::NxDomain);
             },
             {{"login.contoso-cloud.example", Status::Fail, "the OAuth authority", "authority-unresolved"}}},
            {"Entra ID without its OpenID configuration",
             [](Evidence& e) {
                 const std::string openid = "https://login.microsoftonline.com/common/.well-known/openid-configuration";
                 challenge_with(e, {R"(Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize")"});
                 publish_authority(e, "login.microsoftonline.com", openid, "{}");
                 walks(e, "openid-configuration").back()->hops = {answer(openid, 404)};
             },
             {{"login.microsoftonline.com", Status::Fail, "answers HTTP 404", "openid-configuration"}}},
            {"no user link answered 401",
             [](Evidence& e) {
                 for (HttpWalk* w : walks(e, "user-challenge")) w->hops.back().status = 200;
             },
             {{"user links", Status::Skip, "no user link answered 401"}}},
        },
        modern_auth);
}

TEST_CASE("http rules: http.modern-auth - many SIP domains naming one authority are counted not listed") {
    const auto results = judge_check(good({"contoso.com", "fabrikam.com", "example.org", "example.net", "example.com"}),
                                     "http.modern-auth");
    const Result r = one(results, kAuthorityHost);
    CHECK(r.status == Status::Pass);
    CHECK(mentions(r, "named by the user links of contoso.com, fabrikam.com, example.org and 2 more"));
    CHECK(r.evidence.at("named_by_sip_domains").size() == 5);
}

TEST_CASE("http rules: http.modern-auth - blocked by the user link and by the hairpin") {
    // The whole run judged: http.user-challenge's fail is the one finding when no user link challenges.
    Evidence e = modern_auth();
    for (HttpWalk* w : walks(e, "user-challenge")) w->hops.back().status = 200;
    const auto results = judge(e, builtin_registry(), Selection{});
    const Result& blocked = result_of(results, "http.modern-auth", "user links");
    CHECK(blocked.status == Status::Skip);
    REQUIRE(blocked.blocked_by);
    CHECK(blocked.blocked_by->check == "http.user-challenge");

    // From inside, the authority shares the reverse proxy's public address, which the hairpin cannot reach.
    Evidence inside = modern_auth();
    HttpWalk& hairpin = walk(inside, "hairpin");
    hairpin.hops = {no_answer("https://webext.contoso.com/", "timeout", "Connection timed out after 1000 milliseconds")};
    hairpin.end = HttpWalkEnd::Failed;
    TlsProbe& p = authority_probe(inside);
    p.outcome = TlsOutcome::NoConnect;
    p.tcp_state = PortState::Filtered;
    p.chain.clear();
    const auto inside_results = judge(inside, builtin_registry(), Selection{});
    CHECK(result_of(inside_results, "http.hairpin", kExternalWeb).status == Status::Fail);
    const Result& by_hairpin = result_of(inside_results, "http.modern-auth", kAuthorityHost);
    CHECK(by_hairpin.status == Status::Skip);
    REQUIRE(by_hairpin.blocked_by);
    CHECK(by_hairpin.blocked_by->check == "http.hairpin");

    // From outside there is no hairpin: the same failure is the authority's own.
    Evidence outside = modern_auth();
    outside.plan.vantage = Vantage::External;
    TlsProbe& q = authority_probe(outside);
    q.outcome = TlsOutcome::NoConnect;
    q.chain.clear();
    const auto outside_results = judge(outside, builtin_registry(), Selection{});
    CHECK(result_of(outside_results, "http.modern-auth", kAuthorityHost).reason == "authority-unreachable");
}
