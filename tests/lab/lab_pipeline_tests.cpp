// End-to-end for pipelines, monitoring and support: the real binary against the lab, its reports read
// as their consumers read them, the topology file with its waivers, runs from inside and from outside the
// corporate network merged, and progress on stderr.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "lab.hpp"
#include "process.hpp"

using nlohmann::json;
namespace lab = testsupport::lab;

namespace {

const std::string kTestdata = MOBCHECK_TESTDATA;
const std::string kConfig = kTestdata + "/config/contoso.json";

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The Prometheus text exposition format, line by line: comments are HELP or TYPE of a metric declared
// before its samples; each sample is NAME{LABELS} VALUE. Returns the samples by metric.
std::multiset<std::string> prometheus_samples(const std::string& text) {
    static const std::regex sample(
        R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")*\})? (-?[0-9.]+(e[+-]?[0-9]+)?)$)");
    static const std::regex comment(R"(^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) .+$)");
    std::multiset<std::string> metrics;
    std::set<std::string> typed;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        CAPTURE(line);
        std::smatch m;
        if (std::regex_match(line, m, comment)) {
            if (m[1] == "TYPE") {
                CHECK(line.ends_with(" gauge"));
                typed.insert(m[2]);
            }
            continue;
        }
        REQUIRE(std::regex_match(line, m, sample));
        CHECK(typed.count(m[1]) == 1);  // declared before its first sample
        metrics.insert(m[1]);
    }
    return metrics;
}

}  // namespace

TEST_CASE("lab pipeline: one run's reports each read as its consumer reads it") {
    lab::SharedDir dir;
    const std::string xml = dir.path + "/mobcheck.xml", prom = dir.path + "/mobcheck.prom",
                      report = dir.path + "/mobcheck.json", md = dir.path + "/summary.md";
    // sba-port-filtered: ports.sba-ucwa-external fails for sba-lima, a firewall drops its 5088.
    auto args = lab::standard_args({"--report", "junit=" + xml, "--report", "prometheus=" + prom, "--report",
                                    "json=" + report, "--report", "markdown=" + md});
    args[std::find(args.begin(), args.end(), "--format") - args.begin() + 1] = "nagios";
    auto run = lab::run("sba-port-filtered", args, false);

    // Nagios: the plugin's exit code and status line, performance data after the bar.
    CHECK(run.exit_code == 2);
    const std::string status = run.out.substr(0, run.out.find('\n'));
    CHECK(std::regex_match(status, std::regex(R"(MOBCHECK CRITICAL - 1 fail, 0 warn, 0 error: fix first ports\.sba-ucwa-external )"
                                              R"(sba-lima\.contoso\.net:5088 \| pass=\d+ info=0 warn=0 fail=1 skip=\d+ )"
                                              R"(error=0 waived=0 duration=[0-9.]+s connect_max=[0-9.]+s cert_days_left=[0-9.]+;30:;0:)")));
    CHECK(run.out.find("\nfail ports.sba-ucwa-external sba-lima.contoso.net:5088: ") != std::string::npos);

    // JUnit: valid against the schema CI systems read, one failing test case.
    auto valid = testsupport::run({"/usr/bin/xmllint", "--noout", "--schema", kTestdata + "/junit/junit.xsd", xml});
    INFO(valid.err);
    CHECK(valid.exit_code == 0);
    const std::string junit = slurp(xml);
    CHECK(junit.find("<testsuites name=\"mobcheck\"") != std::string::npos);
    CHECK(junit.find("name=\"sba-lima.contoso.net:5088\" time=\"0.000\">\n      <failure type=\"fail\"") != std::string::npos);

    // Prometheus: every line parses; one result per (check, subject) and the summary gauges.
    const json j = json::parse(slurp(report));
    const auto samples = prometheus_samples(slurp(prom));
    CHECK(samples.count("mobcheck_results") == 6);
    CHECK(samples.count("mobcheck_run_duration_seconds") == 1);
    // State sets: six series a result in each gauge, and exactly one 1 a result across the two.
    std::size_t subjects = 0;
    for (const auto& r : j.at("results")) subjects += r.at("subject") != "*";
    CHECK(samples.count("mobcheck_result") == 6 * subjects);
    CHECK(samples.count("mobcheck_waived_result") == 6 * subjects);
    std::size_t ones = 0;
    std::istringstream prom_lines(slurp(prom));
    for (std::string line; std::getline(prom_lines, line);) {
        if ((line.rfind("mobcheck_result{", 0) == 0 || line.rfind("mobcheck_waived_result{", 0) == 0) && line.ends_with("} 1")) ++ones;
    }
    CHECK(ones == subjects);
    CHECK(slurp(prom).find("mobcheck_results{status=\"fail\"} 1\n") != std::string::npos);

    // JSON and Markdown of the same run agree with the plugin.
    CHECK(j.at("summary").at("fail") == 1);
    CHECK(j.at("gate").at("exit_code") == 1);
    CHECK(slurp(md).find("## mobcheck: ❌ not ready") != std::string::npos);
}

TEST_CASE("lab config: the topology file describes the deployment and its waiver keeps a known problem out of the gate") {
    // sba-port-closed: nothing listens on sba-lima's 5089, which testdata/config/contoso.json waives.
    auto run = lab::run("sba-port-closed", {"--config", kConfig, "--format", "json"});
    CHECK(run.exit_code == 0);
    CHECK(run.report.at("run").at("sip_domains") == json::array({"contoso.com", "fabrikam.com"}));
    CHECK(run.report.at("summary").at("fail") == 0);
    CHECK(run.report.at("summary").at("waived") == 1);
    const auto& waived = lab::result(run.report, "ports.sba-ucwa-primary", "sba-lima.contoso.net:5089");
    CHECK(waived.at("status") == "fail");
    CHECK(waived.at("waived") == true);
    CHECK(waived.at("waiver").at("origin") == kConfig + ": /waivers/0");
    CHECK(waived.at("message").get<std::string>().find("closed") != std::string::npos);
    // The file's other settings took effect: its CA (every TLS check passes), its SBAs, its timeout.
    CHECK(lab::result(run.report, "tls.chain", "webext.contoso.com:443").at("status") == "pass");
    CHECK(lab::result(run.report, "ports.sba-ucwa-primary", "sba-oslo.contoso.net:5089").at("status") == "pass");
    // A flag given overrides its key: only contoso.com.
    auto one = lab::run("sba-port-closed", {"--config", kConfig, "--sip", "contoso.com", "--format", "json"});
    CHECK(one.report.at("run").at("sip_domains") == json::array({"contoso.com"}));
}

TEST_CASE("lab config: an expired waiver is reported and no longer applies") {
    lab::SharedDir dir;
    std::string text = slurp(kConfig);
    const auto at = text.find("2099-12-31");
    REQUIRE(at != std::string::npos);
    text.replace(at, 10, "2020-06-30");
    text.replace(text.find("../lab/tls/lab-root-ca.pem"), 26, MOBCHECK_LAB_CA);
    std::ofstream(dir.path + "/mobility.json") << text;
    auto run = lab::run("sba-port-closed", {"--config", dir.path + "/mobility.json", "--format", "json"});
    CHECK(run.exit_code == 1);
    const auto& failed = lab::result(run.report, "ports.sba-ucwa-primary", "sba-lima.contoso.net:5089");
    CHECK(failed.at("status") == "fail");
    CHECK(failed.at("waived") == false);
    CHECK(failed.at("waiver").at("expired") == true);
    CHECK(run.report.at("waivers").at(0).at("state") == "expired");
    CHECK(run.report.at("summary").at("fail") == 1);
}

TEST_CASE("lab merge: a run from inside the corporate network and one from the Internet judged as one") {
    lab::SharedDir dir;
    const std::string inside = dir.path + "/inside.json", outside = dir.path + "/outside.json";
    // sba-exposed: sba-oslo is published in the public DNS and its ports answer from the Internet.
    const std::vector<std::string> common = {"--sip", "contoso.com", "--sip", "fabrikam.com", "--internal-dns",
                                             "127.0.0.53", "--external-dns", "127.0.0.54", "--sba",
                                             "sba-oslo.contoso.net", "--sba", "sba-lima.contoso.net", "--timeout", "1",
                                             "--attempts", "1", "--ca-file", MOBCHECK_LAB_CA, "--format", "json"};
    auto in_args = common, out_args = common;
    in_args.insert(in_args.end(), {"--vantage", "internal", "--save-evidence", inside});
    out_args.insert(out_args.end(), {"--vantage", "external", "--save-evidence", outside});
    const auto from_inside = lab::run("sba-exposed", in_args);
    const auto from_outside = lab::run("sba-exposed", out_args, true, lab::From::Outside);
    // From the Internet the internal DNS view does not answer: one error says so, and the results that
    // need that view are blocked by it there.
    CHECK(from_outside.exit_code == 3);
    CHECK(lab::result(from_outside.report, "dns.resolver", "internal view (127.0.0.53:53)").at("status") == "error");
    const auto& blocked_outside = lab::result(from_outside.report, "dns.lyncdiscoverinternal", "contoso.com");
    CHECK(blocked_outside.at("status") == "skip");
    CHECK(blocked_outside.at("blocked_by").at("check") == "dns.resolver");
    CHECK(lab::result(from_inside.report, "ports.sba-ucwa-external", "sba-oslo.contoso.net:5088").at("status") == "pass");

    auto merged = testsupport::run({MOBCHECK_BINARY, "merge", inside, outside, "--format", "json"});
    INFO(merged.err);
    const json j = json::parse(merged.out);
    CHECK(merged.exit_code == 0);  // the exposed appliance is a warning
    CHECK(j.at("run").at("vantage") == "internal + external");
    CHECK(j.at("summary").at("error") == 0);  // what the outside could not see, the inside did
    const auto& internal_name = lab::result(j, "dns.lyncdiscoverinternal", "contoso.com");
    CHECK(internal_name.at("status") == "pass");
    CHECK(internal_name.at("vantages").at(0).at("vantage") == "internal");
    CHECK(internal_name.at("vantages").at(1).at("status") == "skip");
    // The resolvers the outside could not reach answered the inside: decided, so the merge passes them.
    CHECK(lab::result(j, "dns.resolver", "internal view (127.0.0.53:53)").at("status") == "pass");
    const auto& exposed = lab::result(j, "ports.sba-ucwa-external", "sba-oslo.contoso.net:5088");
    CHECK(exposed.at("status") == "warn");
    CHECK(exposed.at("vantages").at(0).at("vantage") == "external");
    CHECK(exposed.at("vantages").at(1).at("status") == "pass");
    CHECK(lab::result(j, "ports.apns", "courier.push.apple.com:5223").at("status") == "pass");
    CHECK(j.at("summary").at("warn") == 2);
    CHECK(j.at("summary").at("fail") == 0);
}

TEST_CASE("lab progress: shown on stderr while a run lasts and only when asked for off a terminal") {
    // The internal resolver drops every query: the run lasts two attempts of one second.
    std::vector<std::string> args = {"--sip", "contoso.com", "--internal-dns", "127.0.0.55", "--external-dns",
                                     "127.0.0.54", "--timeout", "1", "--format", "json"};
    auto quiet = lab::run("good", args);
    CHECK(quiet.err.find("probes done") == std::string::npos);
    args.push_back("--progress");
    auto shown = lab::run("good", args);
    CHECK(shown.elapsed > std::chrono::milliseconds(1000));
    CHECK(std::regex_search(shown.err, std::regex(R"(mobcheck: \d+ of \d+ probes done, \d+ in flight · 1\.\d s\n)")));
    CHECK(json::parse(shown.out).at("summary").at("error").get<int>() > 0);  // the report is unaffected
}

TEST_CASE("lab --user from the Internet: the sign-in goes through lyncdiscover and the reverse proxy") {
    // From outside, the root a phone asks first is https://lyncdiscover.contoso.com/ (the reverse proxy), whose
    // user link is on the external web services FQDN: the token and the user document go there.
    const auto run = lab::run("good",
                              {"--sip", "contoso.com", "--internal-dns", "127.0.0.53", "--external-dns", "127.0.0.54",
                               "--vantage", "external", "--timeout", "1", "--attempts", "1", "--ca-file",
                               MOBCHECK_LAB_CA, "--user", "alice@contoso.com", "--only", "topology.mobility-urls-external",
                               "--format", "json"},
                              true, lab::From::Outside, {{"MOBCHECK_PASSWORD", "Lab-Passw0rd"}});
    CHECK(run.exit_code == 0);
    const auto& r = lab::result(run.report, "topology.mobility-urls-external", "lyncdiscover");
    CHECK(r.at("status") == "pass");
    CHECK(r.at("message").get<std::string>().find("every Mobility Service URL uses webext.contoso.com") != std::string::npos);
    CHECK(run.out.find("Lab-Passw0rd") == std::string::npos);
    CHECK(run.err.find("Lab-Passw0rd") == std::string::npos);
}

namespace {

// Headless Chromium (Debian's chromium), as a reader's browser: the page's DOM once loaded, what the
// console said, and a screenshot. Console messages (a blocked fetch, a script error) reach stderr as
// ":CONSOLE" lines with --enable-logging=stderr.
struct Browser {
    std::string dom;
    std::string console;  // the ":CONSOLE" lines
    int exit_code = -1;
};

Browser load_in_chromium(const std::string& file) {
    auto r = testsupport::run({"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
                               "--v=0", "--dump-dom", "file://" + file},
                              std::chrono::seconds(60));
    Browser b{r.out, "", r.exit_code};
    std::istringstream lines(r.err);
    for (std::string line; std::getline(lines, line);) {
        if (line.find(":CONSOLE") != std::string::npos) b.console += line + "\n";
    }
    return b;
}

// The PNG of the page, 1280 wide; its size in bytes (a blank page compresses to almost nothing).
std::size_t screenshot_bytes(const std::string& file, const std::string& png) {
    auto r = testsupport::run({"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                               "--window-size=1280,1600", "--screenshot=" + png, "file://" + file},
                              std::chrono::seconds(60));
    CHECK(r.exit_code == 0);
    const std::string bytes = slurp(png);
    CHECK(bytes.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
    return bytes.size();
}

}  // namespace

TEST_CASE("lab html: the report of a broken deployment in headless Chromium") {
    REQUIRE_MESSAGE(::access("/usr/bin/chromium", X_OK) == 0, "chromium is missing: scripts/install-deps installs it");
    lab::SharedDir shared;
    const std::string dir = shared.path, html = dir + "/report.html";
    auto run = lab::run("missing-internal-fabrikam", lab::standard_args({"--report", "html=" + html}));
    CHECK(run.exit_code == 1);
    const std::string page = slurp(html);
    REQUIRE_FALSE(page.empty());
    // Self-contained: nothing to fetch, no script.
    CHECK_FALSE(std::regex_search(page, std::regex(R"((src|href)\s*=\s*"(https?:|//))")));
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("Content-Security-Policy") != std::string::npos);

    const Browser b = load_in_chromium(html);
    CHECK(b.exit_code == 0);
    INFO(b.console);
    CHECK(b.console.empty());
    REQUIRE(b.dom.find("</html>") != std::string::npos);

    // One element per result, with its status, as the JSON report of the same run has them.
    std::multiset<std::string> in_json, in_page;
    for (const auto& r : run.report.at("results")) {
        in_json.insert(r.at("check").get<std::string>() + " " + r.at("subject").get<std::string>() + " " +
                       r.at("status").get<std::string>());
    }
    const std::regex element(R"re(<div class="result (\w+)" id="r\d+" data-check="([^"]+)" data-subject="([^"]*)" data-status="(\w+)">)re");
    for (auto it = std::sregex_iterator(b.dom.begin(), b.dom.end(), element); it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        CHECK(m[1] == m[4]);
        in_page.insert(std::string(m[2]) + " " + std::string(m[3]) + " " + std::string(m[4]));
    }
    CHECK(in_page.size() == run.report.at("results").size());
    CHECK(in_page == in_json);

    // The problem is open without a click (and without any script), its fix first on the page.
    CHECK(std::regex_search(b.dom, std::regex(R"re(data-check="dns\.lyncdiscoverinternal" data-subject="fabrikam\.com" data-status="fail">\s*<details open="">)re")));
    CHECK(b.dom.find("<li id=\"fix1\">") < b.dom.find("data-group=\"contoso.com\""));

    // The diagram: fabrikam's internal DNS step in the fail colour, contoso's in the pass colour, and
    // the steps the missing name blocked drawn as not judged.
    auto step = [&](const std::string& label) {
        std::smatch m;
        const std::regex g("<g class=\"step (\\w+)\" data-status=\"\\w+\" data-label=\"" + std::regex_replace(label, std::regex(R"([.])"), "\\.") +
                           "\"[^>]*>\\s*<title>[^<]*</title>\\s*<rect [^>]*stroke=\"(#[0-9a-f]{6})\"");
        return std::regex_search(b.dom, m, g) ? std::string(m[1]) + " " + std::string(m[2]) : std::string("missing");
    };
    CHECK(step("lyncdiscoverinternal.fabrikam.com") == "fail #c62828");
    CHECK(step("lyncdiscoverinternal.contoso.com") == "pass #2e7d32");
    CHECK(step("https://lyncdiscoverinternal.fabrikam.com/") == "skip #9e9e9e");
    CHECK(step("lyncdiscover.fabrikam.com") == "pass #2e7d32");
    // Each step shows what the run saw there, as text the browser draws: the DNS answers of both
    // views with their CNAME hops, the addresses probed, the web services the links lead to.
    auto seen = [&](const std::string& role, const std::string& label) {
        std::smatch m;
        const std::regex g("<g class=\"step (\\w+)\" [^>]*data-seen=\"([^\"]*)\">\\s*<title>" +
                           std::regex_replace(role + ": " + label, std::regex(R"([.()])"), "\\$&") + " \\(");
        return std::regex_search(b.dom, m, g) ? std::string(m[1]) + " " + std::string(m[2]) : std::string("missing");
    };
    CHECK(seen("internal DNS", "lyncdiscoverinternal.fabrikam.com") == "fail does not exist (NXDOMAIN)");
    CHECK(seen("internal DNS", "lyncdiscoverinternal.contoso.com") == "pass CNAME pool01.contoso.net; A 127.10.0.10");
    CHECK(seen("Front End or Director (TLS)", "lyncdiscoverinternal.contoso.com:443") == "pass at 127.10.0.10");
    CHECK(seen("external DNS", "lyncdiscover.contoso.com") == "pass CNAME webext.contoso.com; A 127.20.0.10");
    CHECK(seen("reverse proxy (TLS)", "lyncdiscover.contoso.com:443") == "pass at 127.20.0.10");
    CHECK(seen("web services (UCWA, Mobility)", "webext.contoso.com").rfind("pass user link: HTTP 401; /ucwa/: HTTP 401;", 0) == 0);
    CHECK(b.dom.find("class=\"seen\">CNAME webext.contoso.com</text>") != std::string::npos);
    // The certificate names per role, as mobcheck plan computes them, each covered here.
    CHECK(b.dom.find("<table class=\"names\" data-role=\"front-end\">") != std::string::npos);
    CHECK(b.dom.find("<tr data-name=\"lyncdiscoverinternal.fabrikam.com\" data-status=\"pass\">") != std::string::npos);

    // Drawn, not blank: far more than an empty page of the same size.
    const std::string empty = dir + "/empty.html";
    std::ofstream(empty) << "<!DOCTYPE html><html><body></body></html>\n";
    const std::size_t blank = screenshot_bytes(empty, dir + "/empty.png");
    const std::size_t drawn = screenshot_bytes(html, dir + "/report.png");
    CHECK(drawn > 5 * blank);

    // A control: the console check does see a page that tries to fetch something.
    const std::string fetching = dir + "/fetching.html";
    std::ofstream(fetching) << "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
                               "content=\"default-src 'none'\"></head><body><img src=\"https://example.invalid/x.png\">"
                               "</body></html>\n";
    CHECK_FALSE(load_in_chromium(fetching).console.empty());
}
