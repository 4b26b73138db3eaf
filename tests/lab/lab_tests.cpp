// End-to-end: the real mobcheck binary against real BIND 9 servers (internal and external views)
// in a private network namespace made by tests/lab/labctl, one scenario per test. Each scenario
// breaks one rule for real; the test asserts that exactly the expected results are not `pass`.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "lab.hpp"
#include "process.hpp"

using nlohmann::json;

namespace {

const std::string kBinary = MOBCHECK_BINARY;
const std::string kLabctl = MOBCHECK_LABCTL;
const std::string kLabCa = MOBCHECK_LAB_CA;  // the lab's root CA: every run trusts it, as an enterprise CA

using testsupport::lab::LabRun;
using testsupport::lab::result;
using testsupport::lab::standard_args;

// Runs mobcheck inside a fresh lab namespace serving `scenario`.
LabRun lab(const std::string& scenario, std::vector<std::string> args, bool parse_json = true) {
    return testsupport::lab::run(scenario, std::move(args), parse_json);
}

using Expectation = std::tuple<std::string, std::string, std::string>;  // check, subject, status

// Every listed (check, subject) has the listed status, and every other result passes, except
// topology.mobility-urls-external, which skips without --user unless listed.
void expect_only(const json& report, const std::vector<Expectation>& expected) {
    std::set<std::pair<std::string, std::string>> seen;
    REQUIRE(!report.at("results").empty());
    for (const auto& r : report.at("results")) {
        const std::string check = r.at("check"), subject = r.at("subject"), status = r.at("status");
        CAPTURE(check);
        CAPTURE(subject);
        CAPTURE(r.at("message").get<std::string>());
        std::string want = check == "topology.mobility-urls-external" ? "skip" : "pass";
        for (const auto& [c, s, st] : expected) {
            if (c == check && s == subject) {
                want = st;
                seen.emplace(c, s);
            }
        }
        CHECK(status == want);
    }
    for (const auto& [c, s, st] : expected) {
        CAPTURE(c);
        CAPTURE(s);
        CHECK(seen.count({c, s}) == 1);
    }
}

bool mentions(const json& r, const std::string& text) {
    return r.at("message").get<std::string>().find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("lab good: two SIP domains and every DNS rule holds") {
    auto run = lab("good", standard_args());
    CHECK(run.exit_code == 0);
    expect_only(run.report, {});
    CHECK(run.report.at("summary").at("pass").get<int>() >= 20);
    const auto& r = result(run.report, "dns.lyncdiscoverinternal", "contoso.com");
    CHECK(r.at("evidence").at("dns").at("chain")[0].at("target") == "pool01.contoso.net");
    CHECK(r.at("evidence").at("dns").at("addresses")[0] == "127.10.0.10");
}

TEST_CASE("lab good: the text report for the admin") {
    auto run = lab("good",
                   {"--sip", "contoso.com", "--sip", "fabrikam.com", "--internal-dns", "127.0.0.53", "--external-dns",
                    "127.0.0.54", "--internal-web", "pool01.contoso.net", "--external-web", "webext.contoso.com",
                    "--ca-file", kLabCa},
                   false);
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("\ncontoso.com\n") != std::string::npos);
    CHECK(run.out.find("\nfabrikam.com\n") != std::string::npos);
    CHECK(run.out.find("PASS  dns.lyncdiscover") != std::string::npos);
    CHECK(run.out.find("0 fail") != std::string::npos);
    CHECK(run.out.find('\033') == std::string::npos);
}

TEST_CASE("lab missing-internal-fabrikam: the second SIP domain has no lyncdiscoverinternal") {
    auto run = lab("missing-internal-fabrikam", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"dns.lyncdiscoverinternal", "fabrikam.com", "fail"},
                             {"tls.lyncdiscoverinternal-san", "fabrikam.com", "skip"},
                             {"tls.internal-cert-lyncdiscover-san", "fabrikam.com", "skip"},
                             {"http.lyncdiscoverinternal", "fabrikam.com", "skip"},
                             {"http.user-challenge", "lyncdiscoverinternal.fabrikam.com", "skip"}});
    CHECK(mentions(result(run.report, "dns.lyncdiscoverinternal", "fabrikam.com"), "NXDOMAIN"));
    // No certificate to judge where no name resolves: said once, by the *-san checks.
    CHECK(mentions(result(run.report, "tls.lyncdiscoverinternal-san", "fabrikam.com"), "does not resolve"));
}

TEST_CASE("lab missing-external-fabrikam: no public lyncdiscover record") {
    auto run = lab("missing-external-fabrikam", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"dns.lyncdiscover", "fabrikam.com", "fail"},
                             {"dns.cname-domain", "fabrikam.com", "skip"},
                             {"tls.lyncdiscover-san", "fabrikam.com", "skip"},
                             {"http.lyncdiscover", "fabrikam.com", "skip"},
                             {"http.lyncdiscover-port80", "fabrikam.com", "skip"},
                             {"http.autodiscover-links", "fabrikam.com", "skip"},
                             {"http.user-challenge", "lyncdiscover.fabrikam.com", "skip"}});
}

TEST_CASE("lab internal-name-visible: lyncdiscoverinternal answers from outside") {
    auto run = lab("internal-name-visible", standard_args());
    CHECK(run.exit_code == 0);  // a warning is below the default gate
    expect_only(run.report, {{"dns.internal-name-hidden", "contoso.com", "warn"}});
    auto gated = lab("internal-name-visible", standard_args({"--fail-on", "warn"}));
    CHECK(gated.exit_code == 1);
}

TEST_CASE("lab external-name-inside: lyncdiscover resolves inside and is tolerated") {
    auto run = lab("external-name-inside", standard_args());
    CHECK(run.exit_code == 0);
    expect_only(run.report, {{"dns.external-name-inside", "contoso.com", "info"}});
}

TEST_CASE("lab cname-other-domain: lyncdiscover.fabrikam.com is a CNAME into contoso.com") {
    auto run = lab("cname-other-domain", standard_args());
    expect_only(run.report, {{"dns.cname-domain", "fabrikam.com", "warn"}});
    CHECK(mentions(result(run.report, "dns.cname-domain", "fabrikam.com"), "webext.contoso.com"));
}

TEST_CASE("lab cname-loop: lyncdiscover.contoso.com loops") {
    auto run = lab("cname-loop", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"dns.lyncdiscover", "contoso.com", "fail"},
                             {"dns.chain-health", "contoso.com", "fail"},
                             {"tls.lyncdiscover-san", "contoso.com", "skip"},
                             {"http.lyncdiscover", "contoso.com", "skip"},
                             {"http.lyncdiscover-port80", "contoso.com", "skip"},
                             {"http.autodiscover-links", "contoso.com", "skip"},
                             {"http.user-challenge", "lyncdiscover.contoso.com", "skip"}});
    CHECK(mentions(result(run.report, "dns.chain-health", "contoso.com"), "loop"));
}

TEST_CASE("lab dangling-cname: lyncdiscoverinternal points at a name that does not exist") {
    auto run = lab("dangling-cname", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"dns.lyncdiscoverinternal", "contoso.com", "fail"},
                             {"dns.chain-health", "contoso.com", "fail"},
                             {"tls.lyncdiscoverinternal-san", "contoso.com", "skip"},
                             {"tls.internal-cert-lyncdiscover-san", "contoso.com", "skip"},
                             {"http.lyncdiscoverinternal", "contoso.com", "skip"},
                             {"http.user-challenge", "lyncdiscoverinternal.contoso.com", "skip"}});
    CHECK(mentions(result(run.report, "dns.chain-health", "contoso.com"), "pool99.contoso.net"));
}

TEST_CASE("lab servfail: the public fabrikam.com zone does not load") {
    auto run = lab("servfail", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"dns.lyncdiscover", "fabrikam.com", "fail"},
                             {"dns.chain-health", "fabrikam.com", "fail"},
                             {"dns.internal-name-hidden", "fabrikam.com", "error"},
                             {"dns.cname-domain", "fabrikam.com", "skip"},
                             {"dns.federation-srv", "fabrikam.com", "error"},
                             {"tls.lyncdiscover-san", "fabrikam.com", "skip"},
                             {"http.lyncdiscover", "fabrikam.com", "skip"},
                             {"http.lyncdiscover-port80", "fabrikam.com", "skip"},
                             {"http.autodiscover-links", "fabrikam.com", "skip"},
                             {"http.user-challenge", "lyncdiscover.fabrikam.com", "skip"}});
    CHECK(mentions(result(run.report, "dns.chain-health", "fabrikam.com"), "SERVFAIL"));
}

TEST_CASE("lab web-internal-public: the pool's internal web FQDN is published outside") {
    auto run = lab("web-internal-public", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"dns.web-internal-private", "pool01.contoso.net", "fail"}});
}

TEST_CASE("lab web-external-missing: the external web FQDN is not public") {
    auto run = lab("web-external-missing", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"dns.web-external-public", "webext.contoso.com", "fail"},
                             {"tls.external-web-san", "webext.contoso.com", "skip"},
                             {"http.autodiscover-links", "contoso.com", "fail"},
                             {"http.autodiscover-links", "fabrikam.com", "fail"},
                             {"http.user-challenge", "lyncdiscover.contoso.com", "fail"},
                             {"http.user-challenge", "lyncdiscover.fabrikam.com", "fail"},
                             {"http.hairpin", "webext.contoso.com", "skip"}});
}

TEST_CASE("lab web-external-direct: inside the external web FQDN bypasses the reverse proxy") {
    auto run = lab("web-external-direct", standard_args());
    CHECK(run.exit_code == 0);
    expect_only(run.report, {{"dns.web-external-via-proxy", "webext.contoso.com", "warn"}});
}

TEST_CASE("lab no-federation-srv: fabrikam.com has no federation SRV record") {
    auto run = lab("no-federation-srv", standard_args());
    expect_only(run.report, {{"dns.federation-srv", "fabrikam.com", "warn"}});
}

TEST_CASE("lab apns-blocked: the corporate firewall drops outbound 5223") {
    auto run = lab("apns-blocked", standard_args());
    CHECK(run.exit_code == 0);  // a warning: Lync 2013 Mobile does not need push
    expect_only(run.report, {{"ports.apns", "courier.push.apple.com:5223", "warn"}});
    CHECK(mentions(result(run.report, "ports.apns", "courier.push.apple.com:5223"), "filtered"));
}

TEST_CASE("lab sba-port-closed: nothing listens on 5089 of one appliance") {
    auto run = lab("sba-port-closed", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"ports.sba-ucwa-primary", "sba-lima.contoso.net:5089", "fail"}});
    CHECK(mentions(result(run.report, "ports.sba-ucwa-primary", "sba-lima.contoso.net:5089"), "closed"));
}

TEST_CASE("lab sba-port-filtered: a firewall drops 5088 to one appliance") {
    auto run = lab("sba-port-filtered", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"ports.sba-ucwa-external", "sba-lima.contoso.net:5088", "fail"}});
    CHECK(mentions(result(run.report, "ports.sba-ucwa-external", "sba-lima.contoso.net:5088"), "filtered"));
}

TEST_CASE("lab sba-unreachable: no route to one appliance") {
    auto run = lab("sba-unreachable", standard_args());
    expect_only(run.report, {{"ports.sba-ucwa-external", "sba-lima.contoso.net:5088", "fail"},
                             {"ports.sba-ucwa-primary", "sba-lima.contoso.net:5089", "fail"}});
    CHECK(mentions(result(run.report, "ports.sba-ucwa-primary", "sba-lima.contoso.net:5089"), "unreachable"));
}

TEST_CASE("lab: an appliance name that does not resolve") {
    auto run = lab("good", standard_args({"--sba", "sba-nowhere.contoso.net"}));
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"ports.sba-ucwa-external", "sba-nowhere.contoso.net:5088", "fail"},
                             {"ports.sba-ucwa-primary", "sba-nowhere.contoso.net:5089", "fail"}});
    CHECK(mentions(result(run.report, "ports.sba-ucwa-primary", "sba-nowhere.contoso.net:5089"), "NXDOMAIN"));
}

TEST_CASE("lab many-sbas: 100 filtered ports cost one timeout and not a hundred") {
    std::vector<std::string> args = {"--sip", "contoso.com", "--internal-dns", "127.0.0.53", "--external-dns",
                                     "127.0.0.54", "--only", "ports", "--timeout", "1", "--format", "json"};
    for (int i = 1; i <= 50; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "sba%02d.branch.contoso.net", i);
        args.insert(args.end(), {"--sba", name});
    }
    auto run = lab("many-sbas", args);
    CHECK(run.exit_code == 1);
    CHECK(run.report.at("summary").at("fail") == 100);
    // Every probe waits its full timeout at once: about one second in all, far from 100 seconds.
    CHECK(run.report.at("run").at("duration_ms").get<double>() < 1800);
    // With a cap of 10 connects in flight, the same run needs ten rounds of one timeout.
    CHECK(run.report.at("run").at("deadline_reached") == false);
    args.insert(args.end(), {"--max-connections", "10"});
    auto capped = lab("many-sbas", args);
    CHECK(capped.report.at("summary").at("fail") == 100);
    CHECK(capped.report.at("run").at("deadline_reached") == false);  // the default deadline allows for the cap
    const double capped_ms = capped.report.at("run").at("duration_ms").get<double>();
    CHECK(capped_ms > 9000);
    CHECK(capped_ms < 13000);
}

TEST_CASE("lab vantage external: internal-only endpoints are skipped and the Wi-Fi rule does not apply") {
    auto run = lab("good", standard_args({"--vantage", "external"}));
    CHECK(run.exit_code == 0);
    expect_only(run.report, {{"ports.apns", "courier.push.apple.com:5223", "skip"},
                             {"ports.sba-ucwa-external", "sba-oslo.contoso.net:5088", "skip"},
                             {"ports.sba-ucwa-external", "sba-lima.contoso.net:5088", "skip"},
                             {"ports.sba-ucwa-primary", "sba-oslo.contoso.net:5089", "skip"},
                             {"ports.sba-ucwa-primary", "sba-lima.contoso.net:5089", "skip"},
                             {"tls.lyncdiscoverinternal-san", "contoso.com", "skip"},
                             {"tls.lyncdiscoverinternal-san", "fabrikam.com", "skip"},
                             {"tls.internal-cert-lyncdiscover-san", "contoso.com", "skip"},
                             {"tls.internal-cert-lyncdiscover-san", "fabrikam.com", "skip"},
                             {"http.lyncdiscoverinternal", "contoso.com", "skip"},
                             {"http.lyncdiscoverinternal", "fabrikam.com", "skip"},
                             {"http.hairpin", "hairpin", "skip"}});
    CHECK(run.report.at("run").at("vantage") == "external");
}

TEST_CASE("lab sba-exposed: from outside an appliance's SIP ports answer") {
    auto run = lab("sba-exposed", standard_args({"--vantage", "external"}));
    expect_only(run.report, {{"ports.apns", "courier.push.apple.com:5223", "skip"},
                             {"ports.sba-ucwa-external", "sba-oslo.contoso.net:5088", "warn"},
                             {"ports.sba-ucwa-external", "sba-lima.contoso.net:5088", "skip"},
                             {"ports.sba-ucwa-primary", "sba-oslo.contoso.net:5089", "warn"},
                             {"ports.sba-ucwa-primary", "sba-lima.contoso.net:5089", "skip"},
                             {"tls.lyncdiscoverinternal-san", "contoso.com", "skip"},
                             {"tls.lyncdiscoverinternal-san", "fabrikam.com", "skip"},
                             {"tls.internal-cert-lyncdiscover-san", "contoso.com", "skip"},
                             {"tls.internal-cert-lyncdiscover-san", "fabrikam.com", "skip"},
                             {"http.lyncdiscoverinternal", "contoso.com", "skip"},
                             {"http.lyncdiscoverinternal", "fabrikam.com", "skip"},
                             {"http.hairpin", "hairpin", "skip"}});
}

TEST_CASE("lab same web FQDNs: topology.web-fqdns-distinct fails") {
    auto run = lab("good", {"--sip", "contoso.com", "--internal-dns", "127.0.0.53", "--external-dns", "127.0.0.54",
                            "--internal-web", "webext.contoso.com", "--external-web", "webext.contoso.com", "--format",
                            "json"});
    CHECK(run.exit_code == 1);
    const auto& r = result(run.report, "topology.web-fqdns-distinct", "webext.contoso.com");
    CHECK(r.at("status") == "fail");
}

TEST_CASE("lab: a resolver that drops every query ends in error within the deadline and the rest goes on") {
    // 127.0.0.55 silently drops everything (nftables). --timeout 0.5 s, 2 attempts per query.
    auto run = lab("good", {"--sip", "contoso.com", "--sip", "fabrikam.com", "--internal-dns", "127.0.0.53",
                            "--external-dns", "127.0.0.55", "--timeout", "0.5", "--format", "json", "--ca-file", kLabCa});
    CHECK(run.exit_code == 3);
    // Every query is in flight at once: the run costs about attempts × timeout, not a sum per query.
    CHECK(run.elapsed < std::chrono::milliseconds(2 * 2 * 500 + 2000));
    const auto& lyncdiscover = result(run.report, "dns.lyncdiscover", "contoso.com");
    CHECK(lyncdiscover.at("status") == "error");
    CHECK(mentions(lyncdiscover, "no answer"));
    CHECK(mentions(lyncdiscover, "2 attempt(s) of 500 ms"));
    // The internal view is unaffected.
    CHECK(result(run.report, "dns.lyncdiscoverinternal", "contoso.com").at("status") == "pass");
    CHECK(result(run.report, "dns.lyncdiscoverinternal", "fabrikam.com").at("status") == "pass");
    CHECK(run.report.at("summary").at("fail") == 0);
}

TEST_CASE("lab: a resolver nobody listens on is an error naming the refusal") {
    // 127.0.0.56 has no listener: the kernel answers "port unreachable". c-ares notices it on some
    // queries at once and lets others time out, so the run is bounded by attempts × timeout.
    auto run = lab("good", {"--sip", "contoso.com", "--internal-dns", "127.0.0.56", "--external-dns", "127.0.0.54",
                            "--timeout", "1", "--format", "json", "--ca-file", kLabCa});
    CHECK(run.exit_code == 3);
    CHECK(run.elapsed < std::chrono::milliseconds(2 * 1000 + 1500));
    const auto& r = result(run.report, "dns.lyncdiscoverinternal", "contoso.com");
    CHECK(r.at("status") == "error");
    CHECK(mentions(r, "connection refused"));
    CHECK(result(run.report, "dns.lyncdiscover", "contoso.com").at("status") == "pass");
}

TEST_CASE("lab: the overall deadline stops a run whose resolvers never answer") {
    auto run = lab("good", {"--sip", "contoso.com", "--internal-dns", "127.0.0.55", "--external-dns", "127.0.0.55",
                            "--timeout", "5", "--deadline", "1", "--format", "json"});
    CHECK(run.exit_code == 3);
    CHECK(run.elapsed < std::chrono::milliseconds(2500));
    CHECK(run.report.at("run").at("deadline_reached") == true);
    CHECK(mentions(result(run.report, "dns.lyncdiscover", "contoso.com"), "deadline"));
}

TEST_CASE("lab: saved evidence replays to the same results without the network") {
    char tmpl[] = "/tmp/mobcheck-lab-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    const std::string evidence = std::string(tmpl) + "/evidence.json";
    auto live = lab("cname-loop", standard_args({"--save-evidence", evidence}));
    auto replay = testsupport::run({kBinary, "--replay", evidence, "--format", "json"});
    CHECK(replay.exit_code == live.exit_code);
    json replayed = json::parse(replay.out);
    CHECK(replayed.at("results") == live.report.at("results"));
    CHECK(replayed.at("summary") == live.report.at("summary"));
    std::remove(evidence.c_str());
    ::rmdir(tmpl);
}

// ---- certificates: nginx serves the lab CA's certificates on the reverse proxy and the Front End ----

TEST_CASE("lab good: every certificate covers its names and chains to the lab CA over TLS 1.2 or newer") {
    auto run = lab("good", standard_args());
    CHECK(run.exit_code == 0);
    expect_only(run.report, {});
    const auto& r = result(run.report, "tls.lyncdiscover-san", "fabrikam.com");
    CHECK(r.at("evidence").at("probes")[0].at("address") == "127.20.0.10");
    CHECK(r.at("evidence").at("probes")[0].at("leaf").at("san").size() == 3);
    // Without the lab CA the same chain is untrusted: the trust anchors are the system store plus --ca-file.
    auto untrusted = lab("good", {"--sip", "contoso.com", "--internal-dns", "127.0.0.53", "--external-dns", "127.0.0.54",
                                  "--only", "tls.chain", "--format", "json", "--timeout", "1"});
    CHECK(untrusted.exit_code == 1);
    CHECK(mentions(result(untrusted.report, "tls.chain", "lyncdiscover.contoso.com:443"), "unable to get local issuer"));
}

TEST_CASE("lab tls-proxy-missing-fabrikam: the reverse proxy certificate lacks the second SIP domain") {
    auto run = lab("tls-proxy-missing-fabrikam", standard_args());
    // The lab publishes the HTTP port 80 rule, which the rules accept instead of the SAN: info, exit 0.
    CHECK(run.exit_code == 0);
    expect_only(run.report, {{"tls.lyncdiscover-san", "fabrikam.com", "info"},
                             {"http.lyncdiscover", "fabrikam.com", "info"}});
    CHECK(mentions(result(run.report, "http.lyncdiscover-port80", "fabrikam.com"), "answers an Autodiscover root over HTTP"));
    const auto& r = result(run.report, "tls.lyncdiscover-san", "fabrikam.com");
    CHECK(mentions(r, "127.20.0.10:443"));
    CHECK(mentions(r, "does not cover lyncdiscover.fabrikam.com"));
    CHECK(mentions(r, "its SAN list is webext.contoso.com, lyncdiscover.contoso.com"));
    CHECK(r.at("remediation").get<std::string>().find("reverse proxy certificate") != std::string::npos);
}

TEST_CASE("lab tls-proxy-missing-webext: the external web FQDN is not on its certificate") {
    auto run = lab("tls-proxy-missing-webext", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"tls.external-web-san", "webext.contoso.com", "fail"},
                             {"http.user-challenge", "lyncdiscover.contoso.com", "fail"},
                             {"http.user-challenge", "lyncdiscover.fabrikam.com", "fail"},
                             {"http.source-affinity", "webext.contoso.com", "error"},
                             {"http.mobility-service", "https://webext.contoso.com/ucwa/", "fail"},
                             {"http.mobility-service", "https://webext.contoso.com/Mcx/McxService.svc", "warn"}});
}

TEST_CASE("lab tls-frontend-missing-internal: the Front End certificate lacks lyncdiscoverinternal") {
    auto run = lab("tls-frontend-missing-internal", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"tls.lyncdiscoverinternal-san", "fabrikam.com", "fail"},
                             {"http.lyncdiscoverinternal", "fabrikam.com", "fail"},
                             {"http.user-challenge", "lyncdiscoverinternal.fabrikam.com", "skip"}});
    CHECK(mentions(result(run.report, "tls.lyncdiscoverinternal-san", "fabrikam.com"), "127.10.0.10:443"));
}

TEST_CASE("lab tls-frontend-missing-lyncdiscover: the Front End certificate lacks lyncdiscover (warn)") {
    auto run = lab("tls-frontend-missing-lyncdiscover", standard_args());
    CHECK(run.exit_code == 0);
    expect_only(run.report, {{"tls.internal-cert-lyncdiscover-san", "fabrikam.com", "warn"}});
}

TEST_CASE("lab tls-expired: one VIP member serves an expired certificate and only it is named") {
    auto run = lab("tls-expired", standard_args());
    CHECK(run.exit_code == 1);
    // The Autodiscover walk, like a phone, asks one address: the first of the answer, whose order BIND
    // rotates. At fe01 it gets the root; at fe02 it must fail on the expired certificate.
    std::vector<Expectation> expected = {{"tls.validity", "lyncdiscoverinternal.fabrikam.com:443", "fail"}};
    const auto& walk = result(run.report, "http.lyncdiscoverinternal", "fabrikam.com");
    if (walk.at("evidence").at("walk").at("hops")[0].at("address") == "127.10.0.12") {
        CHECK(mentions(walk, "certificate has expired"));
        expected.emplace_back("http.lyncdiscoverinternal", "fabrikam.com", "fail");
        expected.emplace_back("http.user-challenge", "lyncdiscoverinternal.fabrikam.com", "skip");
    }
    expect_only(run.report, expected);
    const auto& r = result(run.report, "tls.validity", "lyncdiscoverinternal.fabrikam.com:443");
    CHECK(mentions(r, "127.10.0.12:443"));
    CHECK(!mentions(r, "127.10.0.11"));
    CHECK(mentions(r, "expired on"));
    CHECK(r.at("evidence").at("probes").size() == 2);
}

TEST_CASE("lab tls-not-yet-valid: the Front End certificate starts in a month") {
    auto run = lab("tls-not-yet-valid", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"tls.validity", "lyncdiscoverinternal.contoso.com:443", "fail"},
                             {"tls.validity", "lyncdiscoverinternal.fabrikam.com:443", "fail"},
                             {"http.lyncdiscoverinternal", "contoso.com", "fail"},
                             {"http.lyncdiscoverinternal", "fabrikam.com", "fail"},
                             {"http.user-challenge", "lyncdiscoverinternal.contoso.com", "skip"},
                             {"http.user-challenge", "lyncdiscoverinternal.fabrikam.com", "skip"}});
    CHECK(mentions(result(run.report, "tls.validity", "lyncdiscoverinternal.contoso.com:443"), "not valid yet"));
}

TEST_CASE("lab tls-expiring-soon: 10 days left is a warning and --expiry-warn-days moves the horizon") {
    auto run = lab("tls-expiring-soon", standard_args());
    CHECK(run.exit_code == 0);
    expect_only(run.report, {{"tls.validity", "lyncdiscover.contoso.com:443", "warn"},
                             {"tls.validity", "lyncdiscover.fabrikam.com:443", "warn"},
                             {"tls.validity", "webext.contoso.com:443", "warn"}});
    CHECK(mentions(result(run.report, "tls.validity", "webext.contoso.com:443"), "in 10 day(s)"));
    auto relaxed = lab("tls-expiring-soon", standard_args({"--expiry-warn-days", "7"}));
    expect_only(relaxed.report, {});
}

TEST_CASE("lab tls-self-signed: the Front End certificate is self-signed") {
    auto run = lab("tls-self-signed", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"tls.chain", "lyncdiscoverinternal.contoso.com:443", "fail"},
                             {"tls.chain", "lyncdiscoverinternal.fabrikam.com:443", "fail"},
                             {"http.lyncdiscoverinternal", "contoso.com", "fail"},
                             {"http.lyncdiscoverinternal", "fabrikam.com", "fail"},
                             {"http.user-challenge", "lyncdiscoverinternal.contoso.com", "skip"},
                             {"http.user-challenge", "lyncdiscoverinternal.fabrikam.com", "skip"}});
    CHECK(mentions(result(run.report, "tls.chain", "lyncdiscoverinternal.contoso.com:443"), "self-signed"));
}

TEST_CASE("lab tls-intermediate-missing: the reverse proxy does not send the issuing CA") {
    auto run = lab("tls-intermediate-missing", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"tls.chain", "lyncdiscover.contoso.com:443", "fail"},
                             {"tls.chain", "lyncdiscover.fabrikam.com:443", "fail"},
                             {"tls.chain", "webext.contoso.com:443", "fail"},
                             {"http.lyncdiscover", "contoso.com", "info"},
                             {"http.lyncdiscover", "fabrikam.com", "info"},
                             {"http.user-challenge", "lyncdiscover.contoso.com", "fail"},
                             {"http.user-challenge", "lyncdiscover.fabrikam.com", "fail"},
                             {"http.source-affinity", "webext.contoso.com", "error"},
                             {"http.mobility-service", "https://webext.contoso.com/ucwa/", "fail"},
                             {"http.mobility-service", "https://webext.contoso.com/Mcx/McxService.svc", "warn"}});
    const auto& r = result(run.report, "tls.chain", "webext.contoso.com:443");
    CHECK(mentions(r, "the intermediate certificate is not served"));
    CHECK(mentions(r, "unable to get local issuer certificate"));
}

TEST_CASE("lab tls-sha1: a SHA-1 signature is a warning") {
    auto run = lab("tls-sha1", standard_args());
    // The signature is only a warning for the certificate check, but a current TLS stack (libcurl's
    // OpenSSL at its default security level, as a phone's) refuses it: the Autodiscover walk fails.
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"tls.signature", "lyncdiscoverinternal.contoso.com:443", "warn"},
                             {"tls.signature", "lyncdiscoverinternal.fabrikam.com:443", "warn"},
                             {"http.lyncdiscoverinternal", "contoso.com", "fail"},
                             {"http.lyncdiscoverinternal", "fabrikam.com", "fail"},
                             {"http.user-challenge", "lyncdiscoverinternal.contoso.com", "skip"},
                             {"http.user-challenge", "lyncdiscoverinternal.fabrikam.com", "skip"}});
    CHECK(mentions(result(run.report, "tls.signature", "lyncdiscoverinternal.contoso.com:443"), "SHA1"));
}

TEST_CASE("lab tls-rsa1024: a 1024-bit key is a warning") {
    auto run = lab("tls-rsa1024", standard_args());
    expect_only(run.report, {{"tls.signature", "lyncdiscover.contoso.com:443", "warn"},
                             {"tls.signature", "lyncdiscover.fabrikam.com:443", "warn"},
                             {"tls.signature", "webext.contoso.com:443", "warn"},
                             {"http.lyncdiscover", "contoso.com", "info"},
                             {"http.lyncdiscover", "fabrikam.com", "info"},
                             {"http.user-challenge", "lyncdiscover.contoso.com", "fail"},
                             {"http.user-challenge", "lyncdiscover.fabrikam.com", "fail"},
                             {"http.source-affinity", "webext.contoso.com", "error"},
                             {"http.mobility-service", "https://webext.contoso.com/ucwa/", "fail"},
                             {"http.mobility-service", "https://webext.contoso.com/Mcx/McxService.svc", "warn"}});
    CHECK(mentions(result(run.report, "tls.signature", "webext.contoso.com:443"), "1024 bits"));
}

TEST_CASE("lab tls-wildcard-san: wildcard SANs cover lyncdiscover.<sip>: every check passes") {
    auto run = lab("tls-wildcard-san", standard_args());
    CHECK(run.exit_code == 0);
    expect_only(run.report, {});
    CHECK(mentions(result(run.report, "tls.lyncdiscover-san", "fabrikam.com"), "*.fabrikam.com"));
}

TEST_CASE("lab tls-wildcard-subject: a wildcard subject is a warning") {
    auto run = lab("tls-wildcard-subject", standard_args());
    CHECK(run.exit_code == 0);
    expect_only(run.report, {{"tls.no-wildcard-subject", "lyncdiscover.contoso.com:443", "warn"},
                             {"tls.no-wildcard-subject", "lyncdiscover.fabrikam.com:443", "warn"},
                             {"tls.no-wildcard-subject", "webext.contoso.com:443", "warn"}});
}

TEST_CASE("lab tls-client-auth-only: a certificate for client authentication only") {
    auto run = lab("tls-client-auth-only", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"tls.server-auth-eku", "lyncdiscoverinternal.contoso.com:443", "fail"},
                             {"tls.server-auth-eku", "lyncdiscoverinternal.fabrikam.com:443", "fail"},
                             {"http.lyncdiscoverinternal", "contoso.com", "fail"},
                             {"http.lyncdiscoverinternal", "fabrikam.com", "fail"},
                             {"http.user-challenge", "lyncdiscoverinternal.contoso.com", "skip"},
                             {"http.user-challenge", "lyncdiscoverinternal.fabrikam.com", "skip"}});
    CHECK(mentions(result(run.report, "tls.server-auth-eku", "lyncdiscoverinternal.contoso.com:443"), "clientAuth"));
}

TEST_CASE("lab tls-legacy-protocol: a server that speaks only TLS 1.0/1.1") {
    auto run = lab("tls-legacy-protocol", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"tls.protocol", "lyncdiscoverinternal.contoso.com:443", "fail"},
                             {"tls.protocol", "lyncdiscoverinternal.fabrikam.com:443", "fail"},
                             {"http.lyncdiscoverinternal", "contoso.com", "fail"},
                             {"http.lyncdiscoverinternal", "fabrikam.com", "fail"},
                             {"http.user-challenge", "lyncdiscoverinternal.contoso.com", "skip"},
                             {"http.user-challenge", "lyncdiscoverinternal.fabrikam.com", "skip"}});
    CHECK(mentions(result(run.report, "tls.protocol", "lyncdiscoverinternal.contoso.com:443"), "TLSv1.1"));
}

TEST_CASE("lab tls-no-handshake: a port that accepts TCP and never speaks TLS ends in error after one timeout") {
    auto run = lab("tls-no-handshake", standard_args());
    CHECK(run.exit_code == 1);
    std::vector<Expectation> expected = {{"tls.lyncdiscoverinternal-san", "fabrikam.com", "error"},
                                         {"tls.internal-cert-lyncdiscover-san", "fabrikam.com", "error"}};
    for (const char* id : {"tls.chain", "tls.validity", "tls.signature", "tls.server-auth-eku", "tls.no-wildcard-subject",
                           "tls.protocol"}) {
        expected.emplace_back(id, "lyncdiscoverinternal.fabrikam.com:443", "error");
    }
    // The Autodiscover request to the same port times out too: for a phone that is a broken discovery.
    expected.emplace_back("http.lyncdiscoverinternal", "fabrikam.com", "fail");
    expected.emplace_back("http.user-challenge", "lyncdiscoverinternal.fabrikam.com", "skip");
    expect_only(run.report, expected);
    CHECK(mentions(result(run.report, "tls.chain", "lyncdiscoverinternal.fabrikam.com:443"), "no TLS handshake within 1000 ms"));
    CHECK(run.report.at("run").at("deadline_reached") == false);
    // One timeout, not a hang: loose bounds (a shared machine, the sanitizer build); the second is mobcheck's wall time.
    CHECK(run.report.at("run").at("duration_ms").get<double>() < 2500);
    CHECK(run.elapsed < std::chrono::milliseconds(5000));
}

TEST_CASE("lab hostile certificates served by real TLS servers: a NUL in a SAN - 500 SANs - garbage DER") {
    // No port 80 rule in the first two: the certificate is all a phone on the Internet has.
    auto port80_and_walk = [](const std::string& sip, std::vector<Expectation> e) {
        const std::string other = sip == "contoso.com" ? "fabrikam.com" : "contoso.com";
        e.insert(e.end(), {{"http.lyncdiscover", sip, "fail"},
                           {"http.lyncdiscover-port80", sip, "fail"},
                           {"http.lyncdiscover-port80", other, "info"},
                           {"http.autodiscover-links", sip, "skip"},
                           {"http.user-challenge", "lyncdiscover." + sip, "skip"}});
        return e;
    };
    SUBCASE("tls-nul-san: a SAN with a NUL after lyncdiscover.contoso.com covers nothing and HTTPS refuses the name too") {
        auto run = lab("tls-nul-san", standard_args());
        CHECK(run.exit_code == 1);
        expect_only(run.report, port80_and_walk("contoso.com", {{"tls.lyncdiscover-san", "contoso.com", "fail"}}));
        const auto& san = result(run.report, "tls.lyncdiscover-san", "contoso.com");
        CHECK(mentions(san, "does not cover lyncdiscover.contoso.com"));
        CHECK(mentions(san, "lyncdiscover.contoso.com\\x00.evil.example"));
        CHECK(run.out.find("\\u0000") == std::string::npos);  // no NUL anywhere in the report
        CHECK(mentions(result(run.report, "http.lyncdiscover", "contoso.com"), "no alternative certificate subject name"));
    }
    SUBCASE("tls-500-sans: the 500th name covers - the missing one is named - messages stay short") {
        auto run = lab("tls-500-sans", standard_args());
        CHECK(run.exit_code == 1);
        expect_only(run.report, port80_and_walk("fabrikam.com", {{"tls.lyncdiscover-san", "fabrikam.com", "fail"}}));
        const auto& san = result(run.report, "tls.lyncdiscover-san", "fabrikam.com");
        CHECK(mentions(san, "and 480 more (500 names in all"));
        CHECK(san.at("evidence").at("probes")[0].at("leaf").at("san").size() == 500);
        REQUIRE(!run.report.at("results").empty());
        for (const auto& r : run.report.at("results")) CHECK(r.at("message").get<std::string>().size() < 2000);
    }
    SUBCASE("tls-garbage-der: a Certificate message holding text ends in error naming it after no timeout") {
        auto run = lab("tls-garbage-der", standard_args());
        CHECK(run.exit_code == 1);
        std::vector<Expectation> expected = {{"tls.lyncdiscoverinternal-san", "fabrikam.com", "error"},
                                             {"tls.internal-cert-lyncdiscover-san", "fabrikam.com", "error"},
                                             {"http.lyncdiscoverinternal", "fabrikam.com", "fail"},
                                             {"http.user-challenge", "lyncdiscoverinternal.fabrikam.com", "skip"}};
        for (const char* id : {"tls.chain", "tls.validity", "tls.signature", "tls.server-auth-eku",
                               "tls.no-wildcard-subject", "tls.protocol"}) {
            expected.emplace_back(id, "lyncdiscoverinternal.fabrikam.com:443", "error");
        }
        expect_only(run.report, expected);
        CHECK(mentions(result(run.report, "tls.chain", "lyncdiscoverinternal.fabrikam.com:443"),
                       "the certificate the server sent is not DER that can be decoded (ASN.1: "));
        CHECK(run.report.at("run").at("duration_ms").get<double>() < 2500);  // no timeout waited, loosely
        CHECK(run.elapsed < std::chrono::milliseconds(5000));
    }
}

TEST_CASE("lab: one run writes every report format") {
    char tmpl[] = "/tmp/mobcheck-lab-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    const std::string dir = tmpl;
    auto run = lab("sba-port-filtered", standard_args({"--report", "junit=" + dir + "/r.xml", "--report",
                                                       "prometheus=" + dir + "/r.prom", "--report",
                                                       "nagios=" + dir + "/r.nagios", "--report", "markdown=" + dir + "/r.md"}));
    CHECK(run.exit_code == 1);
    for (const char* f : {"/r.xml", "/r.prom", "/r.nagios", "/r.md"}) {
        std::ifstream in(dir + f);
        std::stringstream content;
        content << in.rdbuf();
        CAPTURE(f);
        CHECK(content.str().find("sba-lima.contoso.net:5088") != std::string::npos);
        std::remove((dir + f).c_str());
    }
    ::rmdir(tmpl);
}

// ---- the Autodiscover walk (SPEC §3 http, §4) ---------------------------------------------------

TEST_CASE("lab http: without --internal-web/--external-web the names are learned and said so") {
    auto run = lab("good", {"--sip", "contoso.com", "--sip", "fabrikam.com", "--internal-dns", "127.0.0.53",
                            "--external-dns", "127.0.0.54", "--format", "json", "--timeout", "1", "--ca-file", kLabCa});
    CHECK(run.exit_code == 0);
    expect_only(run.report, {{"ports.sba-ucwa-external", "branch appliances", "skip"},
                             {"ports.sba-ucwa-primary", "branch appliances", "skip"}});
    const auto& distinct = result(run.report, "topology.web-fqdns-distinct", "webext.contoso.com");
    CHECK(mentions(distinct, "pool01.contoso.net (learned from the Autodiscover links of https://lyncdiscoverinternal.contoso.com/)"));
    CHECK(result(run.report, "tls.external-web-san", "webext.contoso.com").at("status") == "pass");
}

TEST_CASE("lab http-port80-missing: not published and not needed") {
    auto run = lab("http-port80-missing", standard_args());
    CHECK(run.exit_code == 0);
    expect_only(run.report, {{"http.lyncdiscover-port80", "contoso.com", "info"},
                             {"http.lyncdiscover-port80", "fabrikam.com", "info"}});
}

TEST_CASE("lab cname-other-domain-no-port80: the CNAME leaves the domain and nothing carries clients over") {
    auto run = lab("cname-other-domain-no-port80", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"dns.cname-domain", "fabrikam.com", "fail"},
                             {"http.lyncdiscover-port80", "contoso.com", "info"},
                             {"http.lyncdiscover-port80", "fabrikam.com", "fail"}});
    CHECK(mentions(result(run.report, "http.lyncdiscover-port80", "fabrikam.com"), "Couldn't connect"));
}

TEST_CASE("lab http-port80-redirects-https: the HTTP rule must not redirect to HTTPS") {
    auto run = lab("http-port80-redirects-https", standard_args());
    expect_only(run.report, {{"http.lyncdiscover-port80", "contoso.com", "info"},
                             {"http.lyncdiscover-port80", "fabrikam.com", "info"}});
    CHECK(mentions(result(run.report, "http.lyncdiscover-port80", "contoso.com"), "redirects to HTTPS"));
}

TEST_CASE("lab http-links-internal: the external root sends phones to an internal-only name") {
    auto run = lab("http-links-internal", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"http.autodiscover-links", "contoso.com", "fail"},
                             {"http.autodiscover-links", "fabrikam.com", "fail"},
                             {"http.user-challenge", "lyncdiscover.contoso.com", "fail"},
                             {"http.user-challenge", "lyncdiscover.fabrikam.com", "fail"}});
    CHECK(mentions(result(run.report, "http.autodiscover-links", "contoso.com"), "pool01.contoso.net does not resolve outside"));
}

TEST_CASE("lab http hostile answers: each a failed walk naming what happened within one timeout with the rest unaffected") {
    struct Case {
        const char* scenario;
        int timeout_s;  // the trickle needs time to show several bytes arriving
        const char* says;
    };
    const Case cases[] = {
        {"http-redirect-other-domain", 1, "https://lyncdiscover.contoso-online.example/, outside contoso.com"},
        {"http-redirect-loop", 1, "a redirect back to https://lyncdiscover.contoso.com/loop-a, already requested"},
        {"http-redirect-file", 1, "a redirect to file:///etc/passwd: mobile clients follow only http(s)"},
        // Not followed although 4443 answers the root in this scenario: a phone on the Internet cannot reach it.
        {"http-redirect-other-port", 1, "a redirect to https://lyncdiscover.contoso.com:4443/, another port (4443)"},
        {"http-huge-body", 1, "body larger than 65536 bytes"},
        {"http-endless-headers", 1, "headers over 64 KiB"},
        {"http-stalled", 1, "stalled: 11 bytes of body after the headers, then nothing for"},
        {"http-trickle", 3, "trickled: "},
    };
    for (const auto& c : cases) {
        CAPTURE(c.scenario);
        auto args = standard_args();
        *(std::find(args.begin(), args.end(), "--timeout") + 1) = std::to_string(c.timeout_s);
        auto run = lab(c.scenario, args);
        CHECK(run.exit_code == 1);
        // The endless headers come from a server of their own; fabrikam.com's port 80 rule is still published.
        const bool port80 = std::string(c.scenario) == "http-endless-headers";
        std::vector<Expectation> expected = {{"http.lyncdiscover", "contoso.com", "fail"},
                                             {"http.lyncdiscover-port80", "contoso.com", "info"},
                                             {"http.autodiscover-links", "contoso.com", "skip"},
                                             {"http.user-challenge", "lyncdiscover.contoso.com", "skip"}};
        if (!port80) expected.emplace_back("http.lyncdiscover-port80", "fabrikam.com", "info");
        expect_only(run.report, expected);  // every other result of the run passes
        CHECK(mentions(result(run.report, "http.lyncdiscover", "contoso.com"), c.says));
        CHECK(run.report.at("run").at("deadline_reached") == false);
        // One timeout at most, not a hang (loose: the machine is shared).
        CHECK(run.report.at("run").at("duration_ms").get<double>() < c.timeout_s * 1000 + 2500);
        CHECK(run.elapsed < std::chrono::milliseconds(c.timeout_s * 1000 + 4000));
    }
}

TEST_CASE("lab http-no-challenge: the user link answers without a challenge") {
    auto run = lab("http-no-challenge", standard_args());
    CHECK(run.exit_code == 1);
    expect_only(run.report, {{"http.user-challenge", "lyncdiscover.contoso.com", "fail"},
                             {"http.user-challenge", "lyncdiscoverinternal.contoso.com", "fail"},
                             {"http.user-challenge", "lyncdiscover.fabrikam.com", "fail"},
                             {"http.user-challenge", "lyncdiscoverinternal.fabrikam.com", "fail"}});
}

TEST_CASE("lab http-affinity-missing: fresh connections alternate between Front Ends") {
    auto run = lab("http-affinity-missing", standard_args());
    CHECK(run.exit_code == 0);  // a warning is below the default gate (--fail-on fail)
    expect_only(run.report, {{"http.source-affinity", "webext.contoso.com", "warn"}});
}

TEST_CASE("lab http-hairpin-blocked: from inside the reverse proxy's public address does not answer") {
    auto run = lab("http-hairpin-blocked", standard_args({"--only", "http"}));
    CHECK(run.exit_code == 1);
    const auto& r = result(run.report, "http.hairpin", "webext.contoso.com");
    CHECK(r.at("status") == "fail");
    CHECK(mentions(r, "Connection timed out"));
    CHECK(result(run.report, "http.lyncdiscoverinternal", "contoso.com").at("status") == "pass");
}

TEST_CASE("lab http-iis-old and http-mobility-missing") {
    auto old = lab("http-iis-old", standard_args());
    expect_only(old.report, {{"http.iis-version", "fe01.contoso.net", "warn"}, {"http.iis-version", "fe02.contoso.net", "warn"}});
    auto missing = lab("http-mobility-missing", standard_args());
    CHECK(missing.exit_code == 1);
    expect_only(missing.report, {{"http.mobility-service", "https://webext.contoso.com/ucwa/", "fail"},
                                 {"http.mobility-service", "https://webext.contoso.com/Mcx/McxService.svc", "warn"}});
}

TEST_CASE("lab http-xml-only: XML documents are as good as JSON") {
    auto run = lab("http-xml-only", standard_args());
    CHECK(run.exit_code == 0);
    expect_only(run.report, {});
}

namespace {

// Runs a shell script inside the lab with MOBCHECK_PASSWORD set; returns its stdout.
testsupport::Outcome lab_script(const std::string& scenario, const std::string& script) {
    auto r = testsupport::run({kLabctl, "run", scenario, "--", "bash", "-c", script}, std::chrono::seconds(120),
                              {{"NO_COLOR", "1"}, {"MOBCHECK_PASSWORD", "Lab-Passw0rd"}, {"MOBCHECK", kBinary},
                               {"LAB_CA", kLabCa}});
    if (r.exit_code == 77) {
        std::cerr << r.err << "LAB TEST SKIPPED: " << scenario << "\n";
        std::exit(77);
    }
    return r;
}

}  // namespace

TEST_CASE("lab --user: the user document is read and the Mobility URLs judged") {
    const std::string script =
        R"sh("$MOBCHECK" --sip contoso.com --internal-dns 127.0.0.53 --external-dns 127.0.0.54 --timeout 1 )sh"
        R"sh(--ca-file "$LAB_CA" --user alice@contoso.com --only topology --format json)sh";
    auto good = lab_script("good", script);
    CHECK(good.exit_code == 0);
    auto urls = lab_script("http-mobility-urls-internal", script);
    CHECK(urls.exit_code == 1);
    CHECK(urls.out.find("Internal/Mcx https://pool01.contoso.net/Mcx/McxService.svc") != std::string::npos);
    for (const auto* out : {&good.out, &good.err, &urls.out, &urls.err}) {
        CHECK(out->find("Lab-Passw0rd") == std::string::npos);
        CHECK(out->find("lab-token-alice") == std::string::npos);
    }
}

namespace {

// --user in a scenario whose challenge names a token endpoint the password must not go to, where a
// listener records every byte it receives into $LAB_DIR/CAPTURED. mobcheck runs first; then `control`
// writes to the same listener, to show it records.
void expect_password_withheld(const std::string& scenario, const std::string& captured, const std::string& control,
                              const std::string& reason) {
    const std::string file = "\"$LAB_DIR/" + captured + "\"";
    auto r = lab_script(scenario,
                        R"sh("$MOBCHECK" --sip contoso.com --internal-dns 127.0.0.53 --external-dns 127.0.0.54 )sh"
                        R"sh(--timeout 1 --ca-file "$LAB_CA" --user alice@contoso.com --only topology )sh"
                        R"sh(--save-evidence "$LAB_DIR/evidence.json" --format json >"$LAB_DIR/report.json"; )sh"
                        R"sh(echo "exit=$?"; )sh" "echo \"captured-by-mobcheck=$(wc -c <" + file + ")\"; " +
                            R"sh(grep -c Lab-Passw0rd "$LAB_DIR/evidence.json" "$LAB_DIR/report.json"; )sh" + control +
                            " >/dev/null; sleep 0.3; echo \"captured-after-control=$(wc -c <" + file + ")\"; " +
                            R"sh(grep -o 'credentials are sent only[^"]*\|the password was not sent[^"]*' "$LAB_DIR/evidence.json" | head -1)sh");
    INFO(r.out << r.err);
    CHECK(r.out.find("exit=3") != std::string::npos);  // topology.mobility-urls-external: error, no user document
    CHECK(r.out.find("captured-by-mobcheck=0\n") != std::string::npos);
    CHECK(r.out.find("evidence.json:0") != std::string::npos);
    CHECK(r.out.find("report.json:0") != std::string::npos);
    CHECK(r.out.find("captured-after-control=0") == std::string::npos);  // the listener does record
    CHECK(r.out.find(reason) != std::string::npos);
}

}  // namespace

TEST_CASE("lab --user: credentials never reach a plain HTTP token endpoint") {
    expect_password_withheld("http-token-over-http", "captured-8088", "curl -s -m 2 -d control http://127.10.0.10:8088/",
                             "credentials are sent only over HTTPS to pool01.contoso.net, not to "
                             "http://pool01.contoso.net:8088/WebTicket/oauthtoken");
}

TEST_CASE("lab --user: credentials never reach another host even over verified HTTPS") {
    // The challenge names https://webticket.contoso.net/..., whose certificate the lab CA signed: only the
    // rule "to the host that challenged" keeps the password back.
    expect_password_withheld("http-token-other-host", "captured-webticket",
                             R"sh(curl -s -m 1 --cacert "$LAB_CA" --resolve webticket.contoso.net:443:127.10.0.40 )sh"
                             R"sh(-d control https://webticket.contoso.net/WebTicket/oauthtoken)sh",
                             "credentials are sent only over HTTPS to pool01.contoso.net, not to "
                             "https://webticket.contoso.net/WebTicket/oauthtoken");
}

TEST_CASE("lab --user: no password through a root that a Redirect document steered") {
    // A phone follows the Redirect document; mobcheck's password follows only the SIP domain's own root.
    expect_password_withheld("http-user-redirected", "token-requests.log",
                             R"sh(curl -s -m 2 --cacert "$LAB_CA" --resolve pool01.contoso.net:443:127.10.0.10 )sh"
                             R"sh(-d control https://pool01.contoso.net/WebTicket/oauthtoken)sh",
                             "the password was not sent: the Autodiscover root of https://lyncdiscoverinternal.contoso.com/ "
                             "redirected to another deployment");
    // The discovery itself stays good: phones follow Redirect documents.
    auto run = lab("http-user-redirected", standard_args());
    CHECK(run.exit_code == 0);
}
