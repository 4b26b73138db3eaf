// mobcheck.exe, run under Wine inside the lab's network namespace, against the Linux binary in the same
// lab (tests/windows/run-both runs one after the other): the same results (check, subject, status,
// message, reason, blocker), the same certificates and summary, and the same exit code. The good deployment and scenarios broken in each category: DNS, TLS, HTTP, ports.
// Wine's own start (a prefix and a server of the run's own, about 2 s) is in the Windows run's time,
// so these tests hold results, never timings.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lab.hpp"

namespace lab = testsupport::lab;

namespace {

const std::string kWindows = MOBCHECK_WINDOWS_BINARY;
const std::string kRunBoth = MOBCHECK_RUN_BOTH;

struct Both {
    int linux_rc = -1, windows_rc = -1;
    nlohmann::json linux_report, windows_report;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Both run_both(const std::string& scenario) {
    lab::SharedDir dir;
    std::vector<std::string> args = {MOBCHECK_BINARY, kWindows, dir.path};
    for (auto& a : lab::standard_args()) args.push_back(std::move(a));
    const auto run = lab::run_program(kRunBoth, scenario, args, false);
    REQUIRE(run.exit_code == 0);
    Both both;
    both.linux_rc = std::stoi(slurp(dir.path + "/linux.rc"));
    both.windows_rc = std::stoi(slurp(dir.path + "/windows.rc"));
    INFO("Linux stderr: " << slurp(dir.path + "/linux.err") << "\nWindows stderr: " << slurp(dir.path + "/windows.err"));
    REQUIRE_NOTHROW(both.linux_report = nlohmann::json::parse(slurp(dir.path + "/linux.out")));
    REQUIRE_NOTHROW(both.windows_report = nlohmann::json::parse(slurp(dir.path + "/windows.out")));
    return both;
}

// A message with its measured times and the moment of its probe left out ("open in 5.1 ms", curl's
// "timed out after 1003 milliseconds", "checked at 2026-12-08T03:53:14Z"): two runs one after the other
// never take the same time. (Scenarios whose DNS answers rotate between VIP members are left out: two
// runs may walk to different members, on any platform.)
std::string without_times(const std::string& message) {
    static const std::regex kTime(R"([0-9]+(\.[0-9]+)? (ms|milliseconds)\b)");
    static const std::regex kMoment(R"(checked at [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z)");
    return std::regex_replace(std::regex_replace(message, kTime, "# ms"), kMoment, "checked at #");
}

std::vector<std::string> lines_of(const std::vector<testsupport::expect::Observed>& results) {
    std::vector<std::string> out;
    for (const auto& r : results) {
        out.push_back(r.check + " | " + r.subject + " | " + r.status + " | " + without_times(r.message) + " | " + r.reason +
                      " | " + r.blocked_by);
    }
    return out;
}

void same_results(const std::string& scenario) {
    INFO("scenario " << scenario);
    const Both both = run_both(scenario);
    CHECK(both.windows_rc == both.linux_rc);
    const auto expected = lines_of(lab::observed(both.linux_report));
    const auto got = lines_of(lab::observed(both.windows_report));
    CHECK(expected.size() > 10);
    CHECK(got.size() == expected.size());
    for (std::size_t i = 0; i < std::min(got.size(), expected.size()); ++i) CHECK(got[i] == expected[i]);
    // The run's facts that do not depend on timing.
    for (const char* field : {"resolvers", "sip_domains", "vantage", "deadline_reached"}) {
        CHECK(both.windows_report.at("run").at(field) == both.linux_report.at("run").at(field));
    }
    CHECK(both.windows_report.at("summary") == both.linux_report.at("summary"));
    CHECK(both.windows_report.at("certificates") == both.linux_report.at("certificates"));
}

}  // namespace

TEST_CASE("windows lab: the good deployment") { same_results("good"); }

TEST_CASE("windows lab: DNS broken") {
    same_results("missing-external-fabrikam");
    same_results("servfail");
}

TEST_CASE("windows lab: TLS broken") {
    same_results("tls-intermediate-missing");
    same_results("tls-proxy-enterprise-root");
}

TEST_CASE("windows lab: HTTP broken") {
    same_results("http-mobility-missing");
    same_results("http-stalled");
}

TEST_CASE("windows lab: ports broken") {
    same_results("sba-port-filtered");
    same_results("apns-blocked");
}
