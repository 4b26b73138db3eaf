// Rule tables of the tls.* checks, from certificates made in the test: key sizes and digests just
// below, at and just above their edges, expiry horizons to the second, every kind of broken chain,
// the leaf and the intermediate, one address of a VIP, the Front End and the reverse proxy.
#include <doctest/doctest.h>

#include <openssl/x509_vfy.h>

#include "evidence_builders.hpp"

using namespace mobcheck;
using namespace builders;

namespace {

const std::string kProxySubject = "webext.contoso.com:443";
const std::string kLdSubject = "lyncdiscover.contoso.com:443";
const std::string kLdiSubject = "lyncdiscoverinternal.contoso.com:443";

// The external web FQDN's certificate, as spec says, served by the reverse proxy.
std::function<void(Evidence&)> proxy_serves(CertSpec spec) {
    return [spec](Evidence& e) { tls_probe(e, "external-web", kExternalWeb).chain = served_chain(issue(spec)); };
}
std::function<void(Evidence&)> proxy_serves_chain(std::function<std::vector<std::string>()> chain) {
    return [chain](Evidence& e) { tls_probe(e, "external-web", kExternalWeb).chain = chain(); };
}

CertSpec leaf() { return proxy_cert({"contoso.com"}); }
CertSpec leaf_with(Key key) {
    CertSpec s = leaf();
    s.key = key;
    return s;
}
CertSpec leaf_digest(std::string digest) {
    CertSpec s = leaf();
    s.digest = std::move(digest);
    return s;
}
CertSpec leaf_eku(Eku eku) {
    CertSpec s = leaf();
    s.eku = eku;
    return s;
}
// A leaf valid until probed_at() + seconds (valid from long before).
CertSpec expiring(long seconds) {
    CertSpec s = leaf();
    s.not_before = "2025-01-01T00:00:00Z";
    s.not_after = utc(probed_at() + seconds);
    return s;
}
CertSpec ca(const std::string& cn, const std::string& not_after = "2035-01-01T00:00:00Z") {
    CertSpec s;
    s.cn = cn;
    s.sans = {};
    s.not_before = "2020-01-01T00:00:00Z";
    s.not_after = not_after;
    s.eku = Eku::None;
    s.ca = true;
    return s;
}

// A second address of the reverse proxy's VIP, serving chain.
void second_proxy_address(Evidence& e, std::vector<std::string> chain) {
    add_tls_probe(e, "external-web", kExternalWeb, DnsView::External, kProxyAddress2, std::move(chain));
}


}  // namespace

// ---- name coverage ------------------------------------------------------------------------------

TEST_CASE("tls rules: tls.lyncdiscover-san - the reverse proxy's certificate for every SIP domain") {
    const std::vector<std::string> sips = {"contoso.com", "fabrikam.com"};
    auto proxy_without_fabrikam = [](Evidence& e) {
        CertSpec s = proxy_cert({"contoso.com"});
        for (auto* p : tls_probes(e, "lyncdiscover", "lyncdiscover.fabrikam.com")) p->chain = served_chain(issue(s));
    };
    auto port80_not_published = [](Evidence& e) {
        walk(e, "lyncdiscover-port80", "fabrikam.com").hops = {answer("http://lyncdiscover.fabrikam.com/", 404)};
    };
    run_table(
        "tls.lyncdiscover-san",
        {
            {"covered for both SIP domains", nullptr,
             {{"contoso.com", Status::Pass, "SAN lyncdiscover.contoso.com"}, {"fabrikam.com", Status::Pass}}},
            {"the second SIP domain missing, port 80 not published: fail, naming the SAN list",
             [&](Evidence& e) {
                 proxy_without_fabrikam(e);
                 port80_not_published(e);
             },
             {{"fabrikam.com", Status::Fail, "its SAN list is webext.contoso.com, lyncdiscover.contoso.com."}}},
            {"the second SIP domain missing, port 80 not probed: fail",
             [&](Evidence& e) {
                 proxy_without_fabrikam(e);
                 remove_walks(e, "lyncdiscover-port80", "fabrikam.com");
             },
             {{"fabrikam.com", Status::Fail}}},
            {"the second SIP domain missing while the HTTP port 80 rule answers: info", proxy_without_fabrikam,
             {{"fabrikam.com", Status::Info, "answers instead (http.lyncdiscover-port80)"}}},
            {"a wildcard SAN covers it",
             [](Evidence& e) {
                 CertSpec s = proxy_cert({"contoso.com"});
                 s.sans.push_back("*.fabrikam.com");
                 tls_probe(e, "lyncdiscover", "lyncdiscover.fabrikam.com").chain = served_chain(issue(s));
             },
             {{"fabrikam.com", Status::Pass, "SAN *.fabrikam.com"}}},
            {"a partial wildcard does not",
             [&](Evidence& e) {
                 CertSpec s = proxy_cert({"contoso.com"});
                 s.sans.push_back("lync*.fabrikam.com");
                 tls_probe(e, "lyncdiscover", "lyncdiscover.fabrikam.com").chain = served_chain(issue(s));
                 port80_not_published(e);
             },
             {{"fabrikam.com", Status::Fail}}},
            {"a name only in the subject CN is not covered, and said so",
             [&](Evidence& e) {
                 CertSpec s;
                 s.cn = "lyncdiscover.fabrikam.com";
                 s.sans = {};
                 tls_probe(e, "lyncdiscover", "lyncdiscover.fabrikam.com").chain = served_chain(issue(s));
                 port80_not_published(e);
             },
             {{"fabrikam.com", Status::Fail, "only in the subject CN"}}},
            {"one of two addresses of the VIP lacks the name: fail, naming that address",
             [&](Evidence& e) {
                 add_tls_probe(e, "lyncdiscover", "lyncdiscover.fabrikam.com", DnsView::External, kProxyAddress2,
                               served_chain(issue(proxy_cert({"contoso.com"}))));
                 port80_not_published(e);
             },
             {{"fabrikam.com", Status::Fail, "192.0.2.81:443"}}},
            {"no handshake: undecided",
             [](Evidence& e) {
                 TlsProbe& p = tls_probe(e, "lyncdiscover", "lyncdiscover.fabrikam.com");
                 p.outcome = TlsOutcome::Timeout;
                 p.detail = "no TLS handshake within 3000 ms";
             },
             {{"fabrikam.com", Status::Error, "no TLS handshake within 3000 ms"}}},
            {"the name resolves but was not probed: error",
             [](Evidence& e) { remove_tls_probes(e, "lyncdiscover", "lyncdiscover.fabrikam.com"); },
             {{"fabrikam.com", Status::Error, "no TLS probe of it was recorded"}}},
            {"... before the run's deadline",
             [](Evidence& e) {
                 remove_tls_probes(e, "lyncdiscover", "lyncdiscover.fabrikam.com");
                 e.run.deadline_reached = true;
             },
             {{"fabrikam.com", Status::Error, "before the run's deadline"}}},
            {"the name does not resolve: skip, the dns.* checks report it",
             [](Evidence& e) {
                 remove_tls_probes(e, "lyncdiscover", "lyncdiscover.fabrikam.com");
                 fails(e, DnsView::External, "lyncdiscover.fabrikam.com", DnsOutcome::NxDomain);
             },
             {{"fabrikam.com", Status::Skip, "does not resolve in the external view"}}},
            {"DNS could not tell: error",
             [](Evidence& e) {
                 remove_tls_probes(e, "lyncdiscover", "lyncdiscover.fabrikam.com");
                 fails(e, DnsView::External, "lyncdiscover.fabrikam.com", DnsOutcome::Timeout);
             },
             {{"fabrikam.com", Status::Error, "could not be resolved"}}},
            {"neither probe nor lookup in the evidence: error",
             [](Evidence& e) {
                 remove_tls_probes(e, "lyncdiscover", "lyncdiscover.fabrikam.com");
                 forget(e, DnsView::External, "lyncdiscover.fabrikam.com");
             },
             {{"fabrikam.com", Status::Error, "the evidence holds no TLS probe"}}},
        },
        [&] { return good(sips); });

    SUBCASE("the remediation lists every name for a few SIP domains - and points at `mobcheck plan` for many") {
        Evidence e = good(sips);
        proxy_without_fabrikam(e);
        port80_not_published(e);
        const Result r = one(judge_check(e, "tls.lyncdiscover-san"), "fabrikam.com");
        CHECK(r.remediation.find("webext.contoso.com, lyncdiscover.contoso.com and lyncdiscover.fabrikam.com") !=
              std::string::npos);
        const std::vector<std::string> six = {"contoso.com", "fabrikam.com", "a.example", "b.example", "c.example",
                                              "d.example"};
        Evidence many = good(six);
        for (auto* p : tls_probes(many, "lyncdiscover", "lyncdiscover.d.example")) {
            p->chain = served_chain(issue(proxy_cert({"contoso.com"})));
        }
        walk(many, "lyncdiscover-port80", "d.example").hops = {answer("http://lyncdiscover.d.example/", 404)};
        const Result m = one(judge_check(many, "tls.lyncdiscover-san"), "d.example");
        CHECK(m.status == Status::Fail);
        CHECK(m.remediation.find("for the 6 SIP domains given") != std::string::npos);
    }
}

TEST_CASE("tls rules: tls.lyncdiscoverinternal-san - the Front End's or Director's certificate") {
    const std::string ldi = "lyncdiscoverinternal.contoso.com";
    run_table("tls.lyncdiscoverinternal-san",
              {
                  {"the Front End covers it", nullptr, {{"contoso.com", Status::Pass}}},
                  {"the Front End lacks it",
                   [&](Evidence& e) {
                       CertSpec s;
                       s.cn = kInternalWeb;
                       s.sans = {kInternalWeb};
                       tls_probe(e, "lyncdiscoverinternal", ldi).chain = served_chain(issue(s));
                   },
                   {{"contoso.com", Status::Fail, "does not cover lyncdiscoverinternal.contoso.com"}}},
                  {"a Director answers instead, with its own certificate covering the name",
                   [&](Evidence& e) {
                       CertSpec s;
                       s.cn = "dir01.contoso.net";
                       s.sans = {"dir01.contoso.net", ldi, "lyncdiscover.contoso.com"};
                       tls_probe(e, "lyncdiscoverinternal", ldi).chain = served_chain(issue(s));
                   },
                   {{"contoso.com", Status::Pass, "dir01.contoso.net"}}},
                  {"the second Front End of the pool lacks it",
                   [&](Evidence& e) {
                       CertSpec s;
                       s.cn = "fe02.contoso.net";
                       s.sans = {"fe02.contoso.net"};
                       add_tls_probe(e, "lyncdiscoverinternal", ldi, DnsView::Internal, kPoolAddress2,
                                     served_chain(issue(s)));
                   },
                   {{"contoso.com", Status::Fail, "10.0.0.11:443"}}},
                  {"the name is not in the internal view: skip",
                   [&](Evidence& e) {
                       remove_tls_probes(e, "lyncdiscoverinternal", ldi);
                       fails(e, DnsView::Internal, ldi, DnsOutcome::NxDomain);
                   },
                   {{"contoso.com", Status::Skip, "internal view"}}},
              });
    run_table("tls.lyncdiscoverinternal-san",
              {{"from outside the rule does not apply", nullptr, {{"contoso.com", Status::Skip, "vantage (external)"}}}},
              [] { return good({"contoso.com"}, Vantage::External); });
}

TEST_CASE("tls rules: tls.internal-cert-lyncdiscover-san") {
    const std::string ldi = "lyncdiscoverinternal.contoso.com";
    run_table("tls.internal-cert-lyncdiscover-san",
              {
                  {"the Front End also covers lyncdiscover", nullptr, {{"contoso.com", Status::Pass}}},
                  {"it does not: warn",
                   [&](Evidence& e) {
                       CertSpec s;
                       s.cn = kInternalWeb;
                       s.sans = {kInternalWeb, ldi};
                       tls_probe(e, "lyncdiscoverinternal", ldi).chain = served_chain(issue(s));
                   },
                   {{"contoso.com", Status::Warn, "does not cover lyncdiscover.contoso.com"}}},
                  {"a wildcard covers both",
                   [&](Evidence& e) {
                       CertSpec s;
                       s.cn = kInternalWeb;
                       s.sans = {kInternalWeb, "*.contoso.com"};
                       tls_probe(e, "lyncdiscoverinternal", ldi).chain = served_chain(issue(s));
                   },
                   {{"contoso.com", Status::Pass, "*.contoso.com"}}},
                  {"the reverse proxy's certificate is not judged here",
                   [](Evidence& e) {
                       tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com").chain =
                           served_chain(issue(CertSpec{}));
                   },
                   {{"contoso.com", Status::Pass}}},
              });
    run_table("tls.internal-cert-lyncdiscover-san",
              {{"from outside the rule does not apply", nullptr, {{"contoso.com", Status::Skip}}}},
              [] { return good({"contoso.com"}, Vantage::External); });
}

TEST_CASE("tls rules: tls.external-web-san") {
    run_table("tls.external-web-san",
              {
                  {"covered", nullptr, {{kExternalWeb, Status::Pass}}},
                  {"not covered",
                   proxy_serves([] {
                       CertSpec s;
                       s.cn = "proxy.contoso.com";
                       s.sans = {"proxy.contoso.com", "lyncdiscover.contoso.com"};
                       return s;
                   }()),
                   {{kExternalWeb, Status::Fail, "does not cover webext.contoso.com"}}},
                  {"unknown external web FQDN: skip", [](Evidence& e) { e.plan.external_web.reset(); },
                   {{"external web services", Status::Skip, "--external-web"}}},
                  {"learned from the links: judged",
                   [](Evidence& e) {
                       e.plan.external_web.reset();
                       e.learned.external_web = LearnedName{kExternalWeb, "the links"};
                   },
                   {{kExternalWeb, Status::Pass}}},
                  {"an address among the SANs is listed",
             proxy_serves(CertSpec{.cn = "proxy.contoso.com", .sans = {"proxy.contoso.com", "IP:192.0.2.80"}}),
             {{kExternalWeb, Status::Fail, "its SAN list is proxy.contoso.com, IP 192.0.2.80."}}},
            {"a certificate with an empty subject",
             proxy_serves(CertSpec{.cn = "", .sans = {"proxy.contoso.com"}}),
             {{kExternalWeb, Status::Fail, "((empty subject), issued by"}}},
            {"a request that does not ask for the name",
             [](Evidence& e) {
                 TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                 p.origin = "proxy.csr";
                 p.chain = {request(CertSpec{.cn = "x.contoso.com", .sans = {"x.contoso.com"}})};
             },
             {{kExternalWeb, Status::Fail, "(request for CN=x.contoso.com,O=Contoso Test)"}}},
            {"an IPv6 address of the reverse proxy",
             [](Evidence& e) {
                 add_tls_probe(e, "external-web", kExternalWeb, DnsView::External, "2001:db8::80",
                               served_chain(issue(CertSpec{.cn = "x.contoso.com", .sans = {"x.contoso.com"}})));
             },
             {{kExternalWeb, Status::Fail, "[2001:db8::80]:443"}}},
            {"a certificate file (mobcheck cert) is named by its file",
                   [](Evidence& e) {
                       TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                       p.origin = "proxy.pem";
                       p.chain = {issue(CertSpec{.cn = "x.contoso.com", .sans = {"x.contoso.com"}})};
                   },
                   {{kExternalWeb, Status::Fail, "in proxy.pem"}}},
              });
}

// ---- the chain ----------------------------------------------------------------------------------

TEST_CASE("tls rules: tls.chain") {
    run_table(
        "tls.chain",
        {
            {"a verified chain passes", nullptr, {{kProxySubject, Status::Pass, "builds to a trusted root"}}},
            {"a record that claims trust with an error code fails",
             [](Evidence& e) {
                 tls_probe(e, "external-web", kExternalWeb).verification.code = X509_V_ERR_CERT_UNTRUSTED;
             },
             {{kProxySubject, Status::Fail}}},
            {"self-signed",
             [](Evidence& e) {
                 TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                 p.chain = {self_signed(leaf())};
                 untrusted(p, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, "self-signed certificate");
             },
             {{kProxySubject, Status::Fail, "self-signed"}}},
            {"the intermediate not served",
             [](Evidence& e) {
                 TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                 p.chain = {issue(leaf())};
                 untrusted(p, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "unable to get local issuer certificate");
             },
             {{kProxySubject, Status::Fail, "the intermediate certificate is not served"}}},
            {"a chain that ends at an intermediate the host does not know",
             [](Evidence& e) {
                 TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                 untrusted(p, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "unable to get local issuer certificate");
             },
             {{kProxySubject, Status::Fail, "ends at CN=Contoso Test Issuing CA"}}},
            {"... with --ca-file given",
             [](Evidence& e) {
                 e.plan.ca_file = "enterprise-root.pem";
                 untrusted(tls_probe(e, "external-web", kExternalWeb), X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
                           "unable to get local issuer certificate");
             },
             {{kProxySubject, Status::Fail, "(the system store and --ca-file)"}}},
            {"a root that is not a trust anchor",
             [](Evidence& e) {
                 TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                 p.chain.push_back(root_pem());
                 untrusted(p, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, "self-signed certificate in certificate chain");
             },
             {{kProxySubject, Status::Fail, "add an enterprise root with --ca-file"}}},
            {"a certificate file whose chain does not verify is named by its file",
             [](Evidence& e) {
                 TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                 p.origin = "proxy.pem";
                 untrusted(p, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "unable to get local issuer certificate");
             },
             {{kProxySubject, Status::Fail, "the chain in proxy.pem does not build"}}},
            {"... with --ca-file given",
             [](Evidence& e) {
                 e.plan.ca_file = "enterprise-root.pem";
                 TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                 p.chain.push_back(root_pem());
                 untrusted(p, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, "self-signed certificate in certificate chain");
             },
             {{kProxySubject, Status::Fail, "is not a trust anchor of this host (the system store and --ca-file)"}}},
            {"the Front End's chain, judged from inside",
             [](Evidence& e) {
                 untrusted(tls_probe(e, "lyncdiscoverinternal", "lyncdiscoverinternal.contoso.com"),
                           X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "unable to get local issuer certificate");
             },
             {{kLdiSubject, Status::Fail}}},
            {"one of two addresses of the VIP untrusted",
             [](Evidence& e) {
                 second_proxy_address(e, {self_signed(leaf())});
                 auto probes = tls_probes(e, "external-web", kExternalWeb);
                 untrusted(*probes.back(), X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, "self-signed certificate");
             },
             {{kProxySubject, Status::Fail, "192.0.2.81:443"}}},
            {"a certificate request has no chain yet",
             [](Evidence& e) {
                 TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                 p.chain = {request(leaf())};
                 p.origin = "proxy.csr";
             },
             {{kProxySubject, Status::Skip, "a certificate request has no chain yet"}}},
            {"no handshake: undecided",
             [](Evidence& e) {
                 TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                 p.outcome = TlsOutcome::Failed;
                 p.detail = "handshake failed: alert";
             },
             {{kProxySubject, Status::Error, "handshake failed: alert"}}},
            {"an endpoint without probes has no result here (the *-san checks report it)",
             [](Evidence& e) { remove_tls_probes(e, "external-web", kExternalWeb); }, {}},
        });
    Evidence e = good();
    remove_tls_probes(e, "external-web", kExternalWeb);
    for (const auto& r : judge_check(e, "tls.chain")) CHECK(r.subject != kProxySubject);
}

TEST_CASE("tls rules: tls.chain - what faces the Internet chains to a public root unless the phones are managed") {
    // public_root as the trust store records it: built to the system's anchors alone, or only through --ca-file's.
    auto roots = [](std::optional<bool> public_root, bool managed = false) {
        return [public_root, managed](Evidence& e) {
            e.plan.ca_file = "enterprise-root.pem";
            e.plan.managed_devices = managed;
            for (auto& p : e.tls) p.verification.public_root = public_root;
        };
    };
    run_table(
        "tls.chain",
        {
            {"every chain to a public root passes", roots(true), {{kProxySubject, Status::Pass}, {kLdSubject, Status::Pass}}},
            {"the reverse proxy's names chain only to --ca-file: warn", roots(false),
             {{kProxySubject, Status::Warn, "only devices that have the enterprise root installed", "enterprise-root"},
              {kLdSubject, Status::Warn, "not one of the public roots phones ship with", "enterprise-root"},
              {kLdiSubject, Status::Pass},  // inside, the enterprise root is the rule
              // The OAuth authority phones sign in at faces the Internet too.
              {"sts.contoso.com:443", Status::Warn, "only devices that have the enterprise root installed", "enterprise-root"}}},
            {"... with the phones declared managed: pass", roots(false, true),
             {{kProxySubject, Status::Pass, "declared managed (--managed-devices)"}, {kLdSubject, Status::Pass}}},
            {"evidence recorded before public_root was: judged as before", roots(std::nullopt),
             {{kProxySubject, Status::Pass}, {kLdSubject, Status::Pass}}},
            {"one address of the VIP only through --ca-file",
             [](Evidence& e) {
                 for (auto& p : e.tls) p.verification.public_root = true;
                 second_proxy_address(e, served_chain(issue(leaf())));
                 tls_probes(e, "external-web", kExternalWeb).back()->verification.public_root = false;
             },
             {{kProxySubject, Status::Warn, "192.0.2.81:443"}}},
        });
    // The fix says both ways out.
    Evidence e = good();
    roots(false)(e);
    const Result r = one(judge_check(e, "tls.chain"), kProxySubject);
    CHECK(r.remediation.find("from a public CA") != std::string::npos);
    CHECK(r.remediation.find("--managed-devices") != std::string::npos);
    // When another address of the VIP fails outright, the result is that failure, with the chain's fix.
    second_proxy_address(e, {self_signed(leaf())});
    untrusted(*tls_probes(e, "external-web", kExternalWeb).back(), X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
              "self-signed certificate");
    const Result both = one(judge_check(e, "tls.chain"), kProxySubject);
    CHECK(both.status == Status::Fail);
    CHECK(mentions(both, "only devices that have the enterprise root installed"));
    CHECK(both.remediation.find("Serve the complete chain") == 0);
}

// ---- validity -----------------------------------------------------------------------------------

TEST_CASE("tls rules: tls.validity - a publicly trusted certificate's lifetime at every edge of its issue date") {
    // A leaf issued at from, valid for days (plus seconds), served by the reverse proxy with public_root as given.
    auto lifetime = [](const char* from, long days, long seconds = 0, std::optional<bool> public_root = true) {
        return [=](Evidence& e) {
            CertSpec s = leaf();
            s.not_before = from;
            s.not_after = utc(utc(from) + days * kDay + seconds);
            TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
            p.chain = served_chain(issue(s));
            p.verification.public_root = public_root;
            // Judged while valid: at its issue date plus a day (the probe's moment is the row's own).
            p.probed_at = utc(utc(from) + kDay);
        };
    };
    run_table(
        "tls.validity",
        {
            // Apple: 398 days from 2020-09-01.
            {"398 days from 2020-09-01: pass", lifetime("2020-09-01T00:00:00Z", 398, -1), {{kProxySubject, Status::Pass}}},
            {"a second over 398 days from 2020-09-01: fail", lifetime("2020-09-01T00:00:00Z", 398),
             {{kProxySubject, Status::Fail, "iPhones and iPads reject", "lifetime"}}},
            {"800 days issued the second before 2020-09-01: pass", lifetime("2020-08-31T23:59:59Z", 800),
             {{kProxySubject, Status::Pass}}},
            {"800 days, enterprise root: not subject to it", lifetime("2025-01-01T00:00:00Z", 800, 0, false),
             {{kProxySubject, Status::Pass}}},
            {"800 days, older evidence without public_root: not judged so", lifetime("2025-01-01T00:00:00Z", 800, 0, std::nullopt),
             {{kProxySubject, Status::Pass}}},
            // The CA/Browser Forum (SC-081): 200 days from 2026-03-15, 100 from 2027-03-15, 47 from 2029-03-15.
            {"365 days issued the day before 2026-03-15: pass", lifetime("2026-03-14T00:00:00Z", 365),
             {{kProxySubject, Status::Pass}}},
            {"365 days issued on 2026-03-15: warn", lifetime("2026-03-15T00:00:00Z", 365),
             {{kProxySubject, Status::Warn, "more than the 200 days the CA/Browser Forum allows", "lifetime"}}},
            {"200 days from 2026-03-15: pass", lifetime("2026-03-15T00:00:00Z", 200, -1), {{kProxySubject, Status::Pass}}},
            {"a second over 200 days from 2026-03-15: warn", lifetime("2026-06-01T00:00:00Z", 200),
             {{kProxySubject, Status::Warn, "200 days"}}},
            {"150 days from 2027-03-15: warn", lifetime("2027-03-15T00:00:00Z", 150),
             {{kProxySubject, Status::Warn, "more than the 100 days", "lifetime"}}},
            {"100 days from 2027-03-15: pass", lifetime("2027-03-15T00:00:00Z", 100, -1), {{kProxySubject, Status::Pass}}},
            {"90 days from 2029-03-15: warn", lifetime("2029-03-15T00:00:00Z", 90),
             {{kProxySubject, Status::Warn, "more than the 47 days", "lifetime"}}},
            {"47 days from 2029-03-15: pass", lifetime("2029-03-15T00:00:00Z", 47, -1), {{kProxySubject, Status::Pass}}},
            {"over 398 days from 2026-03-15: Apple's fail wins", lifetime("2026-04-01T00:00:00Z", 400),
             {{kProxySubject, Status::Fail, "398 days", "lifetime"}}},
        });
    // Expired and too long: the fail is the expiry's, and both are said.
    Evidence e = good();
    lifetime("2025-01-01T00:00:00Z", 500)(e);
    tls_probe(e, "external-web", kExternalWeb).probed_at = "2026-12-01T00:00:00Z";
    const Result r = one(judge_check(e, "tls.validity"), kProxySubject);
    CHECK(r.status == Status::Fail);
    CHECK(mentions(r, "expired on"));
    CHECK(mentions(r, "valid for 500 days"));
}

TEST_CASE("tls rules: tls.validity - to the second around every edge") {
    run_table(
        "tls.validity",
        {
            {"valid for a long time", nullptr, {{kProxySubject, Status::Pass, "is valid until 2027-01-01"}}},
            {"expired a second before the probe", proxy_serves(expiring(-1)),
             {{kProxySubject, Status::Fail, "expired on"}}},
            {"expired 30 days before", proxy_serves(expiring(-30 * kDay)),
             {{kProxySubject, Status::Fail, "30 days before the probe"}}},
            {"expiring at the very moment of the probe: still valid, warn", proxy_serves(expiring(0)),
             {{kProxySubject, Status::Warn, "in 0 day(s)"}}},
            {"expiring in one second", proxy_serves(expiring(1)), {{kProxySubject, Status::Warn, "in 1 day(s)"}}},
            {"expiring in 10 days", proxy_serves(expiring(10 * kDay)), {{kProxySubject, Status::Warn, "in 10 day(s)"}}},
            {"29 days and 23 hours read as 30", proxy_serves(expiring(30 * kDay - 3600)),
             {{kProxySubject, Status::Warn, "in 30 day(s) (warning from 30 days"}}},
            {"one second inside the 30-day horizon", proxy_serves(expiring(30 * kDay - 1)),
             {{kProxySubject, Status::Warn}}},
            {"exactly at the horizon: not within it", proxy_serves(expiring(30 * kDay)), {{kProxySubject, Status::Pass}}},
            {"one second beyond the horizon", proxy_serves(expiring(30 * kDay + 1)), {{kProxySubject, Status::Pass}}},
            {"not valid until a second after the probe",
             proxy_serves([] {
                 CertSpec s = leaf();
                 s.not_before = utc(probed_at() + 1);
                 return s;
             }()),
             {{kProxySubject, Status::Fail, "is not valid yet"}}},
            {"valid from the very moment of the probe",
             proxy_serves([] {
                 CertSpec s = leaf();
                 s.not_before = kProbedAt;
                 return s;
             }()),
             {{kProxySubject, Status::Pass}}},
            {"an expired intermediate below a valid leaf",
             proxy_serves_chain([] {
                 static const Issuer old = make_intermediate(ca("Contoso Old Issuing CA", "2026-05-01T00:00:00Z"));
                 return std::vector<std::string>{issue(leaf(), old), old.pem};
             }),
             {{kProxySubject, Status::Fail, "the intermediate CN=Contoso Old Issuing CA,O=Contoso Test expired on"}}},
            {"an intermediate expiring within the horizon",
             proxy_serves_chain([] {
                 static const Issuer soon = make_intermediate(ca("Contoso Soon Issuing CA", "2026-06-11T12:00:00Z"));
                 return std::vector<std::string>{issue(leaf(), soon), soon.pem};
             }),
             {{kProxySubject, Status::Warn, "the intermediate CN=Contoso Soon Issuing CA,O=Contoso Test expires"}}},
            {"an intermediate not yet valid",
             proxy_serves_chain([] {
                 CertSpec spec = ca("Contoso Future Issuing CA");
                 spec.not_before = "2026-07-01T00:00:00Z";
                 static const Issuer future = make_intermediate(spec);
                 return std::vector<std::string>{issue(leaf(), future), future.pem};
             }),
             {{kProxySubject, Status::Fail, "the intermediate CN=Contoso Future Issuing CA,O=Contoso Test is not valid yet"}}},
            {"an expired leaf and an expiring intermediate: the worst, both named",
             proxy_serves_chain([] {
                 static const Issuer soon = make_intermediate(ca("Contoso Soon Issuing CA", "2026-06-11T12:00:00Z"));
                 return std::vector<std::string>{issue(expiring(-kDay), soon), soon.pem};
             }),
             {{kProxySubject, Status::Fail, "Contoso Soon Issuing CA,O=Contoso Test expires"}}},
            {"an expired certificate on the second address of the VIP only",
             [](Evidence& e) { second_proxy_address(e, served_chain(issue(expiring(-kDay)))); },
             {{kProxySubject, Status::Fail, "192.0.2.81:443"}}},
            {"the Front End's expired certificate, from inside",
             [](Evidence& e) {
                 CertSpec s = front_end_cert({"contoso.com"});
                 s.not_after = "2026-05-01T00:00:00Z";
                 tls_probe(e, "lyncdiscoverinternal", "lyncdiscoverinternal.contoso.com").chain = served_chain(issue(s));
             },
             {{kLdiSubject, Status::Fail}}},
            {"a certificate file is named by its file",
             [](Evidence& e) { tls_probe(e, "external-web", kExternalWeb).origin = "proxy.pem"; },
             {{kProxySubject, Status::Pass, "the certificate in proxy.pem is valid until"}}},
            {"a request among the served certificates has no dates to judge",
             [](Evidence& e) { tls_probe(e, "external-web", kExternalWeb).chain.push_back(request(leaf())); },
             {{kProxySubject, Status::Pass}}},
            {"a certificate request has no validity yet",
             [](Evidence& e) {
                 TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                 p.chain = {request(leaf())};
                 p.origin = "proxy.csr";
             },
             {{kProxySubject, Status::Skip}}},
        });
    SUBCASE("the horizon follows --expiry-warn-days") {
        auto with_days = [](int days) {
            return [days] {
                Evidence e = good();
                e.plan.expiry_warn_days = days;
                return e;
            };
        };
        run_table("tls.validity",
                  {
                      {"7 days: 8 days left passes", proxy_serves(expiring(8 * kDay)), {{kProxySubject, Status::Pass}}},
                      {"7 days: at the horizon passes", proxy_serves(expiring(7 * kDay)), {{kProxySubject, Status::Pass}}},
                      {"7 days: a second inside warns", proxy_serves(expiring(7 * kDay - 1)),
                       {{kProxySubject, Status::Warn, "warning from 7 days"}}},
                  },
                  with_days(7));
        run_table("tls.validity",
                  {
                      {"60 days: 59 days left warns", proxy_serves(expiring(59 * kDay)), {{kProxySubject, Status::Warn}}},
                      {"60 days: 61 days left passes", proxy_serves(expiring(61 * kDay)), {{kProxySubject, Status::Pass}}},
                  },
                  with_days(60));
        run_table("tls.validity",
                  {{"0 days: only expired certificates are reported", proxy_serves(expiring(1)),
                    {{kProxySubject, Status::Pass}}},
                   {"0 days: expired still fails", proxy_serves(expiring(-1)), {{kProxySubject, Status::Fail}}}},
                  with_days(0));
    }
}

// ---- signature and key ---------------------------------------------------------------------------

TEST_CASE("tls rules: tls.signature - key sizes and digests at their edges") {
    run_table(
        "tls.signature",
        {
            {"RSA 2048, SHA-256", nullptr, {{kProxySubject, Status::Pass, "RSA 2048-bit key, signed with sha256WithRSAEncryption"}}},
            {"RSA 2048 exactly passes", proxy_serves(leaf_with({Key::Kind::Rsa, 2048})), {{kProxySubject, Status::Pass}}},
            {"RSA 2049 passes", proxy_serves(leaf_with({Key::Kind::Rsa, 2049})), {{kProxySubject, Status::Pass}}},
            {"RSA 2047 warns", proxy_serves(leaf_with({Key::Kind::Rsa, 2047})),
             {{kProxySubject, Status::Warn, "RSA key of 2047 bits (at least 2048)"}}},
            {"RSA 1024 warns", proxy_serves(leaf_with({Key::Kind::Rsa, 1024})),
             {{kProxySubject, Status::Warn, "RSA key of 1024 bits"}}},
            {"EC P-256 passes", proxy_serves(leaf_with({Key::Kind::Ec, 256})),
             {{kProxySubject, Status::Pass, "EC 256-bit key"}}},
            {"EC P-384 passes", proxy_serves(leaf_with({Key::Kind::Ec, 384})), {{kProxySubject, Status::Pass}}},
            {"EC P-224 warns", proxy_serves(leaf_with({Key::Kind::Ec, 224})),
             {{kProxySubject, Status::Warn, "EC key of 224 bits (at least 256)"}}},
            {"DSA warns", proxy_serves(leaf_with({Key::Kind::Dsa, 1024})), {{kProxySubject, Status::Warn, "DSA key"}}},
            {"Ed25519 passes", proxy_serves(leaf_with({Key::Kind::Ed25519, 256})),
             {{kProxySubject, Status::Pass, "ED25519"}}},
            {"SHA-1 warns", proxy_serves(leaf_digest("SHA1")),
             {{kProxySubject, Status::Warn, "signed with sha1WithRSAEncryption (SHA1 is broken"}}},
            {"MD5 warns", proxy_serves(leaf_digest("MD5")), {{kProxySubject, Status::Warn, "MD5 is broken"}}},
            {"SHA-384 passes", proxy_serves(leaf_digest("SHA384")), {{kProxySubject, Status::Pass}}},
            {"an intermediate signed with SHA-1",
             proxy_serves_chain([] {
                 CertSpec spec = ca("Contoso SHA1 Issuing CA");
                 spec.digest = "SHA1";
                 static const Issuer sha1 = make_intermediate(spec);
                 return std::vector<std::string>{issue(leaf(), sha1), sha1.pem};
             }),
             {{kProxySubject, Status::Warn, "the intermediate CN=Contoso SHA1 Issuing CA,O=Contoso Test is signed with"}}},
            {"an intermediate with a 1024-bit key",
             proxy_serves_chain([] {
                 CertSpec spec = ca("Contoso Weak Issuing CA");
                 spec.key = {Key::Kind::Rsa, 1024};
                 static const Issuer weak = make_intermediate(spec);
                 return std::vector<std::string>{issue(leaf(), weak), weak.pem};
             }),
             {{kProxySubject, Status::Warn, "the intermediate CN=Contoso Weak Issuing CA,O=Contoso Test has an RSA key of 1024 bits"}}},
            {"a served root's own SHA-1 signature is not judged",
             proxy_serves_chain([] {
                 CertSpec spec = ca("Contoso SHA1 Root CA");
                 spec.digest = "SHA1";
                 return std::vector<std::string>{issue(leaf()), intermediate_pem(), self_signed(spec)};
             }),
             {{kProxySubject, Status::Pass}}},
            {"a lone self-signed CA certificate's SHA-1 signature is not judged",
             proxy_serves_chain([] {
                 CertSpec spec = ca(kExternalWeb);
                 spec.digest = "SHA1";
                 return std::vector<std::string>{self_signed(spec)};
             }),
             {{kProxySubject, Status::Pass}}},
            {"a self-signed leaf that is not a CA is judged",
             proxy_serves_chain([] { return std::vector<std::string>{self_signed(leaf_digest("SHA1"))}; }),
             {{kProxySubject, Status::Warn, "SHA1"}}},
            {"a self-signed CA as the leaf of a longer chain is judged",
             proxy_serves_chain([] {
                 CertSpec spec = ca(kExternalWeb);
                 spec.digest = "SHA1";
                 return std::vector<std::string>{self_signed(spec), intermediate_pem()};
             }),
             {{kProxySubject, Status::Warn, "SHA1"}}},
            {"SHA-1 and a weak key: both named",
             proxy_serves([] {
                 CertSpec s = leaf_with({Key::Kind::Rsa, 1024});
                 s.digest = "SHA1";
                 return s;
             }()),
             {{kProxySubject, Status::Warn, "(SHA1 is broken; clients reject or warn). the certificate"}}},
            {"a served certificate mobcheck cannot read is left out",
             [](Evidence& e) {
                 tls_probe(e, "external-web", kExternalWeb).chain.push_back(
                     "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
             },
             {{kProxySubject, Status::Pass}}},
            {"a request: its key, no signature to judge",
             [](Evidence& e) {
                 TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                 p.chain = {request(leaf_digest("SHA1"))};
                 p.origin = "proxy.csr";
             },
             {{kProxySubject, Status::Pass, "RSA 2048-bit key."}}},
            {"a weak key on the second address of the VIP",
             [](Evidence& e) { second_proxy_address(e, served_chain(issue(leaf_with({Key::Kind::Rsa, 1024})))); },
             {{kProxySubject, Status::Warn, "192.0.2.81:443"}}},
            {"the Front End's weak key",
             [](Evidence& e) {
                 CertSpec s = front_end_cert({"contoso.com"});
                 s.key = {Key::Kind::Rsa, 1024};
                 tls_probe(e, "lyncdiscoverinternal", "lyncdiscoverinternal.contoso.com").chain = served_chain(issue(s));
             },
             {{kLdiSubject, Status::Warn}}},
        });
}

// ---- key usage, subject, protocol ----------------------------------------------------------------

TEST_CASE("tls rules: tls.server-auth-eku") {
    run_table("tls.server-auth-eku",
              {
                  {"serverAuth passes", nullptr, {{kProxySubject, Status::Pass, "(EKU serverAuth)"}}},
                  {"serverAuth and clientAuth pass", proxy_serves(leaf_eku(Eku::ServerAndClient)),
                   {{kProxySubject, Status::Pass, "serverAuth, clientAuth"}}},
                  {"clientAuth only fails", proxy_serves(leaf_eku(Eku::ClientAuth)),
                   {{kProxySubject, Status::Fail, "its extended key usage is clientAuth"}}},
                  // The documented decision: no EKU extension at all fails (iOS 13 and later require it).
                  {"no EKU extension fails", proxy_serves(leaf_eku(Eku::None)),
                   {{kProxySubject, Status::Fail, "has no extended key usage extension"}}},
                  {"a request without EKU passes: the CA template adds it",
                   [](Evidence& e) {
                       TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                       p.chain = {request(leaf_eku(Eku::None))};
                       p.origin = "proxy.csr";
                   },
                   {{kProxySubject, Status::Pass, "the CA template"}}},
                  {"a request for clientAuth only fails",
                   [](Evidence& e) {
                       TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                       p.chain = {request(leaf_eku(Eku::ClientAuth))};
                       p.origin = "proxy.csr";
                   },
                   {{kProxySubject, Status::Fail}}},
                  {"the Front End without EKU, from inside",
                   [](Evidence& e) {
                       CertSpec s = front_end_cert({"contoso.com"});
                       s.eku = Eku::None;
                       tls_probe(e, "lyncdiscoverinternal", "lyncdiscoverinternal.contoso.com").chain =
                           served_chain(issue(s));
                   },
                   {{kLdiSubject, Status::Fail}}},
              });
}

TEST_CASE("tls rules: tls.no-wildcard-subject") {
    run_table("tls.no-wildcard-subject",
              {
                  {"a fully qualified subject", nullptr, {{kProxySubject, Status::Pass, "CN=webext.contoso.com"}}},
                  {"a wildcard subject warns",
                   proxy_serves(CertSpec{.cn = "*.contoso.com", .sans = {"*.contoso.com", kExternalWeb}}),
                   {{kProxySubject, Status::Warn, "(CN=*.contoso.com)"}}},
                  {"a wildcard only among the SANs passes",
                   proxy_serves(CertSpec{.cn = kExternalWeb, .sans = {kExternalWeb, "*.contoso.com"}}),
                   {{kProxySubject, Status::Pass}}},
                  {"an empty subject passes (the SANs name it)", proxy_serves(CertSpec{.cn = "", .sans = {kExternalWeb}}),
                   {{kProxySubject, Status::Pass, "(empty)"}}},
                  {"the reverse proxy's wildcard subject for lyncdiscover",
                   [](Evidence& e) {
                       tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com").chain =
                           served_chain(issue(CertSpec{.cn = "*.contoso.com", .sans = {"*.contoso.com"}}));
                   },
                   {{kLdSubject, Status::Warn}}},
              });
}

TEST_CASE("tls rules: tls.protocol - TLS 1.2 must offer forward secrecy") {
    // As the prober records it: TLS 1.2 with a suite that is not forward secret makes it ask again,
    // offering ECDHE and DHE only (forward_secrecy), and when that fails names the suites accepted.
    auto tls12 = [](std::string cipher, std::optional<bool> forward_secrecy, std::vector<std::string> suites = {}) {
        return [=](Evidence& e) {
            TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
            p.protocol = "TLSv1.2";
            p.cipher = cipher;
            p.forward_secrecy = forward_secrecy;
            p.tls12_suites = suites;
        };
    };
    run_table("tls.protocol",
              {
                  {"ECDHE negotiated: pass", tls12("ECDHE-RSA-AES256-GCM-SHA384", std::nullopt),
                   {{kProxySubject, Status::Pass, "ECDHE-RSA-AES256-GCM-SHA384"}}},
                  {"RSA preferred but ECDHE accepted: pass, said", tls12("AES256-GCM-SHA384", true),
                   {{kProxySubject, Status::Pass, "accepts ECDHE"}}},
                  {"no ECDHE or DHE at all: warn naming the suites", tls12("AES256-GCM-SHA384", false, {"AES256-GCM-SHA384", "AES128-GCM-SHA256"}),
                   {{kProxySubject, Status::Warn, "the TLS 1.2 suites it accepts: AES256-GCM-SHA384, AES128-GCM-SHA256. TLS 1.3 is not offered",
                     "no-forward-secrecy"}}},
                  {"... with no suite list recorded: the one negotiated", tls12("AES128-SHA", false),
                   {{kProxySubject, Status::Warn, "the TLS 1.2 suites it accepts: AES128-SHA."}}},
                  {"the second handshake could not tell: judged as before", tls12("AES256-GCM-SHA384", std::nullopt),
                   {{kProxySubject, Status::Pass}}},
                  {"TLS 1.1 fails whatever its suites", [](Evidence& e) {
                       TlsProbe& p = tls_probe(e, "external-web", kExternalWeb);
                       p.protocol = "TLSv1.1";
                       p.forward_secrecy = false;
                   },
                   {{kProxySubject, Status::Fail, "negotiated TLSv1.1", "old-protocol"}}},
              });
    Evidence e = good();
    tls12("AES256-GCM-SHA384", false, {"AES256-GCM-SHA384"})(e);
    const Result r = one(judge_check(e, "tls.protocol"), kProxySubject);
    CHECK(r.remediation.find("Enable ECDHE suites") == 0);
}

TEST_CASE("tls rules: tls.protocol") {
    auto negotiated = [](std::string protocol) {
        return [protocol](Evidence& e) { tls_probe(e, "external-web", kExternalWeb).protocol = protocol; };
    };
    run_table("tls.protocol",
              {
                  {"TLS 1.3 passes", nullptr, {{kProxySubject, Status::Pass, "negotiated TLSv1.3"}}},
                  {"TLS 1.2 passes", negotiated("TLSv1.2"), {{kProxySubject, Status::Pass}}},
                  {"TLS 1.1 fails", negotiated("TLSv1.1"), {{kProxySubject, Status::Fail, "negotiated TLSv1.1"}}},
                  {"TLS 1.0 fails", negotiated("TLSv1"), {{kProxySubject, Status::Fail}}},
                  {"SSL 3 fails", negotiated("SSLv3"), {{kProxySubject, Status::Fail}}},
                  {"the Front End at TLS 1.0, from inside",
                   [](Evidence& e) {
                       tls_probe(e, "lyncdiscoverinternal", "lyncdiscoverinternal.contoso.com").protocol = "TLSv1";
                   },
                   {{kLdiSubject, Status::Fail}}},
                  {"the second address of the VIP at TLS 1.1",
                   [](Evidence& e) {
                       second_proxy_address(e, served_chain(issue(leaf())));
                       tls_probes(e, "external-web", kExternalWeb).back()->protocol = "TLSv1.1";
                   },
                   {{kProxySubject, Status::Fail, "192.0.2.81:443 negotiated TLSv1.1"}}},
                  {"a failed handshake on the second address is undecided",
                   [](Evidence& e) {
                       second_proxy_address(e, served_chain(issue(leaf())));
                       TlsProbe& p = *tls_probes(e, "external-web", kExternalWeb).back();
                       p.outcome = TlsOutcome::Failed;
                       p.detail = "handshake failed: tlsv1 alert protocol version";
                   },
                   {{kProxySubject, Status::Error, "tlsv1 alert protocol version"}}},
                  {"... while a bad protocol on the first still fails",
                   [](Evidence& e) {
                       tls_probe(e, "external-web", kExternalWeb).protocol = "TLSv1.1";
                       second_proxy_address(e, served_chain(issue(leaf())));
                       TlsProbe& p = *tls_probes(e, "external-web", kExternalWeb).back();
                       p.outcome = TlsOutcome::Failed;
                       p.detail = "handshake failed: tlsv1 alert protocol version";
                   },
                   {{kProxySubject, Status::Fail, "192.0.2.80:443 negotiated TLSv1.1"}}},
                  {"a certificate file has no protocol",
                   [](Evidence& e) { tls_probe(e, "external-web", kExternalWeb).origin = "proxy.pem"; },
                   {{kProxySubject, Status::Skip, "a certificate file has no protocol"}}},
              });
}
