// Rule tables of mobcheck merge: the worst decided verdict wins, a decided verdict beats an undecided
// one, an error beats a skip, and every vantage's verdict is listed, the chosen one first.
#include <doctest/doctest.h>

#include <set>
#include <algorithm>

#include "checks/merge.hpp"
#include "evidence_builders.hpp"

using namespace mobcheck;
using namespace builders;

namespace {

Result result(std::string check, std::string subject, Status status, std::string message = "") {
    return make_result(std::move(check), std::move(subject), status, std::move(message));
}

VantageRun run(std::string file, Vantage vantage, std::vector<Result> results) {
    VantageRun r;
    r.file = std::move(file);
    r.evidence.plan.vantage = vantage;
    r.results = std::move(results);
    return r;
}

const Result& find(const std::vector<Result>& rs, const std::string& check, const std::string& subject) {
    for (const auto& r : rs) {
        if (r.check == check && r.subject == subject) return r;
    }
    FAIL("no result " << check << " " << subject);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("merge rules: which of two verdicts about one subject the merged result takes") {
    struct Pair {
        Status inside, outside, merged;
    };
    const std::vector<Pair> rows = {
        // among decided verdicts, the one that asks for most attention
        {Status::Pass, Status::Pass, Status::Pass},   {Status::Pass, Status::Info, Status::Info},
        {Status::Info, Status::Pass, Status::Info},   {Status::Info, Status::Warn, Status::Warn},
        {Status::Warn, Status::Info, Status::Warn},   {Status::Warn, Status::Fail, Status::Fail},
        {Status::Fail, Status::Warn, Status::Fail},   {Status::Pass, Status::Fail, Status::Fail},
        {Status::Fail, Status::Pass, Status::Fail},
        // a decided verdict beats an undecided one, whatever it is
        {Status::Pass, Status::Error, Status::Pass},  {Status::Error, Status::Pass, Status::Pass},
        {Status::Skip, Status::Pass, Status::Pass},   {Status::Pass, Status::Skip, Status::Pass},
        {Status::Error, Status::Info, Status::Info},  {Status::Skip, Status::Warn, Status::Warn},
        {Status::Fail, Status::Error, Status::Fail},  {Status::Error, Status::Fail, Status::Fail},
        // between undecided ones, an error says more than a skip
        {Status::Skip, Status::Error, Status::Error}, {Status::Error, Status::Skip, Status::Error},
        {Status::Skip, Status::Skip, Status::Skip},   {Status::Error, Status::Error, Status::Error},
    };
    const Registry& registry = builtin_registry();
    for (const auto& row : rows) {
        INFO(to_string(row.inside) << " inside, " << to_string(row.outside) << " outside");
        const std::vector<VantageRun> runs = {
            run("in.json", Vantage::Internal, {result("dns.lyncdiscover", "contoso.com", row.inside, "inside says")}),
            run("out.json", Vantage::External, {result("dns.lyncdiscover", "contoso.com", row.outside, "outside says")}),
        };
        const auto merged = merge_results(runs, registry);
        REQUIRE(merged.size() == 1);
        const Result& r = merged.front();
        CHECK(to_string(r.status) == std::string(to_string(row.merged)));
        REQUIRE(r.vantages.size() == 2);
        // The chosen verdict first, its message the result's; ties keep the first run's.
        const bool outside_chosen = r.vantages[0].vantage == "external";
        CHECK(r.message == (outside_chosen ? "outside says" : "inside says"));
        CHECK(r.vantages[0].status == r.status);
        CHECK(r.vantages[1].vantage == (outside_chosen ? "internal" : "external"));
        CHECK(r.vantages[1].status == (outside_chosen ? row.inside : row.outside));
        if (row.inside == row.outside) CHECK_FALSE(outside_chosen);
    }
}

TEST_CASE("merge rules: three runs - subjects only some runs have - catalogue order - labels") {
    const Registry& registry = builtin_registry();
    const std::vector<VantageRun> runs = {
        run("a.json", Vantage::Internal,
            {result("tls.signature", "x:443", Status::Pass), result("dns.lyncdiscover", "contoso.com", Status::Error),
             result("dns.lyncdiscover", "fabrikam.com", Status::Pass)}),
        run("b.json", Vantage::External,
            {result("dns.lyncdiscover", "contoso.com", Status::Warn), result("future.check", "s", Status::Fail),
             result("dns.lyncdiscover", "only-b.example", Status::Skip)}),
        run("c.json", Vantage::Internal, {result("dns.lyncdiscover", "contoso.com", Status::Fail)}),
    };
    CHECK(vantage_labels(runs) == std::vector<std::string>{"internal (a.json)", "external", "internal (c.json)"});
    const auto merged = merge_results(runs, registry);
    // Catalogue order of checks (dns before tls), subjects in the order first reported; a check this
    // version does not know comes last.
    std::vector<std::pair<std::string, std::string>> order;
    for (const auto& r : merged) order.emplace_back(r.check, r.subject);
    CHECK(order == std::vector<std::pair<std::string, std::string>>{{"dns.lyncdiscover", "contoso.com"},
                                                                     {"dns.lyncdiscover", "fabrikam.com"},
                                                                     {"dns.lyncdiscover", "only-b.example"},
                                                                     {"tls.signature", "x:443"},
                                                                     {"future.check", "s"}});
    const Result& contoso = find(merged, "dns.lyncdiscover", "contoso.com");
    CHECK(contoso.status == Status::Fail);
    REQUIRE(contoso.vantages.size() == 3);
    CHECK(contoso.vantages[0].vantage == "internal (c.json)");
    CHECK(contoso.vantages[1].vantage == "internal (a.json)");
    CHECK(contoso.vantages[1].status == Status::Error);
    CHECK(contoso.vantages[2].vantage == "external");
    CHECK(contoso.vantages[2].status == Status::Warn);
    CHECK(find(merged, "dns.lyncdiscover", "fabrikam.com").vantages.size() == 1);
    CHECK(find(merged, "dns.lyncdiscover", "only-b.example").status == Status::Skip);
    CHECK(find(merged, "future.check", "s").status == Status::Fail);
    CHECK(merge_results({}, registry).empty());
}

TEST_CASE("merge rules: runs judged from evidence at both vantages") {
    const Registry& registry = builtin_registry();
    Evidence inside = good();
    Evidence outside = good({"contoso.com"}, Vantage::External);
    // From outside the SBA answers (warn), from inside it must (pass); APNS only matters inside; the
    // external resolver is unreachable from inside (error) but answers outside (pass).
    add_port_probe(outside, "sba", kSba, 5088, PortState::Open, "10.0.5.2", DnsView::External);
    fails(inside, DnsView::External, "lyncdiscover.contoso.com", DnsOutcome::Timeout);
    std::vector<VantageRun> runs;
    runs.push_back({"inside.json", inside, judge(inside, registry, {})});
    runs.push_back({"outside.json", outside, judge(outside, registry, {})});
    const auto merged = merge_results(runs, registry);
    const Result& sba = find(merged, "ports.sba-ucwa-external", "sba01.contoso.net:5088");
    CHECK(sba.status == Status::Warn);
    CHECK(sba.vantages[0].vantage == "external");
    CHECK(find(merged, "ports.apns", "courier.push.apple.com:5223").status == Status::Pass);
    CHECK(find(merged, "dns.lyncdiscover", "contoso.com").status == Status::Pass);
    CHECK(find(merged, "dns.lyncdiscover", "contoso.com").vantages[0].vantage == "external");
    CHECK(find(merged, "http.hairpin", "webext.contoso.com").status == Status::Pass);
}

TEST_CASE("merge rules: the merged header") {
    CHECK(merged_header({}).merged_from.empty());
    Evidence a = good({"contoso.com"});
    a.run.started_at = "2026-06-01T12:00:00Z";
    a.run.duration_ms = 1000;
    a.run.internal_resolvers = {"10.0.0.53:53"};
    a.plan.internal_web.reset();
    a.plan.external_web.reset();
    a.run.deadline_reached = true;
    Evidence b = good({"fabrikam.com", "contoso.com"}, Vantage::External);
    b.run.started_at = "2026-06-01T11:00:00Z";
    b.run.duration_ms = 3000;
    b.run.deadline_reached = false;
    b.run.internal_resolvers = {"10.0.0.53:53", "10.0.0.54:53"};
    b.run.external_resolvers = {"192.0.2.53:53"};
    std::vector<VantageRun> runs;
    runs.push_back({"a.json", a, {}});
    runs.push_back({"b.json", b, {}});
    // Any run cut by its deadline marks the merged header, whichever run it is.
    for (const bool first : {false, true}) {
        std::vector<VantageRun> two = runs;
        two[0].evidence.run.deadline_reached = first;
        two[1].evidence.run.deadline_reached = !first;
        CHECK(merged_header(two).deadline_reached);
    }
    const ReportHeader h = merged_header(runs);
    CHECK(h.sip_domains == std::vector<std::string>{"contoso.com", "fabrikam.com"});
    CHECK(h.internal_web == std::optional<std::string>(kInternalWeb));  // from the second run
    CHECK(h.external_web == std::optional<std::string>(kExternalWeb));
    CHECK(h.started_at == "2026-06-01T11:00:00Z");
    CHECK(h.duration_ms == 3000);
    CHECK(h.deadline_reached);
    CHECK(h.internal_resolvers == std::vector<std::string>{"10.0.0.53:53", "10.0.0.54:53"});
    CHECK(h.external_resolvers == std::vector<std::string>{"192.0.2.53:53"});
    // Every open port of either run is in the header.
    const auto open_ports = [](const Evidence& e) {
        return std::count_if(e.ports.begin(), e.ports.end(), [](const PortProbe& p) { return p.state == PortState::Open; });
    };
    REQUIRE(open_ports(a) + open_ports(b) > 0);
    CHECK(static_cast<long>(h.open_ports.size()) == open_ports(a) + open_ports(b));
    // The certificate table holds every certificate either run was served, once; the served list
    // (expiry, for Nagios and Prometheus) is not merged.
    std::set<std::string> both;
    for (const Evidence* e : {&a, &b}) {
        for (const auto& [sha256, c] : report_header(*e).certificate_table) both.insert(sha256);
    }
    REQUIRE_FALSE(both.empty());
    CHECK(h.certificate_table.size() == both.size());
    CHECK(h.certificates.empty());
    REQUIRE(h.merged_from.size() == 2);
    CHECK(h.merged_from[1].file == "b.json");
    CHECK(h.merged_from[1].vantage == Vantage::External);
    CHECK(h.vantage_label() == "internal + external");
}
