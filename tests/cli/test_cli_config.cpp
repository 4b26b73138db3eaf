// The real binary, without any network: the topology file, waivers, merge, the man page and the completion.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "process.hpp"

using testsupport::run;

namespace {

const std::string kBinary = MOBCHECK_BINARY;
const std::string kEvidence = std::string(MOBCHECK_TESTDATA) + "/evidence/";
const std::string kConfig = std::string(MOBCHECK_TESTDATA) + "/config/contoso.json";

testsupport::Outcome mobcheck(std::vector<std::string> args) {
    return testsupport::run_without_network(kBinary, std::move(args));
}

bool one_line(const std::string& text) { return !text.empty() && text.find('\n') == text.size() - 1; }

// The text report as one line: its wrapping must not decide whether a phrase is found.
std::string unwrapped(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n' || c == ' ') {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

// A topology file in a fresh directory; removed with the object.
struct TempConfig {
    std::filesystem::path dir;
    std::string path;
    explicit TempConfig(const std::string& text) {
        char tmpl[] = "/tmp/mobcheck-config-XXXXXX";
        REQUIRE(::mkdtemp(tmpl) != nullptr);
        dir = tmpl;
        path = (dir / "mobility.json").string();
        std::ofstream(path) << text;
    }
    ~TempConfig() { std::filesystem::remove_all(dir); }
};

nlohmann::json result(const nlohmann::json& report, const std::string& check, const std::string& subject) {
    for (const auto& r : report.at("results")) {
        if (r.at("check") == check && r.at("subject") == subject) return r;
    }
    FAIL("no result " << check << " " << subject);
    return {};
}

}  // namespace

TEST_CASE("cli config: a bad topology file is exit 2 with one line naming the key's path before any probe") {
    TempConfig bad(R"({"sip_domains": ["contoso.com"], "waivers": [{"check": "dns.lyncdiscover", "subject": "x"}]})");
    auto r = mobcheck({"--config", bad.path});
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK(r.err.find(bad.path + ": /waivers/0/reason: missing") != std::string::npos);
    CHECK(r.out.empty());
    auto missing = mobcheck({"--config", "/nonexistent/mobility.json"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("--config: cannot read /nonexistent/mobility.json") != std::string::npos);
    // The file's keys are checked as strictly as flags: no SIP domain anywhere is a usage error.
    TempConfig empty("{}");
    auto none = mobcheck({"--config", empty.path});
    CHECK(none.exit_code == 2);
    CHECK(none.err.find("sip_domains in --config") != std::string::npos);
}

TEST_CASE("cli config: a waiver keeps a known problem out of the gate and --no-waivers and expiry bring it back") {
    const std::string fixture = kEvidence + "sba-port-filtered.json";  // ports.sba-ucwa-external fails for sba-lima
    CHECK(mobcheck({"--replay", fixture}).exit_code == 1);
    TempConfig waived(R"({"waivers": [{"check": "ports.sba-ucwa-external", "subject": "sba-lima.contoso.net:5088",
                                        "reason": "CHG-7: firewall change pending", "expires": "2099-12-31"}]})");
    auto r = mobcheck({"--replay", fixture, "--config", waived.path, "--format", "json"});
    CHECK(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("summary").at("fail") == 0);
    CHECK(j.at("summary").at("waived") == 1);
    const auto w = result(j, "ports.sba-ucwa-external", "sba-lima.contoso.net:5088");
    CHECK(w.at("status") == "fail");
    CHECK(w.at("waived") == true);
    CHECK(w.at("waiver").at("reason") == "CHG-7: firewall change pending");
    CHECK(j.at("waivers").at(0).at("state") == "applied");
    CHECK(j.at("gate").at("exit_code") == 0);

    auto text = mobcheck({"--replay", fixture, "--config", waived.path});
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("(waived)") != std::string::npos);
    CHECK(unwrapped(text.out).find("waived until 2099-12-31: CHG-7: firewall change pending") != std::string::npos);

    CHECK(mobcheck({"--replay", fixture, "--config", waived.path, "--no-waivers"}).exit_code == 1);

    TempConfig expired(R"({"waivers": [{"check": "ports.sba-ucwa-external", "subject": "sba-lima.contoso.net:5088",
                                         "reason": "CHG-7", "expires": "2020-01-31"}]})");
    auto e = mobcheck({"--replay", fixture, "--config", expired.path});
    CHECK(e.exit_code == 1);
    CHECK(unwrapped(e.out).find("a waiver expired on 2020-01-31 and no longer applies: CHG-7") != std::string::npos);
    CHECK(unwrapped(e.out).find("(until 2020-01-31): CHG-7 — expired, no longer applies") != std::string::npos);
}

TEST_CASE("cli config: severity overrides and the gate of the file and a flag given overrides its key") {
    const std::string fixture = kEvidence + "no-federation-srv.json";  // dns.federation-srv warns
    TempConfig strict(R"({"fail_on": "warn"})");
    CHECK(mobcheck({"--replay", fixture}).exit_code == 0);
    CHECK(mobcheck({"--replay", fixture, "--config", strict.path}).exit_code == 1);
    CHECK(mobcheck({"--replay", fixture, "--config", strict.path, "--fail-on", "fail"}).exit_code == 0);

    TempConfig raised(R"({"severity": {"dns.federation-srv": "fail"}})");
    auto r = mobcheck({"--replay", fixture, "--config", raised.path, "--format", "json"});
    CHECK(r.exit_code == 1);
    const auto f = result(nlohmann::json::parse(r.out), "dns.federation-srv", "fabrikam.com");
    CHECK(f.at("status") == "fail");
    CHECK(f.at("status_before_override") == "warn");

    TempConfig selected(R"({"only": ["ports"]})");
    auto only = mobcheck({"--replay", fixture, "--config", selected.path, "--format", "json"});
    CHECK(only.exit_code == 0);
    CHECK(result(nlohmann::json::parse(only.out), "dns.federation-srv", "*").at("status") == "skip");
    auto flag = mobcheck({"--replay", fixture, "--config", selected.path, "--only", "dns", "--format", "json"});
    CHECK(result(nlohmann::json::parse(flag.out), "ports.apns", "*").at("status") == "skip");
}

TEST_CASE("cli config: plan and cert read the deployment's names from the file") {
    auto plan = mobcheck({"plan", "--config", kConfig, "--format", "json"});
    CHECK(plan.exit_code == 0);
    CHECK(plan.out.find("lyncdiscover.fabrikam.com") != std::string::npos);
    CHECK(plan.out.find("dir01.contoso.net") != std::string::npos);  // the Director of the file
    auto only_contoso = mobcheck({"plan", "--config", kConfig, "--sip", "contoso.com"});
    CHECK(only_contoso.exit_code == 0);
    CHECK(only_contoso.out.find("fabrikam.com") == std::string::npos);
    CHECK(mobcheck({"plan"}).exit_code == 2);
    // The reverse proxy request of the repository lacks fabrikam.com, which the file lists.
    auto cert = mobcheck({"cert", std::string(MOBCHECK_TESTDATA) + "/certs/proxy-missing-fabrikam.csr", "--role",
                          "reverse-proxy", "--config", kConfig});
    CHECK(cert.exit_code == 1);
    CHECK(cert.out.find("lyncdiscover.fabrikam.com") != std::string::npos);
}

TEST_CASE("cli merge: runs from inside and outside judged as one") {
    auto r = mobcheck({"merge", kEvidence + "good.json", kEvidence + "sba-exposed.json", "--format", "json"});
    CHECK(r.exit_code == 0);  // the exposed SBA is a warning
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("run").at("vantage") == "internal + external");
    CHECK(j.at("run").at("merged_from").size() == 2);
    const auto exposed = result(j, "ports.sba-ucwa-external", "sba-oslo.contoso.net:5088");
    CHECK(exposed.at("status") == "warn");
    CHECK(exposed.at("vantages").at(0).at("vantage") == "external");
    CHECK(exposed.at("vantages").at(1).at("status") == "pass");
    // Report flags after the files belong to the run; the gate applies to the merged verdicts.
    CHECK(mobcheck({"merge", kEvidence + "good.json", kEvidence + "sba-exposed.json", "--fail-on", "warn"}).exit_code == 1);
    TempConfig waive(R"({"waivers": [{"check": "ports.sba-ucwa-external", "subject": "*", "reason": "r"},
                                      {"check": "ports.sba-ucwa-primary", "subject": "*", "reason": "r"}]})");
    CHECK(mobcheck({"merge", kEvidence + "good.json", kEvidence + "sba-exposed.json", "--fail-on", "warn", "--config",
                    waive.path})
              .exit_code == 0);
    // Usage errors: one file, a flag of a network run, a file that is not evidence.
    CHECK(mobcheck({"merge", kEvidence + "good.json"}).exit_code == 2);
    auto run_flag = mobcheck({"merge", kEvidence + "good.json", kEvidence + "sba-exposed.json", "--sip", "contoso.com"});
    CHECK(run_flag.exit_code == 2);
    CHECK(run_flag.err.find("--sip cannot be combined") != std::string::npos);
    auto not_evidence = mobcheck({"merge", kEvidence + "good.json", kConfig});
    CHECK(not_evidence.exit_code == 2);
    CHECK(not_evidence.err.find("merge: " + kConfig) != std::string::npos);
}

TEST_CASE("cli: the man page is valid roff and documents every flag --help shows") {
    auto man = mobcheck({"--man-page"});
    CHECK(man.exit_code == 0);
    char tmpl[] = "/tmp/mobcheck-man-XXXXXX";
    const int fd = ::mkstemp(tmpl);
    REQUIRE(fd >= 0);
    ::close(fd);
    std::ofstream(tmpl) << man.out;
    auto lint = run({"/usr/bin/mandoc", "-T", "lint", "-W", "warning", tmpl});
    INFO(lint.out << lint.err);
    CHECK(lint.exit_code == 0);
    // A control: mandoc does complain about a broken page.
    std::ofstream(tmpl) << ".TH X\n.SH\n.TP\n";
    CHECK(run({"/usr/bin/mandoc", "-T", "lint", "-W", "warning", tmpl}).exit_code != 0);
    std::remove(tmpl);

    // Each block once: the notes and exit codes that subcommands inherit are not repeated under them.
    auto occurrences = [&](const std::string& what) {
        std::size_t n = 0;
        for (auto at = man.out.find(what); at != std::string::npos; at = man.out.find(what, at + 1)) ++n;
        return n;
    };
    CHECK(occurrences(".SH \"EXIT STATUS\"") == 1);
    CHECK(occurrences("Colour is used on a") == 1);
    // Every default --help shows, the page says.
    for (const char* value_default : {"(default: 3)", "(default: 2)", "(default: 30)", "(default: internal)",
                                      "(default: text)", "(default: fail)", "(default: auto)", "(default: 256)"}) {
        CAPTURE(value_default);
        CHECK(occurrences(value_default) >= 1);
    }

    for (const char* command : {"", "plan", "cert", "merge"}) {
        std::vector<std::string> args;
        if (*command != '\0') args.push_back(command);
        args.push_back("--help");
        const auto help = mobcheck(args).out;
        std::istringstream lines(help);
        std::string line;
        while (std::getline(lines, line)) {
            const auto start = line.find("--");
            if (start == std::string::npos || line.compare(0, 2, "  ") != 0 || start > 8) continue;
            const std::string flag = line.substr(start, line.find_first_of(" ,", start) - start);
            CAPTURE(flag);
            std::string escaped;
            for (char c : flag) escaped += c == '-' ? std::string("\\-") : std::string(1, c);
            CHECK(man.out.find(escaped) != std::string::npos);
        }
    }
}

TEST_CASE("cli: the bash completion completes flags and their values and check IDs") {
    auto script = mobcheck({"completion", "bash"});
    REQUIRE(script.exit_code == 0);
    char tmpl[] = "/tmp/mobcheck-completion-XXXXXX";
    const int fd = ::mkstemp(tmpl);
    REQUIRE(fd >= 0);
    ::close(fd);
    std::ofstream(tmpl) << script.out;
    // Completes the words as bash would, and prints what it offers.
    auto complete = [&](const std::string& words) {
        const std::string program = std::string("source ") + tmpl + "; COMP_WORDS=(" + words +
                                    "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _mobcheck 2>/dev/null; "
                                    "printf '%s\\n' \"${COMPREPLY[@]}\"";
        return run({"/bin/bash", "--norc", "-c", program}).out;
    };
    CHECK(complete("mobcheck --for").find("--format") != std::string::npos);
    CHECK(complete("mobcheck --format ''") == "text\njson\njunit\nmarkdown\nnagios\nprometheus\nhtml\n");
    CHECK(complete("mobcheck --vantage e") == "external\n");
    CHECK(complete("mobcheck --only dns.lync").find("dns.lyncdiscoverinternal") != std::string::npos);
    CHECK(complete("mobcheck --skip tls,dns.cname").find("tls,dns.cname-domain") != std::string::npos);
    CHECK(complete("mobcheck pl") == "plan\n");
    CHECK(complete("mobcheck plan --req") == "--req-config\n");
    CHECK(complete("mobcheck plan --req-config rev") == "reverse-proxy\n");
    CHECK(complete("mobcheck cert x.pem --role d") == "director\n");
    CHECK(complete("mobcheck merge a.json b.json --fail") == "--fail-on\n");
    CHECK(complete("mobcheck --sip ''") == "\n");  // a domain: nothing to offer
    std::remove(tmpl);
}

TEST_CASE("cli: --user signs in through one of the SIP domains checked from a flag or the file") {
    auto r = mobcheck({"--sip", "contoso.com", "--user", "alice@fabrikam.com"});
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK(r.err.find("fabrikam.com is not among the SIP domains checked") != std::string::npos);
    TempConfig file(R"({"sip_domains": ["contoso.com"], "user": "alice@fabrikam.com"})");
    CHECK(mobcheck({"--config", file.path}).exit_code == 2);
}
