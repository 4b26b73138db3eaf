// Rule tables of the topology file's policy: severity overrides (by check ID and by category, the ID
// winning; only warn and fail change) and waivers (by check, by subject, "*", expiry at the edge of a
// UTC day, expired and unused).
#include <doctest/doctest.h>

#include <cstdlib>

#include "checks/policy.hpp"
#include "environment.hpp"
#include "evidence_builders.hpp"

using namespace mobcheck;
using namespace builders;

namespace {

Result result(std::string check, std::string subject, Status status) {
    return make_result(std::move(check), std::move(subject), status, "test");
}

// A run's results: every status of dns.federation-srv, and a warn and a fail of other checks.
std::vector<Result> results() {
    return {
        result("dns.federation-srv", "pass.example", Status::Pass),
        result("dns.federation-srv", "info.example", Status::Info),
        result("dns.federation-srv", "skip.example", Status::Skip),
        result("dns.federation-srv", "warn.example", Status::Warn),
        result("dns.federation-srv", "error.example", Status::Error),
        result("dns.federation-srv", "fail.example", Status::Fail),
        result("dns.lyncdiscover", "fail.example", Status::Fail),
        result("tls.signature", "warn.example", Status::Warn),
    };
}

const Result& find(const std::vector<Result>& rs, const std::string& check, const std::string& subject) {
    return result_of(rs, check, subject);
}

Waiver waiver(std::string check, std::string subject, std::string expires = "", std::string reason = "accepted") {
    Waiver w{std::move(check), std::move(subject), std::move(reason), std::move(expires), std::nullopt, "test: /waivers/0", ""};
    if (!w.expires.empty()) w.expires_at = waiver_expiry(w.expires);
    return w;
}

const std::time_t kNow = utc("2027-01-15T10:00:00Z");

}  // namespace

// ---- severity overrides --------------------------------------------------------------------------

TEST_CASE("policy rules: a severity override changes only warn and fail - and remembers the check's own") {
    struct OverrideRow {
        std::string name;
        std::vector<SeverityOverride> overrides;
        // (check, subject) → status after, and whether status_before is set
        std::vector<std::tuple<std::string, std::string, Status, bool>> expect;
    };
    const std::vector<OverrideRow> rows = {
        {"by check ID: warn and fail become info; pass, info, skip and error stay",
         {{"dns.federation-srv", Status::Info, "o"}},
         {{"dns.federation-srv", "warn.example", Status::Info, true},
          {"dns.federation-srv", "fail.example", Status::Info, true},
          {"dns.federation-srv", "pass.example", Status::Pass, false},
          {"dns.federation-srv", "info.example", Status::Info, false},
          {"dns.federation-srv", "skip.example", Status::Skip, false},
          {"dns.federation-srv", "error.example", Status::Error, false},
          {"dns.lyncdiscover", "fail.example", Status::Fail, false},
          {"tls.signature", "warn.example", Status::Warn, false}}},
        {"by category",
         {{"dns", Status::Warn, "o"}},
         {{"dns.federation-srv", "fail.example", Status::Warn, true},
          {"dns.federation-srv", "warn.example", Status::Warn, false},  // already warn: unchanged, nothing remembered
          {"dns.lyncdiscover", "fail.example", Status::Warn, true},
          {"tls.signature", "warn.example", Status::Warn, false}}},
        {"by 'category.*'",
         {{"tls.*", Status::Fail, "o"}},
         {{"tls.signature", "warn.example", Status::Fail, true}, {"dns.lyncdiscover", "fail.example", Status::Fail, false}}},
        {"a check ID beats its category (category first)",
         {{"dns", Status::Info, "a"}, {"dns.federation-srv", Status::Fail, "b"}},
         {{"dns.federation-srv", "warn.example", Status::Fail, true},
          {"dns.lyncdiscover", "fail.example", Status::Info, true}}},
        {"a check ID beats its category (ID first)",
         {{"dns.federation-srv", Status::Fail, "b"}, {"dns", Status::Info, "a"}},
         {{"dns.federation-srv", "warn.example", Status::Fail, true},
          {"dns.lyncdiscover", "fail.example", Status::Info, true}}},
        {"of two category overrides the later wins",
         {{"dns", Status::Info, "a"}, {"dns", Status::Warn, "b"}},
         {{"dns.lyncdiscover", "fail.example", Status::Warn, true}}},
        {"of two ID overrides the later wins",
         {{"dns.lyncdiscover", Status::Info, "a"}, {"dns.lyncdiscover", Status::Warn, "b"}},
         {{"dns.lyncdiscover", "fail.example", Status::Warn, true}}},
        {"an override of another check changes nothing here",
         {{"http", Status::Info, "a"}, {"dns.federation", Status::Info, "b"}},
         {{"dns.lyncdiscover", "fail.example", Status::Fail, false},
          {"dns.federation-srv", "warn.example", Status::Warn, false}}},
        {"no overrides", {}, {{"dns.lyncdiscover", "fail.example", Status::Fail, false}}},
    };
    for (const auto& row : rows) {
        INFO(row.name);
        auto rs = results();
        apply_severity_overrides(rs, row.overrides);
        for (const auto& row_expect : row.expect) {
            // Named references: INFO takes them in a lambda, which may not name a structured binding (clang).
            const auto& check = std::get<0>(row_expect);
            const auto& subject = std::get<1>(row_expect);
            const auto& status = std::get<2>(row_expect);
            const auto& remembered = std::get<3>(row_expect);
            INFO(check << " " << subject);
            const Result& r = find(rs, check, subject);
            CHECK(to_string(r.status) == std::string(to_string(status)));
            CHECK(r.status_before.has_value() == remembered);
        }
    }
    auto rs = results();
    apply_severity_overrides(rs, {{"dns", Status::Info, "o"}});
    CHECK(*find(rs, "dns.federation-srv", "fail.example").status_before == Status::Fail);
    CHECK(*find(rs, "dns.federation-srv", "warn.example").status_before == Status::Warn);
}

TEST_CASE("policy rules: an override applies to results judged from evidence") {
    Evidence e = good();
    federation_srv(e, "contoso.com", DnsOutcome::NxDomain);
    auto rs = judge(e, builtin_registry(), {});
    REQUIRE(find(rs, "dns.federation-srv", "contoso.com").status == Status::Warn);
    apply_severity_overrides(rs, {{"dns.federation-srv", Status::Fail, "mobility.json: /severity/dns.federation-srv"}});
    CHECK(find(rs, "dns.federation-srv", "contoso.com").status == Status::Fail);
    CHECK(find(rs, "dns.lyncdiscover", "contoso.com").status == Status::Pass);
}

// ---- waivers -------------------------------------------------------------------------------------

TEST_CASE("policy rules: which results a waiver names") {
    struct WaiverRow {
        std::string name;
        std::vector<Waiver> waivers;
        std::vector<WaiverState> states;
        std::vector<std::size_t> matched;
        std::vector<std::pair<std::string, std::string>> waived;  // every other result is not waived
    };
    const std::vector<WaiverRow> rows = {
        {"by check and subject", {waiver("dns.lyncdiscover", "fail.example")}, {WaiverState::Applied}, {1},
         {{"dns.lyncdiscover", "fail.example"}}},
        {"'*' names every problem of that check, and no other check's",
         {waiver("dns.federation-srv", "*")}, {WaiverState::Applied}, {3},
         {{"dns.federation-srv", "warn.example"}, {"dns.federation-srv", "error.example"}, {"dns.federation-srv", "fail.example"}}},
        {"the subject of another check's result is not named",
         {waiver("tls.signature", "fail.example")}, {WaiverState::Unused}, {0}, {}},
        {"a waiver of a check with no problem is unused", {waiver("http.hairpin", "*")}, {WaiverState::Unused}, {0}, {}},
        {"a pass, an info or a skip needs no waiver",
         {waiver("dns.federation-srv", "pass.example"), waiver("dns.federation-srv", "info.example"),
          waiver("dns.federation-srv", "skip.example")},
         {WaiverState::Unused, WaiverState::Unused, WaiverState::Unused}, {0, 0, 0}, {}},
        {"an error can be waived", {waiver("dns.federation-srv", "error.example")}, {WaiverState::Applied}, {1},
         {{"dns.federation-srv", "error.example"}}},
        {"a subject that is gone", {waiver("dns.lyncdiscover", "gone.example")}, {WaiverState::Unused}, {0}, {}},
        {"the subject is matched exactly", {waiver("dns.lyncdiscover", "FAIL.example"), waiver("dns.lyncdiscover", "fail")},
         {WaiverState::Unused, WaiverState::Unused}, {0, 0}, {}},
        {"a category is not a check", {waiver("dns", "*")}, {WaiverState::Unused}, {0}, {}},
        {"two waivers of one result: both count it",
         {waiver("dns.lyncdiscover", "*"), waiver("dns.lyncdiscover", "fail.example")},
         {WaiverState::Applied, WaiverState::Applied}, {1, 1}, {{"dns.lyncdiscover", "fail.example"}}},
        {"an expired waiver names what it names, and waives nothing",
         {waiver("dns.lyncdiscover", "fail.example", "2027-01-14")}, {WaiverState::Expired}, {1}, {}},
        {"an expired waiver that names nothing stays expired",
         {waiver("http.hairpin", "*", "2027-01-14")}, {WaiverState::Expired}, {0}, {}},
        {"an expired and an applying waiver of one result: the applying one holds",
         {waiver("dns.lyncdiscover", "fail.example", "2027-01-14"), waiver("dns.lyncdiscover", "*", "2027-12-31")},
         {WaiverState::Expired, WaiverState::Applied}, {1, 1}, {{"dns.lyncdiscover", "fail.example"}}},
        {"... in either order",
         {waiver("dns.lyncdiscover", "*", "2027-12-31"), waiver("dns.lyncdiscover", "fail.example", "2027-01-14")},
         {WaiverState::Applied, WaiverState::Expired}, {1, 1}, {{"dns.lyncdiscover", "fail.example"}}},
        {"two expired waivers of one result: both count it, neither holds",
         {waiver("dns.lyncdiscover", "fail.example", "2027-01-14"), waiver("dns.lyncdiscover", "*", "2027-01-01")},
         {WaiverState::Expired, WaiverState::Expired}, {1, 1}, {}},
        {"no waivers", {}, {}, {}, {}},
    };
    for (const auto& row : rows) {
        INFO(row.name);
        auto rs = results();
        const auto outcomes = apply_waivers(rs, row.waivers, kNow);
        REQUIRE(outcomes.size() == row.waivers.size());
        for (std::size_t i = 0; i < outcomes.size(); ++i) {
            INFO("waiver " << i);
            CHECK(to_string(outcomes[i].state) == std::string(to_string(row.states[i])));
            CHECK(outcomes[i].matched == row.matched[i]);
            CHECK(outcomes[i].waiver.check == row.waivers[i].check);
        }
        for (const auto& r : rs) {
            INFO(r.check << " " << r.subject);
            const bool should = std::find(row.waived.begin(), row.waived.end(), std::pair{r.check, r.subject}) != row.waived.end();
            CHECK(r.waived() == should);
            // The truth stays: a waiver never changes a status.
            CHECK(r.status == find(results(), r.check, r.subject).status);
        }
    }
}

TEST_CASE("policy rules: the first applying waiver is the one reported") {
    auto rs = results();
    apply_waivers(rs, {waiver("dns.lyncdiscover", "*", "", "first"), waiver("dns.lyncdiscover", "fail.example", "", "second")}, kNow);
    CHECK(find(rs, "dns.lyncdiscover", "fail.example").waiver->reason == "first");
    rs = results();
    apply_waivers(rs, {waiver("dns.lyncdiscover", "*", "2027-01-01", "expired"), waiver("dns.lyncdiscover", "*", "", "holds")},
                  kNow);
    const Result& r = find(rs, "dns.lyncdiscover", "fail.example");
    CHECK(r.waiver->reason == "holds");
    CHECK_FALSE(r.waiver->expired);
    rs = results();
    apply_waivers(rs, {waiver("dns.lyncdiscover", "*", "2027-01-01", "expired")}, kNow);
    CHECK(find(rs, "dns.lyncdiscover", "fail.example").waiver->expired);
    CHECK(find(rs, "dns.lyncdiscover", "fail.example").waiver->expires == "2027-01-01");
    CHECK(find(rs, "dns.lyncdiscover", "fail.example").waiver->origin == "test: /waivers/0");
}

TEST_CASE("policy rules: a waiver's expiry - to the second - at the edge of a UTC day") {
    struct ExpiryRow {
        std::string expires;
        std::string now;
        WaiverState state;
    };
    const std::vector<ExpiryRow> rows = {
        {"2027-03-31", "2027-03-31T00:00:00Z", WaiverState::Applied},
        {"2027-03-31", "2027-03-31T23:59:59Z", WaiverState::Applied},  // through the whole day
        {"2027-03-31", "2027-04-01T00:00:00Z", WaiverState::Expired},  // the next midnight, UTC
        {"2027-03-31", "2027-04-01T00:00:01Z", WaiverState::Expired},
        {"2027-03-31T12:00:00Z", "2027-03-31T11:59:59Z", WaiverState::Applied},
        {"2027-03-31T12:00:00Z", "2027-03-31T12:00:00Z", WaiverState::Expired},  // an exact time is the first moment it no longer applies
        {"2028-02-29", "2028-02-29T23:59:59Z", WaiverState::Applied},
        {"2028-02-29", "2028-03-01T00:00:00Z", WaiverState::Expired},
        {"2027-12-31", "2027-12-31T23:59:59Z", WaiverState::Applied},
        {"2027-12-31", "2028-01-01T00:00:00Z", WaiverState::Expired},
        {"", "2099-01-01T00:00:00Z", WaiverState::Applied},  // no end
    };
    auto run = [&] {
        for (const auto& row : rows) {
            INFO(row.expires << " at " << row.now);
            auto rs = results();
            const auto outcomes = apply_waivers(rs, {waiver("dns.lyncdiscover", "fail.example", row.expires)}, utc(row.now));
            CHECK(to_string(outcomes[0].state) == std::string(to_string(row.state)));
            CHECK(find(rs, "dns.lyncdiscover", "fail.example").waived() == (row.state == WaiverState::Applied));
        }
    };
    run();
    SUBCASE("the local time zone of the host does not move the edge") {
        const char* old = std::getenv("TZ");
        const std::string saved = old ? old : "";
        for (const char* tz : {"Pacific/Kiritimati", "America/Los_Angeles", "Etc/GMT+12"}) {
            INFO(tz);
            test::set_env("TZ", tz);
            test::time_zone_changed();
            run();
            CHECK(waiver_expiry("2027-03-31") == utc("2027-04-01T00:00:00Z"));
        }
        if (old) {
            test::set_env("TZ", saved.c_str());
        } else {
            test::unset_env("TZ");
        }
        test::time_zone_changed();
    }
}

TEST_CASE("policy rules: waiver dates that are not dates") {
    CHECK(waiver_expiry("2027-03-31") == utc("2027-04-01T00:00:00Z"));
    CHECK(waiver_expiry("2027-03-31T12:00:00Z") == utc("2027-03-31T12:00:00Z"));
    for (const char* bad : {"2027-02-29", "2027-13-01", "2027-04-31", "2027/03/31", "31.03.2027", "2027-03-3x", "tomorrow",
                            "2027-03-31T12:00:00", "2027-03-31T12:00:00+02:00", "2027-03-31 12:00:00Z", ""}) {
        INFO(bad);
        CHECK_FALSE(waiver_expiry(bad).has_value());
    }
    CHECK(std::string(to_string(WaiverState::Applied)) == "applied");
    CHECK(std::string(to_string(WaiverState::Expired)) == "expired");
    CHECK(std::string(to_string(WaiverState::Unused)) == "unused");
}

TEST_CASE("policy rules: a star waiver of one check leaves every other check's problem standing - judged from evidence") {
    Evidence e = good({"contoso.com", "fabrikam.com"});
    federation_srv(e, "contoso.com", DnsOutcome::NxDomain);
    federation_srv(e, "fabrikam.com", DnsOutcome::NxDomain);
    fails(e, DnsView::External, "lyncdiscover.fabrikam.com", DnsOutcome::NxDomain);
    auto rs = judge(e, builtin_registry(), {});
    const auto outcomes = apply_waivers(rs, {waiver("dns.federation-srv", "*", "2027-12-31")}, kNow);
    CHECK(outcomes[0].matched == 2);
    CHECK(find(rs, "dns.federation-srv", "contoso.com").waived());
    CHECK(find(rs, "dns.federation-srv", "fabrikam.com").waived());
    std::size_t standing = 0;
    for (const auto& r : rs) {
        if (r.check == "dns.federation-srv") continue;
        CHECK_FALSE(r.waiver.has_value());
        if (r.status == Status::Fail || r.status == Status::Warn) ++standing;
    }
    CHECK(standing >= 1);  // dns.lyncdiscover for fabrikam.com at least
    CHECK(find(rs, "dns.lyncdiscover", "fabrikam.com").status == Status::Fail);
}
