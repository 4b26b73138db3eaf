// mobcheck.exe, run under Wine, against the Linux build: the same command line must give the same exit
// code and the same bytes on standard output and error. Usage errors, the catalogue, --help, and a
// replay of every recorded evidence file (testdata/evidence/) as JSON, and as text for a few.
// Nothing here reaches a network: every case is a usage error or a replay.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "process.hpp"

namespace {

namespace fs = std::filesystem;
using testsupport::Outcome;

const std::string kLinux = MOBCHECK_BINARY;
const std::string kWindows = MOBCHECK_WINDOWS_BINARY;  // runs mobcheck.exe under Wine
const std::string kTestdata = MOBCHECK_TESTDATA;

// The same environment for both: a width, UTF-8, no colour (neither writes to a terminal here).
const std::map<std::string, std::string> kEnv = {{"COLUMNS", "100"}, {"LANG", "C.UTF-8"}, {"NO_COLOR", "1"}};

Outcome linux_run(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {kLinux};
    argv.insert(argv.end(), args.begin(), args.end());
    return testsupport::run(argv, std::chrono::seconds(60), kEnv);
}

Outcome windows_run(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {kWindows};
    argv.insert(argv.end(), args.begin(), args.end());
    return testsupport::run(argv, std::chrono::seconds(120), kEnv);
}

std::string joined(const std::vector<std::string>& args) {
    std::string out;
    for (const auto& a : args) out += (out.empty() ? "" : " ") + a;
    return out;
}

// Both builds, one command line: equal exit codes and equal bytes; returns the Linux outcome.
Outcome same_on_both(const std::vector<std::string>& args) {
    INFO("mobcheck " << joined(args));
    const Outcome on_linux = linux_run(args);
    const Outcome on_windows = windows_run(args);
    CHECK(on_windows.exit_code == on_linux.exit_code);
    CHECK(on_windows.out == on_linux.out);
    CHECK(on_windows.err == on_linux.err);
    return on_linux;
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("windows cli: usage errors exit 2 with the Linux build's words") {
    const std::vector<std::vector<std::string>> cases = {
        {},
        {"--sip"},
        {"--sip", "not a domain"},
        {"--sip", "contoso..com"},
        {"--frobnicate"},
        {"--sip", "contoso.com", "--format", "yaml"},
        {"--sip", "contoso.com", "--timeout", "0"},
        {"--sip", "contoso.com", "--only", "nosuch.check"},
        {"--replay", "/nonexistent/evidence.json"},
        {"--replay", kTestdata + "/evidence/good.json", "--sip", "contoso.com"},
        {"--config", "/nonexistent/topology.json"},
    };
    for (const auto& args : cases) {
        const Outcome o = same_on_both(args);
        CHECK(o.exit_code == 2);
        CHECK(!o.err.empty());
    }
}

TEST_CASE("windows cli: the catalogue and the help read the same") {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"--list-checks"},
             {"--list-checks", "--format", "json"},
             {"--list-checks", "--format", "markdown"},
             {"--help"},
             {"--version"},
         }) {
        const Outcome o = same_on_both(args);
        CHECK(o.exit_code == 0);
        CHECK(o.out.size() > 10);
    }
}

TEST_CASE("windows cli: every recorded evidence file replays to the same JSON report") {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kTestdata + "/evidence")) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 50);
    for (const auto& file : files) {
        const Outcome o = same_on_both({"--replay", file.string(), "--format", "json"});
        CHECK(o.out.find("\"results\"") != std::string::npos);
    }
}

TEST_CASE("windows cli: replays read the same as text and JUnit - and the report file has the same bytes") {
    for (const char* name : {"good.json", "tls-expired.json", "http-mobility-missing.json", "sba-port-filtered.json"}) {
        const std::string file = kTestdata + "/evidence/" + name;
        REQUIRE(fs::exists(file));
        same_on_both({"--replay", file, "--format", "text"});
        same_on_both({"--replay", file, "--format", "junit"});
    }
    const fs::path dir = fs::temp_directory_path() / ("mobcheck-windows-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string good = kTestdata + "/evidence/good.json";
    const Outcome l = linux_run({"--replay", good, "--format", "json", "--output", (dir / "linux.json").string()});
    // As a Windows user names it: a drive letter and backslashes (Wine's Z: is the root of this machine).
    std::string windows_path = "Z:" + (dir / "windows.json").string();
    std::replace(windows_path.begin(), windows_path.end(), '/', '\\');
    const Outcome w = windows_run({"--replay", good, "--format", "json", "--output", windows_path});
    CHECK(l.exit_code == w.exit_code);
    const std::string linux_report = slurp(dir / "linux.json");
    CHECK(linux_report.size() > 1000);
    CHECK(slurp(dir / "windows.json") == linux_report);
    // Written whole, then put in place: no temporary file is left beside the report.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
    CHECK(files == 2);
    fs::remove_all(dir);
}

TEST_CASE("windows cli: file names outside ASCII are read and written as typed") {
    const fs::path dir = fs::temp_directory_path() / ("mobcheck-windows-names-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string evidence = (dir / "évidence-Zürich.json").string();
    fs::copy_file(kTestdata + "/evidence/good.json", evidence);
    const Outcome l = linux_run({"--replay", evidence, "--format", "json"});
    const Outcome w = windows_run({"--replay", evidence, "--format", "json", "--output", (dir / "rapport-été.json").string()});
    CHECK(w.exit_code == l.exit_code);
    CHECK(w.err == l.err);
    CHECK(l.out.find(evidence) != std::string::npos);  // the report names the file it replayed
    CHECK(slurp(dir / "rapport-été.json") == l.out);
    fs::remove_all(dir);
}
