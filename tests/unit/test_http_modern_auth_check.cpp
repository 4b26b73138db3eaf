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

// The authority's name gets a second address, which serves chain.
void second_member(Evidence& e, const std::vector<std::string>& chain) {
    resolves(e, DnsView::External, kAuthorityHost, {kProxyAddress, kProxyAddress2});
    add_tls_probe(e, "oauth-authority", kAuthorityHost, DnsView::External, kProxyAddress2, chain);
}

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
            {"no TLS handshake: the OpenID request failed with it (tls.protocol names the cause in a whole run)",
             [](Evidence& e) {
                 TlsProbe& p = authority_probe(e);
                 p.outcome = TlsOutcome::NoConnect;
                 p.tcp_state = PortState::Filtered;
                 p.chain.clear();
                 HttpWalk& w = openid_walk(e);
                 w.hops = {no_answer(kAdfsOpenId, "timeout", "Connection timed out after 1000 milliseconds")};
                 w.end = HttpWalkEnd::Failed;
             },
             {{kAuthorityHost, Status::Fail, "gives no answer", "openid-configuration"}}},
            {"a certificate that does not cover the host",
             [](Evidence& e) { authority_probe(e).chain = authority_chain("adfs.contoso.com"); },
             {{kAuthorityHost, Status::Fail, "serves a certificate that does not cover it (CN=adfs.contoso.com", "authority-san-missing"},
              {kAuthorityHost, Status::Fail, "its SAN list is adfs.contoso.com"}}},
            {"one member of two with a certificate that does not cover the host",
             [](Evidence& e) { second_member(e, authority_chain("adfs.contoso.com")); },
             {{kAuthorityHost, Status::Fail, "sts.contoso.com at 192.0.2.81 serves a certificate that does not cover it",
               "authority-san-missing"}}},
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
            {"both members of a VIP serve a certificate that covers the host",
             [](Evidence& e) { second_member(e, authority_chain(kAuthorityHost)); },
             {{kAuthorityHost, Status::Pass, "serves a certificate that covers sts.contoso.com"}}},
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
            {"a certificate that does not cover the host and no OpenID request: the coverage is the one finding",
             [](Evidence& e) {
                 authority_probe(e).chain = authority_chain("adfs.contoso.com");
                 remove_walks(e, "openid-configuration");
             },
             {{kAuthorityHost, Status::Fail, "does not cover it", "authority-san-missing"}}},
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

// The certificate's failure is the tls.* result of the authority's endpoint, and the OpenID request
// that failed with it is blocked by that result: one cause, one finding.
std::vector<Result> judged_with_openid_failing(Evidence e, const std::string& failure, const std::string& error) {
    HttpWalk& w = openid_walk(e);
    w.hops = {no_answer(kAdfsOpenId, failure, error)};
    w.end = HttpWalkEnd::Failed;
    return judge(e, builtin_registry(), {});
}

void check_blocked_by(const std::vector<Result>& results, const std::string& check, Status cause_status,
                      const std::string& cause_says) {
    const Result& cause = result_of(results, check, "sts.contoso.com:443");
    CAPTURE(cause.message);
    CHECK(cause.status == cause_status);
    CHECK(mentions(cause, cause_says));
    const Result& blocked = result_of(results, "http.modern-auth", kAuthorityHost);
    CHECK(blocked.status == Status::Skip);
    REQUIRE(blocked.blocked_by);
    CHECK(blocked.blocked_by->check == check);
    CHECK(blocked.blocked_by->subject == "sts.contoso.com:443");
}

TEST_CASE("http rules: http.modern-auth - its certificate is judged by the tls checks which block it") {
    SUBCASE("no user link answered 401: blocked by http.user-challenge") {
        Evidence e = modern_auth();
        for (HttpWalk* w : walks(e, "user-challenge")) w->hops.back().status = 200;
        const auto results = judge(e, builtin_registry(), Selection{});
        const Result& blocked = result_of(results, "http.modern-auth", "user links");
        CHECK(blocked.status == Status::Skip);
        REQUIRE(blocked.blocked_by);
        CHECK(blocked.blocked_by->check == "http.user-challenge");
    }
    SUBCASE("no connection (from inside a blocked hairpin): tls.protocol") {
        Evidence e = modern_auth();
        TlsProbe& p = authority_probe(e);
        p.outcome = TlsOutcome::NoConnect;
        p.tcp_state = PortState::Filtered;
        p.chain.clear();
        p.detail = "no answer within 1000 ms";
        check_blocked_by(judged_with_openid_failing(e, "timeout", "Connection timed out after 1000 milliseconds"),
                         "tls.protocol", Status::Error, "no answer within 1000 ms");
    }
    SUBCASE("a chain phones do not trust: tls.chain") {
        Evidence e = modern_auth();
        untrusted(authority_probe(e));
        check_blocked_by(judged_with_openid_failing(e, "tls-verify", "SSL certificate problem: unable to get local issuer certificate"),
                         "tls.chain", Status::Fail, "unable to get local issuer certificate");
    }
    SUBCASE("an expired certificate: tls.validity") {
        Evidence e = modern_auth();
        authority_probe(e).probed_at = "2027-02-01T00:00:00Z";
        check_blocked_by(judged_with_openid_failing(e, "tls-verify", "SSL certificate problem: certificate has expired"),
                         "tls.validity", Status::Fail, "expired");
    }
    SUBCASE("a chain to the enterprise root only: tls.chain warns as for the reverse proxy while the sign-in passes") {
        Evidence e = modern_auth();
        authority_probe(e).verification.public_root = false;
        auto results = judge(e, builtin_registry(), {});
        const Result& chain = result_of(results, "tls.chain", "sts.contoso.com:443");
        CHECK(chain.status == Status::Warn);
        CHECK(chain.reason == "enterprise-root");
        CHECK(result_of(results, "http.modern-auth", kAuthorityHost).status == Status::Pass);
        e.plan.managed_devices = true;
        results = judge(e, builtin_registry(), {});
        CHECK(result_of(results, "tls.chain", "sts.contoso.com:443").status == Status::Pass);
    }
    SUBCASE("an authority on another port is judged as HOST:PORT") {
        Evidence e = modern_auth();
        authority_probe(e).port = 8443;
        const auto results = judge(e, builtin_registry(), {});
        CHECK(result_of(results, "tls.protocol", "sts.contoso.com:8443").status == Status::Pass);
    }
}
