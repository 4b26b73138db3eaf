// The topology file's policy (severity overrides, waivers) and merged vantages, applied to judged
// recorded runs, and what the reports make of them.
#include <doctest/doctest.h>

#include <regex>

#include <algorithm>
#include <set>
#include <sstream>

#include "fixtures.hpp"
#include "report/formats.hpp"
#include "checks/merge.hpp"
#include "checks/policy.hpp"
#include "report/report.hpp"
#include "report/report_diff.hpp"
#include "model/utc_time.hpp"

using namespace mobcheck;

namespace {

std::vector<Result> judged(const std::string& fixture) {
    return judge(fixtures::load(fixture), builtin_registry(), {});
}

const Result& find(const std::vector<Result>& results, const std::string& check, const std::string& subject) {
    auto it = std::find_if(results.begin(), results.end(),
                           [&](const Result& r) { return r.check == check && r.subject == subject; });
    REQUIRE_MESSAGE(it != results.end(), check << " " << subject);
    return *it;
}

Waiver waiver(std::string check, std::string subject, std::string expires = "") {
    Waiver w{std::move(check), std::move(subject), "accepted for the test", std::move(expires), std::nullopt, "test: /waivers/0", ""};
    if (!w.expires.empty()) w.expires_at = waiver_expiry(w.expires);
    return w;
}

std::time_t at(const char* utc) { return *parse_utc_time(utc); }

std::string render(const char* format, const ReportInput& input) {
    std::ostringstream out;
    find_report_format(format)->write(input, out);
    return out.str();
}

}  // namespace

TEST_CASE("policy: a severity override changes what a broken rule yields and remembers the check's own status") {
    auto results = judged("no-federation-srv");  // dns.federation-srv warns for fabrikam.com
    REQUIRE(find(results, "dns.federation-srv", "fabrikam.com").status == Status::Warn);
    apply_severity_overrides(results, {{"dns.federation-srv", Status::Fail, "test"}});
    const Result& r = find(results, "dns.federation-srv", "fabrikam.com");
    CHECK(r.status == Status::Fail);
    REQUIRE(r.status_before);
    CHECK(*r.status_before == Status::Warn);
    // A pass stays a pass: the override is about broken rules only.
    CHECK(find(results, "dns.federation-srv", "contoso.com").status == Status::Pass);
    CHECK_FALSE(find(results, "dns.federation-srv", "contoso.com").status_before);
}

TEST_CASE("policy: an override of a check ID beats its category whichever comes first") {
    for (bool id_first : {true, false}) {
        auto results = judged("no-federation-srv");
        std::vector<SeverityOverride> overrides = {{"dns", Status::Info, "a"}, {"dns.federation-srv", Status::Fail, "b"}};
        if (id_first) std::reverse(overrides.begin(), overrides.end());
        apply_severity_overrides(results, overrides);
        CHECK(find(results, "dns.federation-srv", "fabrikam.com").status == Status::Fail);
    }
    auto results = judged("missing-external-fabrikam");
    apply_severity_overrides(results, {{"dns", Status::Info, "a"}});
    CHECK(find(results, "dns.lyncdiscover", "fabrikam.com").status == Status::Info);
    CHECK(exit_code(summarize(results), Gate::Warn) == 0);
}

TEST_CASE("policy: a waiver accepts a problem until it expires and the summary counts it apart") {
    auto results = judged("missing-external-fabrikam");
    REQUIRE(exit_code(summarize(results), Gate::Fail) == 1);
    const auto outcomes = apply_waivers(results, {waiver("dns.lyncdiscover", "fabrikam.com", "2027-03-31")},
                                        at("2027-03-31T23:59:59Z"));
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].state == WaiverState::Applied);
    CHECK(outcomes[0].matched == 1);
    const Result& r = find(results, "dns.lyncdiscover", "fabrikam.com");
    CHECK(r.status == Status::Fail);  // the truth stays
    CHECK(r.waived());
    const Summary s = summarize(results);
    CHECK(s.count(Status::Fail) == 0);
    CHECK(s.waived == 1);
    CHECK(exit_code(s, Gate::Fail) == 0);
}

TEST_CASE("policy: a waiver that names a reason tag holds only while the problem has that cause") {
    auto results = judged("missing-external-fabrikam");  // dns.lyncdiscover fabrikam.com: fail nxdomain
    Waiver servfail = waiver("dns.lyncdiscover", "fabrikam.com");
    servfail.tag = "servfail";
    CHECK(apply_waivers(results, {servfail}, at("2027-01-01T00:00:00Z"))[0].state == WaiverState::Unused);
    CHECK_FALSE(find(results, "dns.lyncdiscover", "fabrikam.com").waived());
    Waiver nxdomain = servfail;
    nxdomain.tag = "nxdomain";
    CHECK(apply_waivers(results, {nxdomain}, at("2027-01-01T00:00:00Z"))[0].state == WaiverState::Applied);
    CHECK(find(results, "dns.lyncdiscover", "fabrikam.com").waived());
}

TEST_CASE("policy: an expired waiver is reported and no longer applies") {
    auto results = judged("missing-external-fabrikam");
    // A date holds through that whole day (UTC): one second later it has expired.
    const auto outcomes = apply_waivers(results, {waiver("dns.lyncdiscover", "fabrikam.com", "2027-03-31")},
                                        at("2027-04-01T00:00:00Z"));
    CHECK(outcomes[0].state == WaiverState::Expired);
    const Result& r = find(results, "dns.lyncdiscover", "fabrikam.com");
    REQUIRE(r.waiver);
    CHECK(r.waiver->expired);
    CHECK_FALSE(r.waived());
    CHECK(exit_code(summarize(results), Gate::Fail) == 1);
}

TEST_CASE("policy: a waiver that names nothing needing it is unused and the subject star names every subject") {
    auto results = judged("sba-port-filtered");
    const auto outcomes = apply_waivers(results,
                                        {waiver("dns.lyncdiscover", "fabrikam.com"), waiver("ports.sba-ucwa-external", "*"),
                                         waiver("ports.sba-ucwa-external", "sba-oslo.contoso.net:5088")},
                                        at("2026-12-01T00:00:00Z"));
    CHECK(outcomes[0].state == WaiverState::Unused);  // dns.lyncdiscover passes
    CHECK(outcomes[1].state == WaiverState::Applied);
    CHECK(outcomes[1].matched == 1);                  // only the filtered port is a problem
    CHECK(outcomes[2].state == WaiverState::Unused);  // sba-oslo passes
    CHECK(find(results, "ports.sba-ucwa-external", "sba-lima.contoso.net:5088").waived());
    CHECK_FALSE(find(results, "ports.sba-ucwa-external", "sba-oslo.contoso.net:5088").waiver);
}

TEST_CASE("policy: waiver dates") {
    CHECK(waiver_expiry("2027-03-31") == at("2027-04-01T00:00:00Z"));
    CHECK(waiver_expiry("2027-03-31T12:00:00Z") == at("2027-03-31T12:00:00Z"));
    CHECK_FALSE(waiver_expiry("2027-02-30"));
    CHECK_FALSE(waiver_expiry("31.03.2027"));
    CHECK_FALSE(waiver_expiry("tomorrow"));
}

TEST_CASE("policy: every report format keeps a waived result out of the gate and says why") {
    Evidence evidence = fixtures::load("sba-port-filtered");
    auto results = judge(evidence, builtin_registry(), {});
    const auto outcomes = apply_waivers(results, {waiver("ports.sba-ucwa-external", "sba-lima.contoso.net:5088", "2099-01-01")},
                                        at("2026-12-01T00:00:00Z"));
    const auto& registry = builtin_registry();
    const ReportInput input{report_header(evidence), results, registry, Gate::Fail, outcomes};

    const nlohmann::json j = json_report(input);
    CHECK(j.at("summary").at("fail") == 0);
    CHECK(j.at("summary").at("waived") == 1);
    CHECK(j.at("waivers").at(0).at("state") == "applied");
    bool seen = false;
    for (const auto& r : j.at("results")) {
        if (r.at("subject") != "sba-lima.contoso.net:5088" || r.at("check") != "ports.sba-ucwa-external") continue;
        seen = true;
        CHECK(r.at("status") == "fail");
        CHECK(r.at("waived") == true);
        CHECK(r.at("waiver").at("reason") == "accepted for the test");
        CHECK(r.at("waiver").at("expires") == "2099-01-01");
    }
    CHECK(seen);

    const std::string junit = render("junit", input);
    CHECK(junit.find("failures=\"0\"") != std::string::npos);
    CHECK(junit.find("<skipped message=\"waived until 2099-01-01: accepted for the test") != std::string::npos);

    const std::string nagios = render("nagios", input);
    CHECK(nagios.starts_with("MOBCHECK OK - "));
    CHECK(nagios.find("waived=1") != std::string::npos);
    CHECK(nagios_exit_code(summarize(results)) == 0);

    const std::string prom = render("prometheus", input);
    // The waived result's state is in mobcheck_waived_result; in mobcheck_result every state is 0.
    const std::string series = "{check=\"ports.sba-ucwa-external\",subject=\"sba-lima.contoso.net:5088\",sip_domain=\"\"";
    CHECK(prom.find("mobcheck_waived_result" + series) != std::string::npos);
    CHECK(prom.find("mobcheck_result" + series + ",status=\"fail\"} 0\n") != std::string::npos);
    CHECK(prom.find("mobcheck_result" + series + ",status=\"fail\"} 1\n") == std::string::npos);
    CHECK(std::regex_search(prom, std::regex("mobcheck_waived_result\\{check=\"ports\\.sba-ucwa-external\",subject=\"sba-lima"
                                             "\\.contoso\\.net:5088\",sip_domain=\"\",expires=\"[^\"]*\",status=\"fail\"\\} 1\n")));
    CHECK(prom.find("mobcheck_results{status=\"fail\"} 0") != std::string::npos);

    const std::string md = render("markdown", input);
    CHECK(md.find("ready for mobile clients") != std::string::npos);
    CHECK(md.find("### Waived") != std::string::npos);

    const std::string text = render("text", input);
    CHECK(text.find("(waived)") != std::string::npos);
    CHECK(text.find("waived until 2099-01-01: accepted for the test (test: /waivers/0)") != std::string::npos);
    CHECK(text.find("· 1 waived") != std::string::npos);
}

TEST_CASE("policy: diff never counts a waived result as worse") {
    const auto& registry = builtin_registry();
    Evidence good = fixtures::load("good"), broken = fixtures::load("sba-port-filtered");
    const auto good_results = judge(good, registry, {});
    const nlohmann::json before = json_report({report_header(good), good_results, registry});
    auto results = judge(broken, registry, {});
    CHECK(diff_reports(before, json_report({report_header(broken), results, registry})).worse.size() == 1);
    apply_waivers(results, {waiver("ports.sba-ucwa-external", "*")}, at("2026-12-01T00:00:00Z"));
    CHECK(diff_reports(before, json_report({report_header(broken), results, registry})).worse.empty());
}

TEST_CASE("merge: a decided verdict beats an undecided one and of decided ones the worst wins") {
    const auto& registry = builtin_registry();
    std::vector<VantageRun> runs;
    runs.push_back({"inside.json", fixtures::load("good"), {}});
    runs.push_back({"outside.json", fixtures::load("sba-exposed"), {}});
    for (auto& run : runs) run.results = judge(run.evidence, registry, {});
    REQUIRE(runs[0].evidence.plan.vantage == Vantage::Internal);
    REQUIRE(runs[1].evidence.plan.vantage == Vantage::External);
    const auto merged = merge_results(runs, registry);

    // From outside the SBA answers (warn); from inside it must (pass): the merged verdict is the warning.
    const Result& exposed = find(merged, "ports.sba-ucwa-external", "sba-oslo.contoso.net:5088");
    CHECK(exposed.status == Status::Warn);
    REQUIRE(exposed.vantages.size() == 2);
    CHECK(exposed.vantages[0].vantage == "external");
    CHECK(exposed.vantages[0].status == Status::Warn);
    CHECK(exposed.vantages[1].vantage == "internal");
    CHECK(exposed.vantages[1].status == Status::Pass);
    // APNS is a rule of the corporate Wi-Fi: skip from outside, pass from inside → pass.
    const Result& apns = find(merged, "ports.apns", "courier.push.apple.com:5223");
    CHECK(apns.status == Status::Pass);
    CHECK(apns.vantages[0].vantage == "internal");
    // One result per (check, subject), in catalogue order.
    std::set<std::pair<std::string, std::string>> keys;
    REQUIRE(!merged.empty());
    for (const Result& r : merged) keys.emplace(r.check, r.subject);
    CHECK(keys.size() == merged.size());
    CHECK(merged.front().check == registry.all().front().id);

    const ReportHeader header = merged_header(runs);
    CHECK(header.vantage_label() == "internal + external");
    CHECK(header.merged_from.size() == 2);
    CHECK(header.sip_domains == std::vector<std::string>{"contoso.com", "fabrikam.com"});
}

TEST_CASE("merge: a result blocked in one vantage does not hide a decided verdict and two undecided stay undecided") {
    const auto& registry = builtin_registry();
    std::vector<VantageRun> runs;
    runs.push_back({"a.json", fixtures::load("good"), {}});
    runs.push_back({"b.json", fixtures::load("external-dns-drops"), {}});
    for (auto& run : runs) run.results = judge(run.evidence, registry, {});
    // Two runs from the same vantage are told apart by their files.
    CHECK(vantage_labels(runs) == std::vector<std::string>{"internal (a.json)", "internal (b.json)"});
    // In b the external resolvers answered nothing: dns.resolver is the one error, the lookup is blocked by it.
    const auto only_b = find(runs[1].results, "dns.lyncdiscover", "contoso.com");
    REQUIRE(only_b.status == Status::Skip);
    REQUIRE(only_b.blocked_by.has_value());
    CHECK(only_b.blocked_by->check == "dns.resolver");
    const auto merged = merge_results(runs, registry);
    CHECK(find(merged, "dns.lyncdiscover", "contoso.com").status == Status::Pass);

    std::vector<VantageRun> undecided;
    undecided.push_back({"b.json", fixtures::load("external-dns-drops"), runs[1].results});
    undecided.push_back({"c.json", fixtures::load("external-dns-drops"), runs[1].results});
    const auto both = merge_results(undecided, registry);
    CHECK(find(both, "dns.lyncdiscover", "contoso.com").status == Status::Skip);
    CHECK(find(both, "dns.lyncdiscover", "contoso.com").reason == "blocked");
    CHECK(find(both, "dns.resolver", only_b.blocked_by->subject).status == Status::Error);
}
