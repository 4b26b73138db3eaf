// Running the real mobcheck binary inside tests/lab/labctl's namespace, and reading its JSON report.
// Shared by the lab test programs.
#pragma once

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "expect.hpp"

namespace testsupport::lab {

struct LabRun {
    int exit_code = -1;
    std::string out;
    std::string err;
    std::chrono::milliseconds elapsed{0};  // mobcheck's wall time, measured in the lab: the lab's start is not in it
    nlohmann::json report;  // stdout parsed, when asked for
};

enum class From { Inside, Outside };  // Outside: labctl run --outside (a host on the Internet)

// Runs mobcheck with args inside a fresh lab serving scenario. Exits the test program with 77 (skipped)
// when labctl says the lab is unavailable here, which it never does under CI=true.
// env: more environment for mobcheck (MOBCHECK_PASSWORD, ...).
LabRun run(const std::string& scenario, std::vector<std::string> args, bool parse_json = true, From from = From::Inside,
           const std::map<std::string, std::string>& env = {});

// The same with another program in mobcheck's place (mobcheck.exe under Wine, tests/windows/).
LabRun run_program(const std::string& program, const std::string& scenario, std::vector<std::string> args,
                   bool parse_json = true, From from = From::Inside, const std::map<std::string, std::string>& env = {});

// Both SIP domains, both lab views, both web FQDNs, the SBAs, the lab CA, JSON out, one-second timeouts,
// then extra (an option the standard arguments give once with a value takes extra's value instead).
std::vector<std::string> standard_args(std::vector<std::string> extra = {});

// A JSON report's results, as the expectations of testdata/lab/scenarios/*/expect compare them.
std::vector<expect::Observed> observed(const nlohmann::json& report);

// For runs that are not a scenario's expect file (other arguments on a scenario): every listed
// (check, subject) has the listed status, and every other result passes, except
// topology.mobility-urls-external, which skips without --user.
using Expectation = std::tuple<std::string, std::string, std::string>;  // check, subject, status
void expect_only(const nlohmann::json& report, const std::vector<Expectation>& expected);

// The one result for (check, subject); fails the test when there is none.
const nlohmann::json& result(const nlohmann::json& report, const std::string& check, const std::string& subject);

// A directory for files the run writes, writable by the outside run's user too; removed with the object.
struct SharedDir {
    std::string path;
    SharedDir();
    ~SharedDir();
    SharedDir(const SharedDir&) = delete;
    SharedDir& operator=(const SharedDir&) = delete;
};

}  // namespace testsupport::lab
