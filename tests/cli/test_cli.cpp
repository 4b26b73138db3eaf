// The real binary, without any network: usage errors, the catalogue, replaying recorded evidence.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "process.hpp"

using testsupport::run;

namespace {

const std::string kBinary = MOBCHECK_BINARY;
const std::string kEvidence = std::string(MOBCHECK_TESTDATA) + "/evidence/";
const std::string kTestdata = MOBCHECK_TESTDATA;

testsupport::Outcome mobcheck(std::vector<std::string> args) {
    return testsupport::run_without_network(kBinary, std::move(args));
}

bool one_line(const std::string& text) {
    return !text.empty() && text.find('\n') == text.size() - 1;
}

std::string temp_dir() {
    char tmpl[] = "/tmp/mobcheck-cli-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    return tmpl;
}

}  // namespace

TEST_CASE("cli: a malformed domain is exit 2 with one clear line") {
    auto r = mobcheck({"--sip", "bad domain!"});
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK(r.err.find("'bad domain!'") != std::string::npos);
    CHECK(r.err.find("not a valid DNS name") != std::string::npos);
    CHECK(r.out.empty());
}

TEST_CASE("cli: one resolver given for both views is a usage error naming both flags") {
    auto r = mobcheck({"--sip", "contoso.com", "--internal-dns", "1.2.3.4", "--external-dns", "9.9.9.9", "--external-dns",
                       "1.2.3.4:53"});
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK(r.err.find("--internal-dns and --external-dns both name 1.2.3.4:53") != std::string::npos);
    CHECK(r.out.empty());
    // An unbracketed IPv6 address that reads like an address and a port is not guessed at.
    auto ambiguous = mobcheck({"--sip", "contoso.com", "--internal-dns", "::1:53"});
    CHECK(ambiguous.exit_code == 2);
    CHECK(ambiguous.err.find("ambiguous") != std::string::npos);
}

TEST_CASE("cli: usage errors are exit 2 with one line each") {
    const std::vector<std::vector<std::string>> cases = {
        {},
        {"--sip"},
        {"--sip", "contoso.com", "--internal-dns", "dns.contoso.com"},
        {"--sip", "contoso.com", "--external-dns", "[::1]:0"},
        {"--sip", "contoso.com", "--timeout", "0"},
        {"--sip", "contoso.com", "--timeout", "abc"},
        {"--sip", "contoso.com", "--format", "yaml"},
        {"--list-checks", "--format", "junit"},
        {"--sip", "contoso.com", "--report", "yaml=x.yaml"},
        {"--sip", "contoso.com", "--fail-on", "info"},
        {"--sip", "contoso.com", "--vantage", "mars"},
        {"--sip", "contoso.com", "--only", "tlsx"},
        {"--sip", "contoso.com", "--skip", "dns.nope"},
        {"--sip", "contoso.com", "--only", "dns", "--skip", "dns"},
        {"--replay", kEvidence + "good.json", "--skip", "dns,tls,http,ports,topology"},
        {"--sip", "contoso.com", "--internal-web", "pool 01"},
        {"--sip", "contoso.com", "--sba", "sba 1.contoso.com"},
        {"--sip", "contoso.com", "--apns", "courier.push.apple.com:0"},
        {"--sip", "contoso.com", "--apns", "[courier.push.apple.com]:5223"},
        {"--sip", "contoso.com", "--max-connections", "0"},
        {"--sip", "contoso.com", "--ca-file", "/nonexistent/ca.pem"},
        {"--sip", "contoso.com", "--expiry-warn-days", "-1"},
        {"--replay", kEvidence + "good.json", "--ca-file", kTestdata + "/lab/tls/lab-root-ca.pem"},
        {"plan"},
        {"plan", "--sip", "contoso..com"},
        {"plan", "--sip", "contoso.com", "--req-config", "nope"},
        {"cert", "--role", "reverse-proxy", "--sip", "contoso.com"},
        {"cert", kTestdata + "/lab/tls/lab-root-ca.pem", "--sip", "contoso.com"},
        {"cert", kTestdata + "/lab/tls/lab-root-ca.pem", "--role", "proxy", "--sip", "contoso.com"},
        {"cert", "/nonexistent.pem", "--role", "reverse-proxy", "--sip", "contoso.com"},
        {"cert", kTestdata + "/lab/listeners", "--role", "reverse-proxy", "--sip", "contoso.com"},
        {"--sip", "contoso.com", "--no-such-flag"},
        {"--explain", "dns.nope"},
        {"--replay", "/nonexistent/evidence.json"},
        {"--replay", kEvidence + "good.json", "--sip", "contoso.com"},
        {"--sip", "contoso.com", "--output", "/nonexistent-dir/report.json"},
    };
    for (const auto& args : cases) {
        std::string shown;
        for (const auto& a : args) shown += a + " ";
        CAPTURE(shown);
        auto r = mobcheck(args);
        CHECK(r.exit_code == 2);
        CHECK(one_line(r.err));
        CHECK(r.err.starts_with("mobcheck: "));
    }
}

TEST_CASE("cli: a selection that leaves no check is a usage error - not a clean bill of health") {
    auto none = mobcheck({"--replay", kEvidence + "missing-internal-fabrikam.json", "--only", "dns", "--skip", "dns"});
    CHECK(none.exit_code == 2);
    CHECK(none.out.empty());
    CHECK(none.err.starts_with("mobcheck: --only dns --skip dns leaves no check to run (mobcheck --list-checks "
                               "lists the checks and their categories)"));
    // One check left is enough.
    CHECK(mobcheck({"--replay", kEvidence + "missing-internal-fabrikam.json", "--only", "dns", "--skip",
                    "dns.federation-srv,dns.lyncdiscover"})
              .exit_code == 1);
}

TEST_CASE("cli: --user takes a UPN and its password never from the command line") {
    auto malformed = mobcheck({"--sip", "contoso.com", "--user", "alice"});
    CHECK(malformed.exit_code == 2);
    CHECK(malformed.err.find("expected USER@SIPDOMAIN") != std::string::npos);
    CHECK(mobcheck({"--sip", "contoso.com", "--user", "alice@bad domain"}).exit_code == 2);
    // No MOBCHECK_PASSWORD and no terminal to ask on (setsid: no controlling terminal): exit 2 before
    // any probe.
    auto no_password = testsupport::run_without_network(
        "/usr/bin/setsid", {"-w", kBinary, "--sip", "contoso.com", "--user", "alice@contoso.com"});
    CHECK(no_password.exit_code == 2);
    CHECK(no_password.err.find("set MOBCHECK_PASSWORD") != std::string::npos);
    CHECK(one_line(no_password.err));
    // An empty password is refused before any probe, rather than sent.
    auto empty = testsupport::run({kBinary, "--sip", "contoso.com", "--user", "alice@contoso.com"},
                                  std::chrono::seconds(20), {{"MOBCHECK_PASSWORD", ""}});
    CHECK(empty.exit_code == 2);
    CHECK(empty.err.find("MOBCHECK_PASSWORD is empty") != std::string::npos);
    CHECK(one_line(empty.err));
    // There is no option that takes a password.
    auto help = mobcheck({"--help"});
    CHECK(help.out.find("--user") != std::string::npos);
    CHECK(help.out.find("--password") == std::string::npos);
}

TEST_CASE("cli: --help explains flags and exit codes and statuses and --version is one line") {
    auto help = mobcheck({"--help"});
    CHECK(help.exit_code == 0);
    for (const char* text : {"--sip", "--internal-dns", "--external-dns", "--internal-web", "--external-web", "--vantage",
                             "--timeout", "--deadline", "--format", "--output", "--fail-on", "--only", "--skip",
                             "--list-checks", "--explain", "--save-evidence", "--replay", "Exit codes", "NO_COLOR"}) {
        CAPTURE(text);
        CHECK(help.out.find(text) != std::string::npos);
    }
    auto version = mobcheck({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.starts_with("mobcheck "));
    CHECK(one_line(version.out));
}

TEST_CASE("cli: --list-checks in text and JSON and Markdown and --explain") {
    auto text = mobcheck({"--list-checks"});
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("dns.lyncdiscoverinternal") != std::string::npos);
    auto json = mobcheck({"--list-checks", "--format", "json"});
    REQUIRE(json.exit_code == 0);
    auto parsed = nlohmann::json::parse(json.out);
    CHECK(parsed.at("checks").size() >= 11);
    CHECK(parsed.at("checks")[0].contains("source"));
    auto md = mobcheck({"--list-checks", "--format", "markdown"});
    CHECK(md.out.starts_with("# Check catalogue"));
    auto explain = mobcheck({"--explain", "dns.cname-domain"});
    CHECK(explain.exit_code == 0);
    CHECK(explain.out.find("port 80") != std::string::npos);
    CHECK(explain.out.find("Source:") != std::string::npos);
}

TEST_CASE("cli: --replay judges a saved run with exit codes per the gate") {
    auto good = mobcheck({"--replay", kEvidence + "good.json"});
    CHECK(good.exit_code == 0);
    CHECK(good.out.find("summary:") != std::string::npos);
    CHECK(good.out.find('\033') == std::string::npos);  // not a terminal: no colour

    auto broken = mobcheck({"--replay", kEvidence + "missing-internal-fabrikam.json", "--format", "json"});
    CHECK(broken.exit_code == 1);
    auto j = nlohmann::json::parse(broken.out);
    CHECK(j.at("summary").at("fail").get<int>() >= 1);
    CHECK(j.at("gate").at("exit_code") == 1);

    // A warning trips the gate only with --fail-on warn.
    CHECK(mobcheck({"--replay", kEvidence + "no-federation-srv.json"}).exit_code == 0);
    CHECK(mobcheck({"--replay", kEvidence + "no-federation-srv.json", "--fail-on", "warn"}).exit_code == 1);
    // Undecided and nothing failed: 3.
    CHECK(mobcheck({"--replay", kEvidence + "external-dns-drops.json"}).exit_code == 3);
    // Selecting the broken check out makes the run pass.
    CHECK(mobcheck({"--replay", kEvidence + "missing-internal-fabrikam.json", "--skip", "dns.lyncdiscoverinternal"})
              .exit_code == 0);
}

TEST_CASE("cli: --managed-devices judges a saved run again - a flag or the topology file's key") {
    // Recorded in the lab: the reverse proxy's certificate chains only to the enterprise root (--ca-file).
    const std::string run = kEvidence + "tls-proxy-enterprise-root.json";
    auto chain_status = [](const std::string& out) {
        std::string statuses;
        const auto report = nlohmann::json::parse(out);
        for (const auto& r : report.at("results")) {
            if (r.at("check") == "tls.chain" && r.at("subject") == "webext.contoso.com:443") statuses += r.at("status").get<std::string>();
        }
        return statuses;
    };
    auto unmanaged = mobcheck({"--replay", run, "--format", "json", "--fail-on", "warn"});
    CHECK(unmanaged.exit_code == 1);
    CHECK(chain_status(unmanaged.out) == "warn");
    auto managed = mobcheck({"--replay", run, "--format", "json", "--fail-on", "warn", "--managed-devices"});
    CHECK(managed.exit_code == 0);
    CHECK(chain_status(managed.out) == "pass");
    const std::string dir = temp_dir();
    std::ofstream(dir + "/mobility.json") << R"({"managed_devices": true})";
    auto from_file = mobcheck({"--replay", run, "--format", "json", "--config", dir + "/mobility.json"});
    CHECK(chain_status(from_file.out) == "pass");
    std::ofstream(dir + "/bad.json") << R"({"managed_devices": "yes"})";
    auto bad = mobcheck({"--replay", run, "--config", dir + "/bad.json"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("/managed_devices: expected true or false") != std::string::npos);
}

TEST_CASE("cli: a broken evidence file is exit 2 naming the problem") {
    const std::string dir = temp_dir();
    const std::string path = dir + "/bad.json";
    std::ofstream(path) << "{\"schema_version\": 1, \"plan\": {\"sip_domains\": [\"bad domain!\"]}}";
    auto r = mobcheck({"--replay", path});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("$.plan.sip_domains[0]") != std::string::npos);
    std::ofstream(path) << "{ not json";
    r = mobcheck({"--replay", path});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("not valid JSON") != std::string::npos);
    std::remove(path.c_str());
    ::rmdir(dir.c_str());
}

TEST_CASE("cli: --output writes the report whole and only that file") {
    const std::string dir = temp_dir();
    const std::string path = dir + "/report.json";
    auto r = mobcheck({"--replay", kEvidence + "good.json", "--format", "json", "--output", path});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    std::ifstream in(path);
    REQUIRE(in);
    auto j = nlohmann::json::parse(in);
    CHECK(j.at("schema_version") == 3);
    std::remove(path.c_str());
    CHECK(::rmdir(dir.c_str()) == 0);  // no temporary file left behind
}

TEST_CASE("cli: reports and evidence are never writable by others even with umask 0") {
    const std::string dir = temp_dir();
    const mode_t saved = ::umask(0);  // the child inherits it
    // Control: under this umask a file created 0666 is world-writable.
    const std::string control = dir + "/control";
    ::close(::open(control.c_str(), O_CREAT | O_WRONLY, 0666));
    // A network run where no network exists (a namespace with no interface up: every probe fails at
    // once), so that --save-evidence is written too.
    auto r = mobcheck({"--sip", "contoso.com", "--internal-dns", "127.0.0.1", "--external-dns", "127.0.0.2",
                       "--apns", "127.0.0.1:5223", "--timeout", "0.2", "--attempts", "1", "--deadline", "3",
                       "--output", dir + "/report.txt", "--report", "json=" + dir + "/report.json",
                       "--save-evidence", dir + "/evidence.json"});
    auto replay = mobcheck({"--replay", dir + "/evidence.json", "-o", dir + "/replayed.txt"});
    ::umask(saved);
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(replay.exit_code == 3);
    auto mode_of = [](const std::string& path) {
        struct stat st {};
        REQUIRE(::stat(path.c_str(), &st) == 0);
        return st.st_mode & 07777;
    };
    CHECK(mode_of(control) == 0666);
    for (const char* f : {"/report.txt", "/report.json", "/evidence.json", "/replayed.txt"}) {
        CAPTURE(f);
        CHECK(mode_of(dir + f) == 0664);  // the user's umask otherwise (0), without write for others
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("cli: --output to a device writes through it and leaves it a device") {
    // Renaming a temporary file over /dev/null would replace the device for the whole machine.
    struct stat before {};
    REQUIRE(::stat("/dev/null", &before) == 0);
    REQUIRE(S_ISCHR(before.st_mode));
    auto r = mobcheck({"--replay", kEvidence + "good.json", "--format", "json", "--output", "/dev/null"});
    CHECK(r.exit_code == 0);
    struct stat after {};
    REQUIRE(::stat("/dev/null", &after) == 0);
    CHECK(S_ISCHR(after.st_mode));
    CHECK(after.st_rdev == before.st_rdev);
    CHECK(mobcheck({"--replay", kEvidence + "good.json", "--output", "/tmp"}).exit_code == 2);
}

TEST_CASE("cli: every report format and several at once and the JUnit schema") {
    const std::string dir = temp_dir();
    auto r = mobcheck({"--replay", kEvidence + "sba-port-closed.json", "--format", "json", "--output", dir + "/r.json",
                       "--report", "junit=" + dir + "/r.xml", "--report", "markdown=" + dir + "/r.md", "--report",
                       "prometheus=" + dir + "/r.prom", "--report", "nagios=" + dir + "/r.nagios", "--report",
                       "text=" + dir + "/r.txt"});
    CHECK(r.exit_code == 1);
    for (const char* f : {"/r.json", "/r.xml", "/r.md", "/r.prom", "/r.nagios", "/r.txt"}) {
        std::ifstream in(dir + f);
        CAPTURE(f);
        CHECK(in.good());
        CHECK(in.peek() != std::ifstream::traits_type::eof());
    }
    // The JUnit file against the schema CI systems read, and a broken document as a control.
    const std::string xsd = std::string(MOBCHECK_TESTDATA) + "/junit/junit.xsd";
    auto valid = run({"/usr/bin/xmllint", "--noout", "--schema", xsd, dir + "/r.xml"});
    INFO(valid.err);
    CHECK(valid.exit_code == 0);
    std::ofstream(dir + "/bad.xml") << "<testsuites><testsuite tests=\"1\"><testcase/></testsuite></testsuites>";
    CHECK(run({"/usr/bin/xmllint", "--noout", "--schema", xsd, dir + "/bad.xml"}).exit_code != 0);
    std::filesystem::remove_all(dir);
}

TEST_CASE("cli: --format nagios speaks the plugin's exit codes") {
    auto critical = mobcheck({"--replay", kEvidence + "sba-port-closed.json", "--format", "nagios"});
    CHECK(critical.exit_code == 2);
    CHECK(critical.out.starts_with("MOBCHECK CRITICAL - "));
    CHECK(mobcheck({"--replay", kEvidence + "apns-blocked.json", "--format", "nagios"}).exit_code == 1);
    CHECK(mobcheck({"--replay", kEvidence + "external-dns-drops.json", "--format", "nagios"}).exit_code == 3);
    auto ok = mobcheck({"--replay", kEvidence + "good.json", "--format", "nagios"});
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.starts_with("MOBCHECK OK - "));
}

TEST_CASE("cli: diff is a regression gate") {
    const std::string dir = temp_dir();
    CHECK(mobcheck({"--replay", kEvidence + "good.json", "--format", "json", "-o", dir + "/old.json"}).exit_code == 0);
    CHECK(mobcheck({"--replay", kEvidence + "sba-port-filtered.json", "--format", "json", "-o", dir + "/new.json"})
              .exit_code == 1);
    auto worse = mobcheck({"diff", dir + "/old.json", dir + "/new.json"});
    CHECK(worse.exit_code == 1);
    CHECK(worse.out.find("ports.sba-ucwa-external  sba-lima.contoso.net:5088: pass → fail") != std::string::npos);
    auto better = mobcheck({"diff", dir + "/new.json", dir + "/old.json", "--format", "json"});
    CHECK(better.exit_code == 0);
    const auto j = nlohmann::json::parse(better.out);
    CHECK(j.at("worse").empty());
    CHECK(j.at("better").size() == 1);
    CHECK(mobcheck({"diff", dir + "/old.json", dir + "/old.json"}).exit_code == 0);
    // Not reports: exit 2 with a reason.
    auto bad = mobcheck({"diff", dir + "/old.json", kEvidence + "good.json"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("not a mobcheck JSON report") != std::string::npos);
    CHECK(mobcheck({"diff", dir + "/old.json"}).exit_code == 2);
    std::filesystem::remove_all(dir);
}

namespace {

// mobcheck on a saved run with the environment it would see on a given terminal (no network needed).
testsupport::Outcome replay_with(std::vector<std::string> args, const std::map<std::string, std::string>& env) {
    args.insert(args.begin(), kBinary);
    return run(args, std::chrono::seconds(30), env);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// The longest line of more than one word: a single word longer than the width (the replayed file's
// path, which depends on where the tests run) cannot be wrapped.
std::size_t longest_line(const std::string& text) {
    std::size_t longest = 0;
    for (const auto& line : lines_of(text)) {
        const bool one_word = line.find(' ', line.find_first_not_of(' ')) == std::string::npos;
        if (!one_word) longest = std::max(longest, line.size());
    }
    return longest;
}

}  // namespace

TEST_CASE("cli: -q prints the summary line only and -v with -q is a usage error") {
    auto quiet = mobcheck({"--replay", kEvidence + "missing-internal-fabrikam.json", "-q"});
    CHECK(quiet.exit_code == 1);
    CHECK(quiet.out.rfind("summary: ", 0) == 0);
    CHECK(quiet.out.find("fix first: dns.lyncdiscoverinternal on fabrikam.com") != std::string::npos);
    CHECK(quiet.out.find("Fix first\n") == std::string::npos);
    auto verbose = mobcheck({"--replay", kEvidence + "good.json", "--verbose"});
    CHECK(verbose.exit_code == 0);
    CHECK(verbose.out.find("PASS  dns.lyncdiscover") != std::string::npos);
    auto both = mobcheck({"--replay", kEvidence + "good.json", "-v", "-q"});
    CHECK(both.exit_code == 2);
    CHECK(both.err.find("--verbose and --quiet contradict each other") != std::string::npos);
    CHECK(one_line(both.err));
}

TEST_CASE("cli: the text report speaks ASCII unless the locale's charset is UTF-8") {
    const std::vector<std::string> args = {"--replay", kEvidence + "good.json", "-v"};
    for (const char* locale : {"C", "POSIX", "en_US.ISO-8859-1"}) {
        CAPTURE(locale);
        auto r = replay_with(args, {{"LC_ALL", locale}});
        CHECK(r.exit_code == 0);
        CHECK(std::all_of(r.out.begin(), r.out.end(), [](unsigned char c) { return c < 0x80; }));
        CHECK(r.out.find(" -> ") != std::string::npos);
    }
    // C.UTF-8 exists everywhere; en_US.UTF-8 may not be generated, and its name still says UTF-8.
    for (const char* locale : {"C.UTF-8", "en_US.UTF-8", "de_DE.utf8"}) {
        CAPTURE(locale);
        auto r = replay_with(args, {{"LC_ALL", locale}});
        CHECK(r.out.find(" → ") != std::string::npos);
        CHECK(r.out.find(" · ") != std::string::npos);
    }
}

TEST_CASE("cli: the text report and --help wrap at $COLUMNS and else at 100") {
    auto narrow = replay_with({"--replay", kEvidence + "tls-untrusted.json"}, {{"COLUMNS", "72"}, {"LC_ALL", "C"}});
    CHECK(narrow.exit_code == 1);
    CHECK(longest_line(narrow.out) <= 72);
    for (const char* columns : {"", "abc", "0", "-5", "99999999"}) {
        CAPTURE(columns);
        auto r = replay_with({"--replay", kEvidence + "tls-untrusted.json"}, {{"COLUMNS", columns}, {"LC_ALL", "C"}});
        CHECK(longest_line(r.out) <= 100);
        CHECK(longest_line(r.out) > 80);
    }
    auto help = replay_with({"--help"}, {{"COLUMNS", "80"}, {"LC_ALL", "C"}});
    CHECK(help.exit_code == 0);
    REQUIRE_FALSE(help.out.empty());
    CHECK(help.out.rfind("Usage: mobcheck [OPTIONS]", 0) == 0);
    CHECK(longest_line(help.out) <= 80);
    CHECK(help.out.find("--expiry-warn-days") != std::string::npos);
    // Too narrow for two columns: each description under its option.
    auto tight = replay_with({"--help"}, {{"COLUMNS", "50"}, {"LC_ALL", "C"}});
    CHECK(longest_line(tight.out) <= 50);
    CHECK(tight.out.find("\n  --timeout SECONDS=3\n      seconds per network attempt") != std::string::npos);
}

TEST_CASE("cli: a subcommand's help reads mobcheck SUBCOMMAND and merge --help lists the report flags it takes") {
    auto plan = mobcheck({"plan", "--help"});
    CHECK(plan.exit_code == 0);
    CHECK(plan.out.rfind("Usage: mobcheck plan [OPTIONS]", 0) == 0);
    auto merge = mobcheck({"merge", "--help"});
    CHECK(merge.exit_code == 0);
    CHECK(merge.out.rfind("Usage: mobcheck merge", 0) == 0);
    const auto flags = merge.out.find("Report flags (after the files):");
    REQUIRE(flags != std::string::npos);
    for (const char* flag : {"--format FORMAT=text", "--report FORMAT=FILE", "-o,--output FILE", "--fail-on", "--only",
                             "--skip", "--config FILE", "--no-waivers", "--expiry-warn-days DAYS=30", "-v,--verbose",
                             "-q,--quiet"}) {
        CAPTURE(flag);
        CHECK(merge.out.find(flag, flags) != std::string::npos);
    }
    // What it lists, it takes.
    auto merged = mobcheck({"merge", kEvidence + "good.json", kEvidence + "vantage-external.json", "-q", "--fail-on",
                            "warn", "--no-waivers", "--expiry-warn-days", "10"});
    CHECK(merged.exit_code == 0);
    CHECK(merged.out.rfind("summary: ", 0) == 0);
}

// On an admin's terminal: the width the terminal reports wins over $COLUMNS, and colour is on.
TEST_CASE("cli: on a terminal the text report wraps at the terminal's own width") {
    for (unsigned short columns : {static_cast<unsigned short>(60), static_cast<unsigned short>(80), static_cast<unsigned short>(132)}) {
        CAPTURE(columns);
        auto r = testsupport::run_on_terminal({kBinary, "--replay", kEvidence + "tls-untrusted.json"}, columns,
                                              {{"COLUMNS", "200"}, {"LC_ALL", "C.UTF-8"}, {"NO_COLOR", "1"}});
        CHECK(r.exit_code == 1);
        REQUIRE(r.out.find("Fix first") != std::string::npos);
        CHECK(r.out.find('\033') == std::string::npos);
        // Every line fits, but for a word longer than any line could hold (the replayed file's path,
        // which depends on where the tests run).
        std::size_t longest = 0;
        for (const auto& line : lines_of(r.out)) {
            std::size_t n = 0;
            for (unsigned char c : line) n += (c & 0xC0) != 0x80;
            const bool one_word = line.find(' ', line.find_first_not_of(' ')) == std::string::npos;
            CAPTURE(line);
            CHECK((n <= columns || one_word));
            if (!one_word) longest = std::max(longest, n);
        }
        CHECK(longest > columns - 20u);
        CHECK(r.out.find(" · ") != std::string::npos);
    }
    // The same terminal under LC_ALL=C: ASCII; and without NO_COLOR: colour.
    auto ascii = testsupport::run_on_terminal({kBinary, "--replay", kEvidence + "tls-untrusted.json"}, 100,
                                              {{"LC_ALL", "C"}, {"NO_COLOR", ""}, {"TERM", "xterm"}});
    CHECK(std::all_of(ascii.out.begin(), ascii.out.end(), [](unsigned char c) { return c < 0x80; }));
    CHECK(ascii.out.find("\033[1;31mFAIL") != std::string::npos);
}

TEST_CASE("cli: a mistyped flag or command or check or choice gets did-you-mean in mobcheck's own words") {
    struct Row {
        std::vector<std::string> args;
        std::string expected;
    };
    const Row rows[] = {
        {{"--tiemout", "3"}, "mobcheck: unknown flag --tiemout (did you mean '--timeout'?) (mobcheck --help lists them)"},
        {{"plna"}, "mobcheck: unknown command 'plna' (did you mean 'plan'?)"},
        {{"mrege", "a.json", "b.json"}, "mobcheck: unknown command 'mrege' (did you mean 'merge'?)"},
        {{"plan", "--sipp", "contoso.com"}, "mobcheck: unknown flag --sipp (did you mean '--sip'?) (mobcheck plan --help"},
        {{"-x"}, "mobcheck: unknown flag -x (mobcheck --help lists them)"},
        {{"--only", "dns.lyncdiscovr"}, "mobcheck: --only: no check or category is called 'dns.lyncdiscovr' (did you mean 'dns.lyncdiscover'?)"},
        {{"--skip", "tsl"}, "mobcheck: --skip: no check or category is called 'tsl' (did you mean 'tls'?)"},
        {{"--explain", "tls.chian"}, "mobcheck: --explain: no check is called 'tls.chian' (did you mean 'tls.chain'?)"},
        {{"--sip", "contoso.com", "--format", "jsn"}, "mobcheck: --format: 'jsn' is not one of text, json, junit, markdown, nagios, prometheus, html (did you mean 'json'?)"},
        {{"--sip", "contoso.com", "--timeout", "abc"}, "mobcheck: --timeout: 'abc' is not a number of seconds"},
        {{"--sip", "contoso.com", "--attempts", "2.5"}, "mobcheck: --attempts: '2.5' is not a whole number"},
        {{"--sip", "contoso.com", "--expiry-warn-days", "x"}, "mobcheck: --expiry-warn-days: 'x' is not a whole number of days"},
        {{"--sip"}, "mobcheck: --sip needs a value: DOMAIN"},
        {{"merge", kEvidence + "good.json"}, "mobcheck: merge needs FILE FILE... (the evidence files"},
        {{"cert"}, "mobcheck: cert needs FILE ("},
    };
    for (const Row& row : rows) {
        CAPTURE(row.args.front());
        auto r = mobcheck(row.args);
        CHECK(r.exit_code == 2);
        CHECK(r.err.rfind(row.expected, 0) == 0);
        CHECK(one_line(r.err));
        // None of CLI11's own wording.
        for (const char* library : {"Could not convert", "not expected", "required", " not in {"}) {
            CAPTURE(library);
            CHECK(r.err.find(library) == std::string::npos);
        }
    }
    // A report where a saved run belongs is named as one.
    const std::string dir = temp_dir();
    auto report = mobcheck({"--replay", kEvidence + "good.json", "--format", "json", "-o", dir + "/report.json"});
    REQUIRE(report.exit_code == 0);
    auto replay = mobcheck({"--replay", dir + "/report.json"});
    CHECK(replay.exit_code == 2);
    CHECK(replay.err.find("this is a mobcheck report (--format json), not a saved run") != std::string::npos);
    std::filesystem::remove_all(dir);
}

// The README's sample output is what mobcheck prints for that deployment (the recorded run of it),
// but for the resolvers' addresses and the duration: a change of the text report that the README
// does not follow fails here.
TEST_CASE("cli: the README's first-run sample is what a run of that deployment prints") {
    std::ifstream readme(kTestdata + "/../README.md");
    REQUIRE(readme.good());
    const std::string text{std::istreambuf_iterator<char>(readme), std::istreambuf_iterator<char>()};
    const auto start = text.find("$ mobcheck --sip contoso.com --sip fabrikam.com --internal-dns 10.0.0.10");
    REQUIRE(start != std::string::npos);
    const auto end = text.find("```", start);
    REQUIRE(end != std::string::npos);
    std::string sample = text.substr(start, end - start);
    sample = sample.substr(sample.find("\nmobcheck "));  // after the command and its continuation line

    auto r = replay_with({"--replay", kEvidence + "missing-internal-fabrikam.json"}, {{"COLUMNS", "100"}, {"LC_ALL", "C.UTF-8"}});
    CHECK(r.exit_code == 1);
    std::string printed;
    for (const auto& line : lines_of(r.out)) {
        if (line.rfind("replay of ", 0) == 0 || line.rfind("    by mobcheck", 0) == 0 || line.find("(nothing was probed now)") != std::string::npos) continue;
        printed += line + "\n";
    }
    auto words = [](std::string s) {
        for (const auto& [from, to] : {std::pair<std::string, std::string>{"127.0.0.53:53", "10.0.0.10:53"},
                                       {"127.0.0.54:53", "1.1.1.1:53"}}) {
            for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
        }
        s = std::regex_replace(s, std::regex(R"([0-9]+\.[0-9] ms)"), "N ms");
        std::istringstream in(s);
        std::string out;
        for (std::string w; in >> w;) out += w + " ";
        return out;
    };
    CHECK(words(sample) == words(printed));
}

TEST_CASE("cli: a file that is not JSON is named with the line and column in mobcheck's words") {
    const std::string dir = temp_dir();
    const std::string file = dir + "/broken.json";
    std::ofstream(file) << "{\n  \"plan\": }\n";
    for (const std::vector<std::string>& args : {std::vector<std::string>{"--replay", file},
                                                 std::vector<std::string>{"diff", file, file},
                                                 std::vector<std::string>{"--config", file, "--sip", "contoso.com"}}) {
        CAPTURE(args.front());
        auto r = mobcheck(args);
        CHECK(r.exit_code == 2);
        CHECK(one_line(r.err));
        CHECK(r.err.find("not valid JSON: line 2, column 11: unexpected '}'") != std::string::npos);
        CHECK(r.err.find("json.exception") == std::string::npos);
        CHECK(r.err.find("syntax error while parsing") == std::string::npos);
    }
    std::filesystem::remove_all(dir);
}
