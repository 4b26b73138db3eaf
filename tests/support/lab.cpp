#include "lab.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "expect.hpp"
#include "process.hpp"

namespace testsupport::lab {

LabRun run(const std::string& scenario, std::vector<std::string> args, bool parse_json, From from,
           const std::map<std::string, std::string>& env) {
    return run_program(MOBCHECK_BINARY, scenario, std::move(args), parse_json, from, env);
}

LabRun run_program(const std::string& program, const std::string& scenario, std::vector<std::string> args,
                   bool parse_json, From from, const std::map<std::string, std::string>& env) {
    std::vector<std::string> argv = {MOBCHECK_LABCTL, "run"};
    if (from == From::Outside) argv.push_back("--outside");
    argv.insert(argv.end(), {scenario, "--"});
    args.insert(args.begin(), program);
    for (auto& a : testsupport::with_wall_clock(std::move(args))) argv.push_back(std::move(a));
    std::map<std::string, std::string> environment = env;
    environment.emplace("NO_COLOR", "1");
    auto r = testsupport::run(argv, std::chrono::seconds(120), environment);
    if (r.exit_code == 77) {
        // labctl said loudly why; outside CI a lab that cannot start is a skip, never a pass.
        std::cerr << r.err << "LAB TEST SKIPPED: " << scenario << " (no root or no network namespaces)\n";
        std::exit(77);
    }
    REQUIRE_MESSAGE(r.err.find("LAB UNAVAILABLE") == std::string::npos, r.err);
    REQUIRE_MESSAGE(r.err.find("labctl:") == std::string::npos, r.err);
    const auto wall_clock = testsupport::take_wall_clock(r.err);  // mobcheck's own, without the lab's start
    LabRun out{r.exit_code, r.out, r.err, wall_clock.value_or(r.elapsed), {}};
    if (parse_json) {
        INFO("stdout: " << r.out << "\nstderr: " << r.err);
        REQUIRE_NOTHROW(out.report = nlohmann::json::parse(r.out));
    }
    return out;
}

std::vector<std::string> standard_args(std::vector<std::string> extra) {
    return expect::with_extra(expect::standard_args(MOBCHECK_LAB_CA), extra);
}

std::vector<expect::Observed> observed(const nlohmann::json& report) {
    std::vector<expect::Observed> out;
    for (const auto& r : report.at("results")) {
        const nlohmann::json by = r.value("blocked_by", nlohmann::json());
        out.push_back({r.at("check").get<std::string>(), r.at("subject").get<std::string>(),
                       r.at("status").get<std::string>(), r.at("message").get<std::string>(),
                       r.value("reason", nlohmann::json()).is_string() ? r.at("reason").get<std::string>() : "",
                       by.is_object() ? by.value("check", "") + " " + by.value("subject", "") : ""});
    }
    return out;
}

void expect_only(const nlohmann::json& report, const std::vector<Expectation>& expected) {
    std::vector<expect::Line> lines;
    for (const auto& [check, subject, status] : expected) lines.push_back({check, subject, {status}, "", {}, 0, ""});
    expect::check_results(lines, "pass", false, observed(report));
}

const nlohmann::json& result(const nlohmann::json& report, const std::string& check, const std::string& subject) {
    for (const auto& r : report.at("results")) {
        if (r.at("check") == check && r.at("subject") == subject) return r;
    }
    FAIL("no result for " << check << " " << subject);
    throw std::logic_error("unreachable");
}

SharedDir::SharedDir() {
    char tmpl[] = "/tmp/mobcheck-lab-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
    REQUIRE(::chmod(tmpl, 0777) == 0);  // the outside run is user nobody
}

SharedDir::~SharedDir() { std::filesystem::remove_all(path); }

}  // namespace testsupport::lab
