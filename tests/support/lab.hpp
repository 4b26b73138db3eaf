// Running the real mobcheck binary inside tests/lab/labctl's namespace, and reading its JSON report.
// Shared by the lab test programs.
#pragma once

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

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

// Both SIP domains, both lab views, both web FQDNs, the SBAs, the lab CA, JSON out, one-second timeouts.
std::vector<std::string> standard_args(std::vector<std::string> extra = {});

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
