// mobcheck against a DNS server that misbehaves on purpose (hostile_dns.cpp), inside the lab's
// namespace: every kind of bad answer ends in a clear result within the deadline, the rest of the
// run goes on, and nothing crashes.
#include <doctest/doctest.h>

#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "process.hpp"

using nlohmann::json;

namespace {

const std::string kBinary = MOBCHECK_BINARY;
const std::string kLabctl = MOBCHECK_LABCTL;
const std::string kHostile = HOSTILE_DNS_BINARY;
constexpr const char* kAddress = "127.0.0.57";

const json& result(const json& report, const std::string& check, const std::string& subject) {
    for (const auto& r : report.at("results")) {
        if (r.at("check") == check && r.at("subject") == subject) return r;
    }
    FAIL("no result for " << check << " " << subject);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("hostile DNS: malformed, truncated, huge, endless and silent answers") {
    const std::vector<std::string> behaviours = {"short-answer", "pointer-loop", "bad-rdata", "tc",   "huge",
                                                 "long-chain",   "wrong-id",     "slow",      "silent"};
    std::vector<std::string> argv = {kLabctl, "run", "good", "--", kHostile, kAddress, "--", kBinary,
                                     "--internal-dns", kAddress, "--external-dns", kAddress, "--timeout", "1",
                                     "--format", "json"};
    for (const auto& b : behaviours) argv.insert(argv.end(), {"--sip", b + ".hostile.test"});
    const auto run = testsupport::run(argv, std::chrono::seconds(60), {{"NO_COLOR", "1"}});
    if (run.exit_code == 77) {
        std::cerr << run.err << "HOSTILE DNS TEST SKIPPED (no root or no network namespaces)\n";
        std::exit(77);
    }
    INFO("stderr: " << run.err);
    CHECK(run.exit_code == 1);  // long-chain fails; nothing crashed (a crash is 128 + signal)
    // 2 attempts × 1 s, all at once, and a slow answer arriving too late changes nothing.
    CHECK(run.elapsed < std::chrono::milliseconds(4500));
    json report;
    REQUIRE_NOTHROW(report = json::parse(run.out));

    auto lyncdiscover = [&](const std::string& behaviour) {
        return result(report, "dns.lyncdiscover", behaviour + ".hostile.test");
    };
    for (const char* malformed : {"short-answer", "pointer-loop", "bad-rdata"}) {
        CAPTURE(malformed);
        const auto& r = lyncdiscover(malformed);
        CHECK(r.at("status") == "error");
        CHECK(r.at("message").get<std::string>().find("malformed response") != std::string::npos);
    }
    // A truncated UDP answer is asked again over TCP.
    CHECK(lyncdiscover("tc").at("status") == "pass");
    CHECK(lyncdiscover("tc").at("evidence").at("dns").at("addresses")[0] == "127.66.0.5");
    const auto& huge = lyncdiscover("huge");
    CHECK(huge.at("status") == "pass");
    CHECK(huge.at("evidence").at("dns").at("addresses").size() == 400);
    // 50 CNAMEs: no client follows that far.
    const auto& chain = lyncdiscover("long-chain");
    CHECK(chain.at("status") == "fail");
    CHECK(chain.at("message").get<std::string>().find("longer than 16") != std::string::npos);
    CHECK(result(report, "dns.chain-health", "long-chain.hostile.test").at("status") == "fail");
    for (const char* silent : {"wrong-id", "slow", "silent"}) {
        CAPTURE(silent);
        const auto& r = lyncdiscover(silent);
        CHECK(r.at("status") == "error");
        CHECK(r.at("message").get<std::string>().find("no answer") != std::string::npos);
    }
    CHECK(report.at("run").at("deadline_reached") == false);
}
