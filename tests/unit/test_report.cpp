#include <doctest/doctest.h>

#include <sstream>

#include "evidence_builders.hpp"
#include "fixtures.hpp"
#include "model/json_text.hpp"
#include "checks/registry.hpp"
#include "report/formats.hpp"
#include "report/report.hpp"

using namespace mobcheck;

namespace {
std::string render(std::string_view format, const ReportInput& input) {
    std::ostringstream out;
    find_report_format(format)->write(input, out);
    return out.str();
}

Summary counts(std::size_t pass, std::size_t warn, std::size_t fail, std::size_t error) {
    Summary s;
    s.counts[static_cast<std::size_t>(Status::Pass)] = pass;
    s.counts[static_cast<std::size_t>(Status::Warn)] = warn;
    s.counts[static_cast<std::size_t>(Status::Fail)] = fail;
    s.counts[static_cast<std::size_t>(Status::Error)] = error;
    return s;
}
}  // namespace

TEST_CASE("report::exit_code follows SPEC §1") {
    CHECK(exit_code(counts(5, 0, 0, 0), Gate::Fail) == 0);
    CHECK(exit_code(counts(5, 2, 0, 0), Gate::Fail) == 0);
    CHECK(exit_code(counts(5, 2, 0, 0), Gate::Warn) == 1);
    CHECK(exit_code(counts(5, 0, 1, 0), Gate::Fail) == 1);
    CHECK(exit_code(counts(5, 0, 0, 1), Gate::Fail) == 3);
    CHECK(exit_code(counts(5, 1, 0, 1), Gate::Fail) == 3);  // warn below the gate, error decides
    CHECK(exit_code(counts(5, 1, 0, 1), Gate::Warn) == 1);
    CHECK(exit_code(counts(5, 0, 1, 1), Gate::Fail) == 1);  // something failed: the gate wins
}

TEST_CASE("report::json_report keeps the SPEC §2 contract") {
    const Evidence evidence = fixtures::load("cname-other-domain");
    const auto results = judge(evidence, builtin_registry(), {});
    const nlohmann::json j = json_report({report_header(evidence), results, builtin_registry()});
    CHECK(j.at("schema_version") == kReportSchemaVersion);
    CHECK(kReportSchemaVersion == 3);  // 2: reason, blocked_by, summary.causes; 3: certificates (docs/json-report.md)
    CHECK(j.at("tool").at("name") == "mobcheck");
    CHECK(j.at("tool").at("version").is_string());
    for (const char* s : {"pass", "info", "warn", "fail", "skip", "error"}) CHECK(j.at("summary").at(s).is_number());
    REQUIRE(j.at("results").size() == results.size());
    std::size_t total = 0;
    for (const char* s : {"pass", "info", "warn", "fail", "skip", "error", "waived"}) total += j.at("summary").at(s).get<std::size_t>();
    CHECK(total == results.size());
    // cname-other-domain: the CNAME leaving the SIP domain is a warn of its own, blocking nothing.
    const auto& causes = j.at("summary").at("causes");
    REQUIRE(causes.is_array());
    REQUIRE_FALSE(causes.empty());
    bool cname_cause = false;
    for (const auto& c : causes) {
        for (const char* key : {"check", "subject", "status", "reason", "blocks"}) {
            CAPTURE(key);
            CHECK(c.contains(key));
        }
        if (c.at("check") == "dns.cname-domain" && c.at("subject") == "fabrikam.com") {
            cname_cause = true;
            CHECK(c.at("status") == "warn");
            CHECK(c.at("blocks") == 0);
        }
    }
    CHECK(cname_cause);
    bool found = false;
    for (const auto& r : j.at("results")) {
        for (const char* key : {"check", "subject", "status", "message", "remediation", "evidence", "reason", "blocked_by"}) {
            CAPTURE(key);
            CHECK(r.contains(key));
        }
        CHECK(r.at("evidence").is_object());
        if (r.at("check") == "dns.cname-domain" && r.at("subject") == "fabrikam.com") {
            found = true;
            CHECK(r.at("status") == "warn");
            CHECK(r.at("severity") == "warn");
            CHECK(r.at("sip_domain") == "fabrikam.com");
            CHECK(r.at("evidence").at("dns").at("chain").size() == 1);
        }
    }
    CHECK(found);
}

namespace {

// The json format's text holds the report's document, its members in the reader's order: what the file is
// and the verdict first, the results and the certificate table last.
void check_json_text(const std::string& text, const ReportInput& input) {
    const auto ordered = nlohmann::ordered_json::parse(text);
    CHECK(nlohmann::json::parse(text) == json_report(input));
    std::vector<std::string> keys;
    for (const auto& item : ordered.items()) keys.push_back(item.key());
    REQUIRE(keys.size() >= 5);
    CHECK(keys[0] == "schema_version");
    CHECK(keys[1] == "tool");
    CHECK(keys[2] == "summary");
    CHECK(keys[3] == "gate");
    // The long lists last: the results, then the certificates they refer to.
    CHECK(keys[keys.size() - 2] == "results");
    CHECK(keys.back() == "certificates");
    // Byte for byte what json_text() would write of the whole document in this order: the streaming
    // writer adds nothing and loses nothing of the indentation and escaping.
    CHECK(text == ordered.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

}  // namespace

TEST_CASE("report::the json format writes the report one result at a time - verdict first - results last") {
    for (const char* name : {"good", "cname-other-domain", "tls-expired", "http-redirect-loop", "sba-port-filtered", "no-web-fqdns"}) {
        CAPTURE(name);
        const Evidence evidence = fixtures::load(name);
        const auto results = judge(evidence, builtin_registry(), {});
        const ReportInput input{report_header(evidence), results, builtin_registry()};
        check_json_text(render("json", input), input);
        CHECK(json_report(input).at("gate") == nlohmann::json{{"fail_on", "fail"}, {"exit_code", input.exit_code()}});
    }
    // With a waiver that applies and one that names nothing: their fields and the waivers list.
    {
        const Evidence evidence = fixtures::load("missing-internal-fabrikam");
        auto results = judge(evidence, builtin_registry(), {});
        const std::vector<Waiver> waivers = {
            Waiver{"dns.lyncdiscoverinternal", "fabrikam.com", "accepted", "", std::nullopt, "test: /waivers/0", ""},
            Waiver{"tls.chain", "*", "unused", "", std::nullopt, "test: /waivers/1", ""}};
        const auto outcomes = apply_waivers(results, waivers, 0);
        const ReportInput input{report_header(evidence), results, builtin_registry(), Gate::Warn, outcomes};
        check_json_text(render("json", input), input);
    }
    // No results at all.
    const Evidence evidence = fixtures::load("good");
    const std::vector<Result> none;
    const ReportInput input{report_header(evidence), none, builtin_registry()};
    check_json_text(render("json", input), input);
}

TEST_CASE("report::find_causes puts fail before error before warn and the cause blocking most first") {
    using builders::make_result;
    auto blocked = [](const char* check, const char* subject, const char* by_check, const char* by_subject) {
        Result r = make_result(check, subject, Status::Skip);
        r.reason = "blocked";
        r.blocked_by = BlockedBy{by_check, by_subject};
        return r;
    };
    std::vector<Result> results = {
        make_result("dns.cname-domain", "fabrikam.com", Status::Warn),
        make_result("tls.protocol", "a:443", Status::Error),
        make_result("tls.chain", "b:443", Status::Fail),
        make_result("tls.chain", "c:443", Status::Fail),
        make_result("http.lyncdiscover", "contoso.com", Status::Pass),
        make_result("http.iis-version", "fe01", Status::Info),
        blocked("http.lyncdiscover", "x.com", "tls.chain", "c:443"),
        blocked("http.user-challenge", "x.com", "tls.chain", "c:443"),
        blocked("http.mobility-service", "u", "tls.protocol", "a:443"),
    };
    Result waived = make_result("tls.validity", "d:443", Status::Fail);
    waived.waiver = WaiverMark{"known", "", false, "mobility.json: /waivers/0"};
    results.push_back(waived);
    const auto causes = find_causes(results);
    REQUIRE(causes.size() == 4);  // not the pass, the info, the blocked ones or the waived one
    CHECK(causes[0].result->subject == "c:443");  // a fail blocking two
    CHECK(causes[0].blocks == 2);
    CHECK(causes[1].result->subject == "b:443");  // a fail blocking none
    CHECK(causes[1].blocks == 0);
    CHECK(causes[2].result->check == "tls.protocol");  // an error, after every fail
    CHECK(causes[2].blocks == 1);
    CHECK(causes[3].result->check == "dns.cname-domain");  // a warn last
}

TEST_CASE("report::a fix names the SIP domain and an info result has none") {
    const Evidence evidence = fixtures::load("missing-external-fabrikam");
    const auto results = judge(evidence, builtin_registry(), {});
    std::size_t broken = 0;
    for (const auto& r : results) {
        CAPTURE(r.check);
        CAPTURE(r.subject);
        CHECK(r.remediation.find("<sip>") == std::string::npos);
        if (r.status == Status::Info || r.status == Status::Skip || r.status == Status::Pass) CHECK(r.remediation.empty());
        if (r.check == "dns.lyncdiscover" && r.subject == "fabrikam.com") {
            ++broken;
            CHECK(r.status == Status::Fail);
            CHECK(r.reason == "nxdomain");
            CHECK(r.remediation.find("lyncdiscover.fabrikam.com") != std::string::npos);
        }
    }
    CHECK(broken == 1);
}
