// End-to-end: the real mobcheck binary against real BIND 9 servers (internal and external views) and
// nginx in a private network namespace made by tests/lab/labctl. What each scenario breaks, run with
// the lab's standard arguments, is its expect file's business (tests/lab/scenario_tests.cpp); here are
// the runs a table does not say: other arguments on a scenario (another vantage, a gate, no web FQDNs,
// resolvers that do not answer), the text report, files written, bounds on time, and what reaches a
// token endpoint.
#include <doctest/doctest.h>

#include <algorithm>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <filesystem>
#include <sstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "lab.hpp"
#include "process.hpp"

using nlohmann::json;

namespace {

const std::string kBinary = MOBCHECK_BINARY;
const std::string kLabctl = MOBCHECK_LABCTL;
const std::string kLabCa = MOBCHECK_LAB_CA;  // the lab's root CA: every run trusts it, as an enterprise CA

using testsupport::lab::expect_only;
using testsupport::lab::LabRun;
using testsupport::lab::result;
using testsupport::lab::standard_args;

// Runs mobcheck inside a fresh lab namespace serving `scenario`.
LabRun lab(const std::string& scenario, std::vector<std::string> args, bool parse_json = true) {
    return testsupport::lab::run(scenario, std::move(args), parse_json);
}

bool mentions(const json& r, const std::string& text) {
    return r.at("message").get<std::string>().find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("lab good: the text report for the admin") {
    auto run = lab("good",
                   {"--sip", "contoso.com", "--sip", "fabrikam.com", "--internal-dns", "127.0.0.53", "--external-dns",
                    "127.0.0.54", "--internal-web", "pool01.contoso.net", "--external-web", "webext.contoso.com",
                    "--ca-file", kLabCa},
                   false);
    CHECK(run.exit_code == 0);
    // Healthy: the header, one line a SIP domain for what passed, the summary; at most 30 lines.
    CHECK(std::count(run.out.begin(), run.out.end(), '\n') <= 30);
    CHECK(run.out.find("\ncontoso.com: ") != std::string::npos);
    CHECK(run.out.find("\nfabrikam.com: ") != std::string::npos);
    CHECK(run.out.find(" checks pass") != std::string::npos);
    CHECK(run.out.find("Fix first") == std::string::npos);
    CHECK(run.out.find("PASS  ") == std::string::npos);
    CHECK(run.out.find("0 fail") != std::string::npos);
    CHECK(run.out.find('\033') == std::string::npos);
}

TEST_CASE("lab internal-name-visible: with --fail-on warn the warning trips the gate") {
    // Without it the warning is below the default gate: exit 0 (the scenario's expect file).
    auto gated = lab("internal-name-visible", standard_args({"--fail-on", "warn"}));
    CHECK(gated.exit_code == 1);
    expect_only(gated.report, {{"dns.internal-name-hidden", "contoso.com", "warn"}});
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

// The number (from 1) of the first line of text that contains what; 0 when none does.
std::size_t line_number_of(const std::string& text, const std::string& what) {
    std::istringstream in(text);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
        if (line.find(what) != std::string::npos) return n;
    }
    return 0;
}

TEST_CASE("lab many-sbas: the text report folds fifty identical findings into one and stays short") {
    std::vector<std::string> args = {"--sip", "contoso.com", "--internal-dns", "127.0.0.53", "--external-dns",
                                     "127.0.0.54", "--only", "ports", "--timeout", "1"};
    for (int i = 1; i <= 50; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "sba%02d.branch.contoso.net", i);
        args.insert(args.end(), {"--sba", name});
    }
    auto run = lab("many-sbas", args, false);
    CHECK(run.exit_code == 1);
    INFO(run.out);
    // One fix item and one finding for each port, each naming how many appliances it holds.
    CHECK(line_number_of(run.out, "Fix first") > 0);
    CHECK(line_number_of(run.out, "Fix first") <= 5);
    const std::size_t first = line_number_of(run.out, "ports.sba-ucwa-");
    CHECK(first > 0);
    CHECK(first <= 12);
    CHECK(run.out.find("on 50 subjects: sba01.branch.contoso.net:5088") != std::string::npos);
    CHECK(run.out.find("on 50 subjects: sba01.branch.contoso.net:5089") != std::string::npos);
    CHECK(run.out.find("sba50.branch.contoso.net") == std::string::npos);
    CHECK(std::count(run.out.begin(), run.out.end(), '\n') <= 40);
    CHECK(run.out.find("100 fail") != std::string::npos);
}

TEST_CASE("lab missing-internal-fabrikam: the text report shows the one cause and its fix first") {
    auto run = lab("missing-internal-fabrikam", standard_args({"--format", "text"}), false);
    CHECK(run.exit_code == 1);
    INFO(run.out);
    const std::size_t fix_first = line_number_of(run.out, "Fix first");
    REQUIRE(fix_first > 0);
    CHECK(line_number_of(run.out, "1. FAIL  dns.lyncdiscoverinternal fabrikam.com") == fix_first + 1);
    CHECK(fix_first + 1 <= 12);
    CHECK(line_number_of(run.out, "fix: Create lyncdiscoverinternal.fabrikam.com") == fix_first + 2);
    CHECK(std::count(run.out.begin(), run.out.end(), '\n') <= 30);
    CHECK(run.out.find("blocked by the problems above") != std::string::npos);
    std::string words;  // the report with its line breaks and indentation as single spaces
    std::istringstream in(run.out);
    for (std::string word; in >> word;) words += word + " ";
    CHECK(words.find("fix first: dns.lyncdiscoverinternal on fabrikam.com") != std::string::npos);
}

// A firewall drops 5088 to an appliance: a full run waits one timeout for it; --only dns waits for
// nothing it will not judge, and its evidence holds DNS only.
TEST_CASE("lab sba-port-filtered: --only dns probes DNS only and waits for no port") {
    char dir[] = "/tmp/mobcheck-only-dns-XXXXXX";
    REQUIRE(::mkdtemp(dir) != nullptr);
    const std::string saved = std::string(dir) + "/evidence.json";
    auto run = lab("sba-port-filtered", standard_args({"--only", "dns", "--timeout", "3", "--format", "json",
                                                       "--save-evidence", saved}));
    CHECK(run.exit_code == 0);
    CHECK(run.report.at("run").at("duration_ms").get<double>() < 2000);  // no 3 s wait for the filtered port
    for (const auto& r : run.report.at("results")) {
        const std::string check = r.at("check");
        CAPTURE(check);
        if (check.rfind("dns.", 0) != 0) CHECK(r.at("reason") == "not-selected");
    }
    std::ifstream in(saved);
    REQUIRE(in.good());
    const json evidence = json::parse(in);
    CHECK(evidence.at("plan").at("probes") == json::array({"dns"}));
    CHECK(evidence.at("tls").empty());
    CHECK(evidence.at("http").empty());
    CHECK(evidence.at("ports").empty());
    CHECK_FALSE(evidence.at("dns").empty());
    // Judged again without --only: what was not probed is said to be, not failed.
    auto replay = testsupport::run({kBinary, "--replay", saved, "--format", "json"});
    CHECK(replay.exit_code == 0);
    const json report = json::parse(replay.out);
    std::size_t not_probed = 0;
    for (const auto& r : report.at("results")) not_probed += r.at("reason") == "not-probed";
    CHECK(not_probed > 10);
    CHECK(report.at("summary").at("fail") == 0);
    std::filesystem::remove_all(dir);
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
    // One finding says so; what needed the external view is blocked by it, never an error of its own.
    const auto& resolver = result(run.report, "dns.resolver", "external view (127.0.0.55:53)");
    CHECK(resolver.at("status") == "error");
    CHECK(resolver.at("reason") == "resolver-timeout");
    CHECK(mentions(resolver, "2 attempt(s) of 500 ms"));
    const auto& lyncdiscover = result(run.report, "dns.lyncdiscover", "contoso.com");
    CHECK(lyncdiscover.at("status") == "skip");
    CHECK(lyncdiscover.at("blocked_by").at("check") == "dns.resolver");
    CHECK(run.report.at("summary").at("error") == 1);
    // The internal view is unaffected.
    CHECK(result(run.report, "dns.lyncdiscoverinternal", "contoso.com").at("status") == "pass");
    CHECK(result(run.report, "dns.lyncdiscoverinternal", "fabrikam.com").at("status") == "pass");
    CHECK(run.report.at("summary").at("fail") == 0);
}

TEST_CASE("lab: a resolver nobody listens on is one error naming the refusal and the external view is judged") {
    // 127.0.0.56 has no listener: the kernel answers "port unreachable". c-ares notices it on some
    // queries at once and lets others time out, so the run is bounded by attempts × timeout.
    auto run = lab("good", standard_args({"--internal-dns", "127.0.0.56"}));
    CHECK(run.exit_code == 3);
    CHECK(run.elapsed < std::chrono::milliseconds(2 * 1000 + 1500));
    // Exactly one result that is not a pass, an info or a skip: the resolvers' own.
    std::vector<json> problems;
    for (const auto& r : run.report.at("results")) {
        const std::string status = r.at("status");
        if (status == "error" || status == "fail" || status == "warn") problems.push_back(r);
    }
    REQUIRE(problems.size() == 1);
    const json& cause = problems.front();
    CHECK(cause.at("check") == "dns.resolver");
    CHECK(cause.at("subject") == "internal view (127.0.0.56:53)");
    CHECK(cause.at("reason") == "resolver-refused");
    CHECK(mentions(cause, "refused"));
    CHECK(run.report.at("summary").at("causes").size() == 1);
    const auto& internal = result(run.report, "dns.lyncdiscoverinternal", "contoso.com");
    CHECK(internal.at("status") == "skip");
    CHECK(internal.at("blocked_by").at("subject") == "internal view (127.0.0.56:53)");
    // The external view decides alone what it can.
    for (const char* check : {"dns.lyncdiscover", "dns.internal-name-hidden", "tls.lyncdiscover-san"}) {
        CHECK(result(run.report, check, "contoso.com").at("status") == "pass");
        CHECK(result(run.report, check, "fabrikam.com").at("status") == "pass");
    }
}

TEST_CASE("lab: the overall deadline stops a run whose resolvers never answer") {
    auto run = lab("good", {"--sip", "contoso.com", "--internal-dns", "127.0.0.55", "--external-dns", "127.0.0.55:54",
                            "--timeout", "5", "--deadline", "1", "--format", "json"});
    CHECK(run.exit_code == 3);
    CHECK(run.elapsed < std::chrono::milliseconds(2500));
    CHECK(run.report.at("run").at("deadline_reached") == true);
    // Each view's resolvers are one finding that names the deadline; the lookups are blocked by them.
    const auto& inside = result(run.report, "dns.resolver", "internal view (127.0.0.55:53)");
    CHECK(inside.at("status") == "error");
    CHECK(mentions(inside, "deadline"));
    CHECK(inside.at("remediation").get<std::string>().find("--deadline") != std::string::npos);
    CHECK(result(run.report, "dns.resolver", "external view (127.0.0.55:54)").at("status") == "error");
    CHECK(result(run.report, "dns.lyncdiscover", "contoso.com").at("blocked_by").at("check") == "dns.resolver");
    CHECK(run.report.at("summary").at("error") == 2);
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

TEST_CASE("lab good: without the lab CA the chain that verifies with it is untrusted") {
    // With --ca-file every certificate covers its names and chains to the lab's roots (the good scenario's
    // expect file); the trust anchors are the system store (the lab's public root) plus --ca-file.
    auto untrusted = lab("good", {"--sip", "contoso.com", "--internal-dns", "127.0.0.53", "--external-dns", "127.0.0.54",
                                  "--only", "tls.chain", "--format", "json", "--timeout", "1"});
    CHECK(untrusted.exit_code == 1);
    CHECK(mentions(result(untrusted.report, "tls.chain", "lyncdiscoverinternal.contoso.com:443"), "unable to get local issuer"));
    // The reverse proxy's chain needs no --ca-file: it builds to the system store alone.
    const auto& proxy = result(untrusted.report, "tls.chain", "lyncdiscover.contoso.com:443");
    CHECK(proxy.at("status") == "pass");
    CHECK(proxy.at("evidence").at("probes").at(0).at("verification").at("public_root") == true);
    // With --ca-file, the Front End's chain to the enterprise root is trusted, and not public.
    auto trusted = lab("good", standard_args({"--only", "tls.chain"}));
    const auto& front_end = result(trusted.report, "tls.chain", "lyncdiscoverinternal.contoso.com:443");
    CHECK(front_end.at("status") == "pass");
    CHECK(front_end.at("evidence").at("probes").at(0).at("verification").at("public_root") == false);
}

TEST_CASE("lab tls-expiring-soon: --expiry-warn-days 7 moves the horizon before the 10 days left") {
    // With the default 30 days, the 10 days left are a warning (the scenario's expect file).
    auto relaxed = lab("tls-expiring-soon", standard_args({"--expiry-warn-days", "7"}));
    expect_only(relaxed.report, {});
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

TEST_CASE("lab cname-loop: without --external-web nothing is learned from the loop and the web checks are blocked by it") {
    auto run = lab("cname-loop", {"--sip", "contoso.com", "--internal-dns", "127.0.0.53", "--external-dns", "127.0.0.54",
                                  "--format", "json", "--timeout", "1", "--ca-file", kLabCa});
    CHECK(run.exit_code == 1);
    for (const auto& r : run.report.at("results")) {
        const std::string check = r.at("check"), subject = r.at("subject");
        INFO(check << " " << subject << ": " << r.at("message").get<std::string>());
        // The looping names are never judged as the external web services FQDN.
        CHECK(r.at("message").get<std::string>().find("learned from the CNAME") == std::string::npos);
        if (check.starts_with("dns.web-") || check == "tls.external-web-san" || check == "http.hairpin" ||
            check == "http.source-affinity" || check == "http.mobility-service" || check == "http.iis-version") {
            CHECK(subject.find("lyncdiscover") == std::string::npos);
        }
    }
    for (const char* check : {"dns.web-external-public", "dns.web-external-via-proxy"}) {
        const auto& r = result(run.report, check, "external web FQDN");
        CHECK(r.at("status") == "skip");
        CHECK(r.at("reason") == "blocked");
        CHECK(r.at("blocked_by").at("check") == "dns.lyncdiscover");
        CHECK(r.at("blocked_by").at("subject") == "contoso.com");
    }
    CHECK(result(run.report, "tls.external-web-san", "external web services").at("blocked_by").at("check") == "dns.lyncdiscover");
}

TEST_CASE("lab tls-proxy-missing-fabrikam: the plain HTTP port 80 root teaches no name and the verified HTTPS root does") {
    // lyncdiscover.fabrikam.com is an A record; its HTTPS root does not verify (the certificate lacks the name),
    // its port 80 root answers with links to webext.contoso.com.
    auto only_port80 = lab("tls-proxy-missing-fabrikam", {"--sip", "fabrikam.com", "--internal-dns", "127.0.0.53",
                                                           "--external-dns", "127.0.0.54", "--format", "json", "--timeout",
                                                           "1", "--ca-file", kLabCa});
    const auto& unknown = result(only_port80.report, "dns.web-external-public", "external web FQDN");
    CHECK(unknown.at("status") == "skip");
    CHECK(unknown.at("reason") == "web-fqdn-unknown");
    CHECK(only_port80.out.find("learned from the Autodiscover links of http://") == std::string::npos);
    // With contoso.com too, its verified HTTPS root names the same host: learned, and judged.
    auto with_https = lab("tls-proxy-missing-fabrikam", {"--sip", "fabrikam.com", "--sip", "contoso.com", "--internal-dns",
                                                         "127.0.0.53", "--external-dns", "127.0.0.54", "--format", "json",
                                                         "--timeout", "1", "--ca-file", kLabCa});
    CHECK(result(with_https.report, "dns.web-external-public", "webext.contoso.com").at("status") == "pass");
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

TEST_CASE("lab --user: the user document is read and the Mobility URLs pass") {
    // Where they point inside, they fail: the expect file of http-mobility-urls-internal.
    const std::string script =
        R"sh("$MOBCHECK" --sip contoso.com --internal-dns 127.0.0.53 --external-dns 127.0.0.54 --timeout 1 )sh"
        R"sh(--ca-file "$LAB_CA" --user alice@contoso.com --only topology --format json)sh";
    auto good = lab_script("good", script);
    CHECK(good.exit_code == 0);
    for (const auto* out : {&good.out, &good.err}) {
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
    // The discovery itself stays good, phones follow Redirect documents: the scenario's expect file.
}
