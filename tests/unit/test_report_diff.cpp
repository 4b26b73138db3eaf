#include <doctest/doctest.h>

#include <algorithm>

#include "fixtures.hpp"
#include "checks/registry.hpp"
#include "report/report.hpp"
#include "report/report_diff.hpp"

using namespace mobcheck;
using nlohmann::json;

namespace {
json report_of(const std::string& fixture) {
    const Evidence e = fixtures::load(fixture);
    const auto results = judge(e, builtin_registry(), {});
    return json_report({report_header(e), results, builtin_registry()});
}
}  // namespace

TEST_CASE("diff: a regression is worse and its repair is better") {
    const json good = report_of("good");
    const json broken = report_of("missing-internal-fabrikam");
    const ReportDiff down = diff_reports(good, broken);
    REQUIRE(down.worse.size() == 1);
    CHECK(down.worse[0].check == "dns.lyncdiscoverinternal");
    CHECK(down.worse[0].subject == "fabrikam.com");
    CHECK(down.worse[0].before == "pass");
    CHECK(down.worse[0].after == "fail");
    CHECK(down.better.empty());
    CHECK(down.unchanged > 10);

    const ReportDiff up = diff_reports(broken, good);
    CHECK(up.worse.empty());
    REQUIRE(up.better.size() == 1);
    CHECK(up.better[0].after == "pass");
    CHECK(diff_reports(good, good).worse.empty());
}

TEST_CASE("diff: new and vanished results") {
    json older = report_of("good");
    json newer = older;
    newer["results"].push_back({{"check", "dns.lyncdiscover"}, {"subject", "new.example"}, {"status", "fail"}});
    newer["results"].push_back({{"check", "dns.lyncdiscover"}, {"subject", "other.example"}, {"status", "pass"}});
    older["results"].push_back({{"check", "dns.lyncdiscover"}, {"subject", "gone.example"}, {"status", "warn"}});
    const ReportDiff d = diff_reports(older, newer);
    REQUIRE(d.worse.size() == 1);
    CHECK(d.worse[0].subject == "new.example");
    CHECK(d.worse[0].before.empty());
    REQUIRE(d.better.size() == 1);
    CHECK(d.better[0].subject == "gone.example");
    CHECK(d.better[0].after.empty());
}

TEST_CASE("diff: an error (undecided) where there was a pass is worse") {
    const ReportDiff d = diff_reports(report_of("good"), report_of("external-dns-drops"));
    CHECK_FALSE(d.worse.empty());
    for (const auto& c : d.worse) CHECK(attention(c.after) > attention(c.before.empty() ? "pass" : c.before));
}

TEST_CASE("diff: what is not a report is refused with a reason") {
    const json good = report_of("good");
    CHECK_THROWS_WITH_AS(diff_reports(json::array(), good), doctest::Contains("old report is not a mobcheck JSON report"),
                         std::invalid_argument);
    json bad = good;
    bad["results"][0]["status"] = "great";
    CHECK_THROWS_WITH_AS(diff_reports(good, bad), doctest::Contains("unknown status"), std::invalid_argument);
    json evidence = {{"schema_version", 1}, {"kind", "mobcheck-evidence"}};
    CHECK_THROWS_AS(diff_reports(evidence, good), std::invalid_argument);
    // A report of version 1 (before reason and blocked_by) is still read; a later version than this
    // mobcheck knows is refused, naming the versions it reads.
    json older = good;
    older["schema_version"] = 1;
    CHECK_NOTHROW(diff_reports(older, good));
    json newer = good;
    newer["schema_version"] = kReportSchemaVersion + 1;
    CHECK_THROWS_WITH_AS(diff_reports(good, newer), doctest::Contains("schema_version 1 to 3"), std::invalid_argument);
}

TEST_CASE("diff: the same status for another reason is a changed problem and neither worse nor better") {
    const json nxdomain = report_of("missing-external-fabrikam");  // dns.lyncdiscover fabrikam.com: fail nxdomain
    const json servfail = report_of("servfail");                   // dns.lyncdiscover fabrikam.com: fail servfail
    const ReportDiff d = diff_reports(nxdomain, servfail);
    const auto it = std::find_if(d.changed.begin(), d.changed.end(), [](const ResultChange& c) {
        return c.check == "dns.lyncdiscover" && c.subject == "fabrikam.com";
    });
    REQUIRE(it != d.changed.end());
    CHECK(it->before == "fail");
    CHECK(it->after == "fail");
    CHECK(it->reason_before == "nxdomain");
    CHECK(it->reason_after == "servfail");
    for (const auto& c : d.worse) CHECK_FALSE((c.check == "dns.lyncdiscover" && c.subject == "fabrikam.com"));
    // A version 1 report gives no reasons: nothing counts as changed against it.
    json older = nxdomain;
    older["schema_version"] = 1;
    for (auto& r : older["results"]) r.erase("reason");
    CHECK(diff_reports(older, servfail).changed.empty());
    CHECK(diff_reports(servfail, servfail).changed.empty());
}
