// ports.*: judged from evidence recorded in the lab's port scenarios.
#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace mobcheck;
using fixtures::judge_one;
using fixtures::only;

namespace {
bool mentions(const Result& r, const std::string& text) { return r.message.find(text) != std::string::npos; }
}  // namespace

TEST_CASE("ports.apns") {
    const char* id = "ports.apns";
    const std::string subject = "courier.push.apple.com:5223";
    SUBCASE("open from the corporate network") {
        const Result r = only(judge_one("good", id), subject);
        CHECK(r.status == Status::Pass);
        CHECK(mentions(r, "127.30.0.1:5223 open"));
        CHECK(r.evidence.at("probes").size() == 1);
    }
    SUBCASE("dropped by the corporate firewall: warn naming the state") {
        const Result r = only(judge_one("apns-blocked", id), subject);
        CHECK(r.status == Status::Warn);
        CHECK(mentions(r, "filtered"));
        CHECK(r.remediation.find("5223") != std::string::npos);
    }
    SUBCASE("from outside the rule does not apply") {
        CHECK(only(judge_one("vantage-external", id), subject).status == Status::Skip);
    }
}

TEST_CASE("ports.sba-ucwa-external (5088)") {
    const char* id = "ports.sba-ucwa-external";
    SUBCASE("open on both appliances") {
        auto results = judge_one("good", id);
        CHECK(only(results, "sba-oslo.contoso.net:5088").status == Status::Pass);
        CHECK(only(results, "sba-lima.contoso.net:5088").status == Status::Pass);
    }
    SUBCASE("filtered on one appliance fails that one with a firewall remediation") {
        auto results = judge_one("sba-port-filtered", id);
        const Result lima = only(results, "sba-lima.contoso.net:5088");
        CHECK(lima.status == Status::Fail);
        CHECK(mentions(lima, "filtered"));
        CHECK(lima.remediation.find("firewall") != std::string::npos);
        CHECK(only(results, "sba-oslo.contoso.net:5088").status == Status::Pass);
    }
    SUBCASE("unreachable") {
        const Result r = only(judge_one("sba-unreachable", id), "sba-lima.contoso.net:5088");
        CHECK(r.status == Status::Fail);
        CHECK(mentions(r, "unreachable"));
    }
    SUBCASE("a name that does not resolve") {
        const Result r = only(judge_one("sba-unresolved", id), "sba-nowhere.contoso.net:5088");
        CHECK(r.status == Status::Fail);
        CHECK(mentions(r, "NXDOMAIN"));
        CHECK(r.remediation.find("DNS") != std::string::npos);
    }
    SUBCASE("no --sba: one skip") {
        auto results = judge_one("no-sba", id);
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == Status::Skip);
    }
    SUBCASE("from outside: not reachable is as it should be") {
        CHECK(only(judge_one("vantage-external", id), "sba-oslo.contoso.net:5088").status == Status::Skip);
    }
    SUBCASE("from outside: reachable is a finding") {
        const Result r = only(judge_one("sba-exposed", id), "sba-oslo.contoso.net:5088");
        CHECK(r.status == Status::Warn);
        CHECK(mentions(r, "reachable from outside"));
    }
}

TEST_CASE("ports.sba-ucwa-primary (5089)") {
    const char* id = "ports.sba-ucwa-primary";
    auto closed = judge_one("sba-port-closed", id);
    const Result lima = only(closed, "sba-lima.contoso.net:5089");
    CHECK(lima.status == Status::Fail);
    CHECK(mentions(lima, "closed"));
    CHECK(lima.remediation.find("listens") != std::string::npos);
    CHECK(only(closed, "sba-oslo.contoso.net:5089").status == Status::Pass);
    CHECK(only(judge_one("sba-unreachable", id), "sba-lima.contoso.net:5089").status == Status::Fail);
    CHECK(only(judge_one("good", id), "sba-lima.contoso.net:5089").status == Status::Pass);
}
