// Every lab scenario as its expect file describes it: the real mobcheck binary run in a fresh lab
// serving the scenario (testdata/lab/scenarios/<name>/), with the lab's standard arguments and the
// file's args:, held to exactly the results the file lists (every other one passes) and to the exit
// code those results give under the gate.
//
// CTest runs this program once per scenario ("lab scenario: NAME"), naming it in MOBCHECK_LAB_SCENARIO;
// without it the program runs every scenario that has an expect file, one after the other.
//
// What a table cannot say stays in C++ below, run on the same report: evidence details, bounds on
// time, what must never appear in the output.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "expect.hpp"
#include "lab.hpp"
#include "report_json.hpp"

using nlohmann::json;
using testsupport::lab::LabRun;
using testsupport::lab::result;
namespace expect = testsupport::expect;

namespace {

bool mentions(const json& r, const std::string& text) {
    return r.at("message").get<std::string>().find(text) != std::string::npos;
}

// A run bounded by one timeout, not a hang: loose bounds (a shared machine, the sanitizer build). The
// first is the run's own measure, the second mobcheck's wall time (its start and exit in it, the lab's not).
void within_one_timeout(const LabRun& run, int timeout_s, int run_slack_ms, int lab_slack_ms) {
    CHECK(run.report.at("run").at("deadline_reached") == false);
    CHECK(run.report.at("run").at("duration_ms").get<double>() < timeout_s * 1000 + run_slack_ms);
    CHECK(run.elapsed < std::chrono::milliseconds(timeout_s * 1000 + lab_slack_ms));
}

// The HTTP scenarios in which https://lyncdiscover.contoso.com/ misbehaves: a failed walk within one timeout.
void one_failed_walk(const LabRun& run, int timeout_s) { within_one_timeout(run, timeout_s, 2500, 4000); }

using Extra = std::function<void(const LabRun&)>;

const std::map<std::string, Extra>& extras() {
    static const std::map<std::string, Extra> table = {
        {"good",
         [](const LabRun& run) {
             CHECK(run.report.at("summary").at("pass").get<int>() >= 20);
             const auto& r = result(run.report, "dns.lyncdiscoverinternal", "contoso.com");
             CHECK(r.at("evidence").at("dns").at("chain")[0].at("target") == "pool01.contoso.net");
             CHECK(r.at("evidence").at("dns").at("addresses")[0] == "127.10.0.10");
             const auto& san = result(run.report, "tls.lyncdiscover-san", "fabrikam.com");
             CHECK(san.at("evidence").at("probes")[0].at("address") == "127.20.0.10");
             CHECK(testsupport::leaf_names(run.report, san.at("evidence").at("probes")[0]).size() == 3);
         }},
        {"tls-proxy-missing-fabrikam",
         [](const LabRun& run) {
             // Info: the port 80 rule answers instead, so no fix; the message says what would serve HTTPS.
             const auto& r = result(run.report, "tls.lyncdiscover-san", "fabrikam.com");
             CHECK(r.at("remediation").get<std::string>().empty());
             CHECK(r.at("message").get<std::string>().find("reissue the reverse proxy certificate") != std::string::npos);
         }},
        {"tls-expired",
         [](const LabRun& run) {
             // Which member the walk asked decides the walk's statuses (pass|skip in the expect file): at
             // the expired one, the walk fails verification and tls.validity is the one finding.
             const auto& walk = result(run.report, "http.lyncdiscoverinternal", "fabrikam.com");
             const auto& challenge = result(run.report, "http.user-challenge", "lyncdiscoverinternal.fabrikam.com");
             if (walk.at("evidence").at("walk").at("hops")[0].at("address") == "127.10.0.12") {
                 CHECK(walk.at("status") == "skip");
                 CHECK(walk.at("blocked_by").at("check") == "tls.validity");
                 CHECK(mentions(walk, "is out of date"));
                 CHECK(challenge.at("status") == "skip");
             } else {
                 CHECK(walk.at("status") == "pass");
                 CHECK(challenge.at("status") == "pass");
             }
             const auto& r = result(run.report, "tls.validity", "lyncdiscoverinternal.fabrikam.com:443");
             CHECK(!mentions(r, "127.10.0.11"));
             CHECK(r.at("evidence").at("probes").size() == 2);
         }},
        {"tls-no-handshake", [](const LabRun& run) { within_one_timeout(run, 1, 1500, 4000); }},
        {"tls-nul-san",
         [](const LabRun& run) { CHECK(run.out.find("\\u0000") == std::string::npos); }},  // no NUL anywhere in the report
        {"tls-500-sans",
         [](const LabRun& run) {
             const auto& san = result(run.report, "tls.lyncdiscover-san", "fabrikam.com");
             CHECK(testsupport::leaf_names(run.report, san.at("evidence").at("probes")[0]).size() == 500);
             REQUIRE(!run.report.at("results").empty());
             for (const auto& r : run.report.at("results")) CHECK(r.at("message").get<std::string>().size() < 2000);
         }},
        {"tls-garbage-der",
         [](const LabRun& run) {
             CHECK(run.report.at("run").at("duration_ms").get<double>() < 2500);  // no timeout waited, loosely
             CHECK(run.elapsed < std::chrono::milliseconds(5000));
         }},
        {"http-redirect-other-domain", [](const LabRun& run) { one_failed_walk(run, 1); }},
        {"http-redirect-loop", [](const LabRun& run) { one_failed_walk(run, 1); }},
        {"http-redirect-file", [](const LabRun& run) { one_failed_walk(run, 1); }},
        // Not followed although 4443 answers the root in this scenario: a phone on the Internet cannot reach it.
        {"http-redirect-other-port", [](const LabRun& run) { one_failed_walk(run, 1); }},
        {"http-huge-body", [](const LabRun& run) { one_failed_walk(run, 1); }},
        {"http-endless-headers", [](const LabRun& run) { one_failed_walk(run, 1); }},
        {"http-stalled", [](const LabRun& run) { one_failed_walk(run, 1); }},
        {"http-trickle", [](const LabRun& run) { one_failed_walk(run, 3); }},  // args: --timeout 3
        {"user-password-refused",
         [](const LabRun& run) {
             const auto& r = result(run.report, "topology.mobility-urls-external", "lyncdiscoverinternal");
             CHECK(r.at("remediation").get<std::string>().find("--user") != std::string::npos);
             CHECK(r.at("remediation").get<std::string>().find("resolvers") == std::string::npos);
             for (const auto* out : {&run.out, &run.err}) CHECK(out->find("Not-Her-Passw0rd") == std::string::npos);
         }},
        {"http-mobility-urls-internal",
         [](const LabRun& run) {
             for (const auto* out : {&run.out, &run.err}) {
                 CHECK(out->find("Lab-Passw0rd") == std::string::npos);
                 CHECK(out->find("lab-token-alice") == std::string::npos);
             }
         }},
    };
    return table;
}

void run_scenario(const std::string& scenario) {
    CAPTURE(scenario);
    expect::Expectation e;
    REQUIRE_NOTHROW(e = expect::load(scenario));
    const auto args = expect::with_extra(expect::standard_args(MOBCHECK_LAB_CA), e.args);
    const LabRun run = testsupport::lab::run(scenario, args, true, testsupport::lab::From::Inside, e.env);
    INFO("stderr: " << run.err);
    const auto observed = testsupport::lab::observed(run.report);
    expect::check_results(e.lines, e.unlisted, e.has_arg("--user"), observed);
    CHECK(run.exit_code == expect::gate_exit_code(observed, e.gate()));
    const auto extra = extras().find(scenario);
    if (extra != extras().end()) extra->second(run);
}

}  // namespace

TEST_CASE("lab scenario: the run its expect file describes") {
    for (const auto& entry : extras()) {
        const auto& scenario = entry.first;  // CAPTURE's lambda may not name a structured binding (clang)
        CAPTURE(scenario);
        CHECK_MESSAGE(std::filesystem::exists(expect::path_of(scenario)), "extra checks for a scenario without an expect file");
    }
    std::vector<std::string> scenarios;
    if (const char* one = std::getenv("MOBCHECK_LAB_SCENARIO"); one != nullptr && *one != '\0') {
        scenarios.push_back(one);
    } else {
        for (const auto& s : expect::scenarios()) {
            if (std::filesystem::exists(expect::path_of(s))) scenarios.push_back(s);
        }
    }
    REQUIRE(!scenarios.empty());
    for (const auto& scenario : scenarios) run_scenario(scenario);
}
