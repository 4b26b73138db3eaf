// The lab scenarios' expect files (testdata/lab/scenarios/<name>/expect) without the lab: each one
// reads, and each scenario's recorded evidence fixture (testdata/evidence/<name>.json), judged by the
// checks as mobcheck --replay judges it, is held to the same table the lab test holds a live run to.
// A fixture recorded with other arguments, or one that differs for a reason, says so in the expect
// file (fixture: lines, or fixture: not comparable: REASON).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "expect.hpp"
#include "fixtures.hpp"
#include "checks/registry.hpp"

namespace fs = std::filesystem;
namespace expect = testsupport::expect;

namespace {

const fs::path kTestdata = MOBCHECK_TESTDATA;

// The option's values in args, in order ("--sip" → every SIP domain).
std::vector<std::string> values(const std::vector<std::string>& args, const std::string& option) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == option) out.push_back(args[i + 1]);
    }
    return out;
}

std::optional<std::string> value(const std::vector<std::string>& args, const std::string& option) {
    const auto all = values(args, option);
    if (all.empty()) return std::nullopt;
    return all.back();
}

// The fixture was recorded with the arguments the expect file runs mobcheck with.
void check_recorded_with(const mobcheck::Plan& plan, const std::vector<std::string>& args) {
    INFO("the fixture was recorded with other arguments than the expect file's: record it again "
         "(testdata/evidence/record) or say fixture: not comparable: REASON");
    CHECK(plan.sip_domains == values(args, "--sip"));
    CHECK(plan.sbas == values(args, "--sba"));
    CHECK(plan.internal_web == value(args, "--internal-web"));
    CHECK(plan.external_web == value(args, "--external-web"));
    CHECK(std::string(mobcheck::to_string(plan.vantage)) == value(args, "--vantage").value_or("internal"));
    CHECK(plan.timeout.count() == static_cast<long>(std::stod(value(args, "--timeout").value_or("3")) * 1000));
    CHECK(plan.user == value(args, "--user"));
    CHECK(plan.expiry_warn_days == std::stoi(value(args, "--expiry-warn-days").value_or("30")));
    CHECK(plan.ca_file.has_value() == value(args, "--ca-file").has_value());
}

std::vector<expect::Observed> observed(const std::vector<mobcheck::Result>& results) {
    std::vector<expect::Observed> out;
    for (const auto& r : results) {
        out.push_back({r.check, r.subject, mobcheck::to_string(r.status), r.message, r.reason,
                       r.blocked_by ? r.blocked_by->check + " " + r.blocked_by->subject : ""});
    }
    return out;
}

}  // namespace

TEST_CASE("scenarios: every lab scenario is its folder with a README and an expect file that reads") {
    const auto scenarios = expect::scenarios();
    REQUIRE(!scenarios.empty());
    CHECK(std::find(scenarios.begin(), scenarios.end(), "good") != scenarios.end());
    for (const auto& scenario : scenarios) {
        CAPTURE(scenario);
        const fs::path dir = kTestdata / "lab/scenarios" / scenario;
        CHECK(fs::is_regular_file(dir / "README"));
        CHECK_MESSAGE(fs::is_regular_file(dir / "expect"), "a scenario is its folder plus its expect file");
        CHECK_NOTHROW(expect::load(scenario));
    }
}

TEST_CASE("scenarios: the expect file format") {
    const auto e = expect::parse(
        "# a comment\n"
        "args: --vantage external --report \"junit=a b.xml\"\n"
        "args: --fail-on warn\n"
        "env: MOBCHECK_PASSWORD=x\n"
        "tls.chain  lyncdiscover.contoso.com:443  fail\n"
        "  says: unable to get local issuer\n"
        "  says: two texts\n"
        "ports.sba-ucwa-external  \"branch appliances\"  pass|skip  no-sba\n"
        "http.user-challenge  lyncdiscover.contoso.com  skip  blocked\n"
        "  by: tls.chain  webext.contoso.com:443\n"
        "fixture: http.lyncdiscover  contoso.com  info\n"
        "  says: port 80\n",
        "demo", "demo/expect");
    CHECK(e.args == std::vector<std::string>{"--vantage", "external", "--report", "junit=a b.xml", "--fail-on", "warn"});
    CHECK(e.gate() == "warn");
    CHECK(e.env.at("MOBCHECK_PASSWORD") == "x");
    CHECK(e.unlisted == "pass");
    REQUIRE(e.lines.size() == 3);
    CHECK(e.lines[2].blocked_by == "tls.chain webext.contoso.com:443");
    CHECK(e.lines[1].blocked_by.empty());
    CHECK(e.lines[0].says == std::vector<std::string>{"unable to get local issuer", "two texts"});
    CHECK(e.lines[0].line_number == 5);
    CHECK(e.lines[1].subject == "branch appliances");
    CHECK(e.lines[1].statuses == std::vector<std::string>{"pass", "skip"});
    CHECK(e.lines[1].reason == "no-sba");
    REQUIRE(e.fixture_lines.size() == 1);
    CHECK(e.fixture_lines[0].says == std::vector<std::string>{"port 80"});
    CHECK(expect::fixture_view(e).size() == 4);
    CHECK(expect::with_extra({"--timeout", "1", "--sba", "a"}, {"--timeout", "3", "--sba", "b"}) ==
          std::vector<std::string>{"--timeout", "3", "--sba", "a", "--sba", "b"});

    CHECK_THROWS_WITH_AS(expect::parse("says: x\n", "demo", "demo/expect"), doctest::Contains("demo/expect:1: says: must follow"),
                         expect::FormatError);
    CHECK_THROWS_WITH_AS(expect::parse("dns.lyncdiscover contoso.com broken\n", "demo", "demo/expect"),
                         doctest::Contains("is not a status"), expect::FormatError);
    CHECK_THROWS_WITH_AS(expect::parse("dns.lyncdiscover contoso.com\n", "demo", "demo/expect"),
                         doctest::Contains("expected CHECK SUBJECT STATUS"), expect::FormatError);
    CHECK_THROWS_WITH_AS(expect::parse("a.b c pass\na.b c fail\n", "demo", "demo/expect"),
                         doctest::Contains("demo/expect:2: a.b c is listed already at line 1"), expect::FormatError);
    CHECK_THROWS_AS(expect::parse("fixture: not comparable:\n", "demo", "demo/expect"), expect::FormatError);
    CHECK_THROWS_WITH_AS(expect::parse("a.b c skip\n  by: tls.chain\n", "demo", "demo/expect"),
                         doctest::Contains("by: takes CHECK SUBJECT"), expect::FormatError);
    CHECK_THROWS_WITH_AS(expect::parse("by: a.b c\n", "demo", "demo/expect"), doctest::Contains("by: must follow"),
                         expect::FormatError);
    CHECK_THROWS_AS(expect::parse("unlisted: maybe\n", "demo", "demo/expect"), expect::FormatError);
}

TEST_CASE("scenarios: each recorded fixture judges as its scenario's expect file says") {
    const auto standard = expect::standard_args("lab-root-ca.pem");
    std::size_t compared = 0, not_comparable = 0;
    for (const auto& scenario : expect::scenarios()) {
        CAPTURE(scenario);
        const expect::Expectation e = expect::load(scenario);
        if (!fs::exists(kTestdata / "evidence" / (scenario + ".json"))) {
            CHECK_MESSAGE(e.fixture_comparable, "fixture: not comparable, but there is no fixture");
            CHECK_MESSAGE(e.fixture_lines.empty(), "fixture: lines, but there is no fixture");
            continue;
        }
        if (!e.fixture_comparable) {
            MESSAGE("testdata/evidence/" << scenario << ".json is not compared: " << e.fixture_not_comparable_because);
            ++not_comparable;
            continue;
        }
        const mobcheck::Evidence evidence = fixtures::load(scenario);
        check_recorded_with(evidence.plan, expect::with_extra(standard, e.args));
        const auto results = mobcheck::judge(evidence, mobcheck::builtin_registry(), {});
        expect::check_results(expect::fixture_view(e), e.unlisted, evidence.plan.user.has_value(), observed(results));
        ++compared;
    }
    // Every fixture named after a scenario was compared or said not to be comparable.
    std::size_t fixtures_of_scenarios = 0;
    for (const auto& scenario : expect::scenarios()) {
        fixtures_of_scenarios += fs::exists(kTestdata / "evidence" / (scenario + ".json")) ? 1 : 0;
    }
    CHECK(compared + not_comparable == fixtures_of_scenarios);
    CHECK(compared >= 1);
}
