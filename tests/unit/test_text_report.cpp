// The text report an admin reads first: what to fix on top, problems under their SIP domain, passes
// counted, identical findings folded, wrapped at the terminal's width, ASCII where UTF-8 cannot be
// shown; -v lists every result and -q only the summary line.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "evidence_builders.hpp"
#include "fixtures.hpp"
#include "report/formats.hpp"
#include "report/report.hpp"
#include "report/text_wrap.hpp"
#include "html_diagram.hpp"
#include "text_findings.hpp"

using namespace mobcheck;

namespace {

using Run = fixtures::JudgedRun;
using fixtures::judged;

std::string text_of(const ReportHeader& header, const std::vector<Result>& results, TextStyle style = {}) {
    std::ostringstream out;
    find_report_format("text")->write({header, results, builtin_registry(), Gate::Fail, {}, style}, out);
    return out.str();
}

std::string text_of(const Run& run, TextStyle style = {}) { return text_of(report_header(run.evidence), run.results, style); }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// The number (from 1) of the first line that contains what; 0 when none does.
std::size_t line_of(const std::vector<std::string>& lines, const std::string& what) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].find(what) != std::string::npos) return i + 1;
    }
    return 0;
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

std::size_t columns(const std::string& line) {
    return static_cast<std::size_t>(
        std::count_if(line.begin(), line.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

// The summary line, its continuation lines joined back.
std::string summary_of(const std::string& text) {
    const auto at = text.rfind("\nsummary:");
    std::string line = at == std::string::npos ? text : text.substr(at + 1);
    std::string out;
    std::istringstream words(line);
    for (std::string word; words >> word;) out += (out.empty() ? "" : " ") + word;
    return out;
}

std::size_t results_with(const std::vector<Result>& results, const std::string& sip_domain, Status status) {
    return static_cast<std::size_t>(std::count_if(results.begin(), results.end(), [&](const Result& r) {
        return r.sip_domain == sip_domain && r.status == status;
    }));
}

// Fifty branch appliances filtered on 5088, the same finding fifty times.
std::vector<Result> fifty_filtered_appliances() {
    std::vector<Result> results;
    for (int i = 1; i <= 50; ++i) {
        const std::string host = "sba-" + std::to_string(100 + i) + ".contoso.net";
        Result r = builders::make_result("ports.sba-ucwa-external", host + ":5088", Status::Fail,
                                         "no answer from " + host + ":5088 within 3 s: filtered");
        r.reason = "port-unreachable";
        r.remediation = "Allow TCP 5088 from the Front End pool to each Survivable Branch Appliance.";
        results.push_back(std::move(r));
    }
    return results;
}

}  // namespace

TEST_CASE("text report: a healthy two-domain run is a header and one pass line per SIP domain and the summary") {
    const Run run = judged("good");
    REQUIRE(run.evidence.plan.sip_domains.size() == 2);
    const std::string text = text_of(run);
    const auto lines = lines_of(text);
    CAPTURE(text);
    CHECK(lines.size() <= 30);
    CHECK(lines[0].rfind("mobcheck ", 0) == 0);
    CHECK(lines[1].rfind("DNS internal view: ", 0) == 0);
    CHECK(text.find("Fix first") == std::string::npos);
    CHECK(text.find("PASS ") == std::string::npos);  // passes are counted, not listed
    for (const std::string domain : {"contoso.com", "fabrikam.com"}) {
        const std::size_t pass = results_with(run.results, domain, Status::Pass);
        REQUIRE(pass > 0);
        CHECK(line_of(lines, domain + ": " + std::to_string(pass) + " checks pass") > 2);
    }
    CHECK(line_of(lines, "deployment: " + std::to_string(results_with(run.results, "", Status::Pass)) + " checks pass") > 0);
    CHECK(summary_of(text).rfind("summary: ", 0) == 0);
    CHECK(summary_of(text).find("fix first") == std::string::npos);
}

TEST_CASE("text report: one problem is on top - its fix within the first lines and under its SIP domain") {
    const Run run = judged("missing-internal-fabrikam");
    const std::string text = text_of(run);
    const auto lines = lines_of(text);
    CAPTURE(text);
    const std::size_t fix_first = line_of(lines, "Fix first");
    REQUIRE(fix_first > 0);
    CHECK(fix_first <= 5);
    REQUIRE(lines.size() > fix_first + 1);
    CHECK(lines[fix_first].find("1. FAIL  dns.lyncdiscoverinternal fabrikam.com") != std::string::npos);
    CHECK(lines[fix_first + 1].find("fix: ") != std::string::npos);
    CHECK(fix_first + 1 <= 12);
    // The problem itself, under fabrikam.com, refers to its fix; contoso.com has none to list.
    const std::size_t fabrikam = line_of(lines, "fabrikam.com");
    const std::size_t heading = static_cast<std::size_t>(std::find(lines.begin(), lines.end(), "fabrikam.com") - lines.begin()) + 1;
    REQUIRE(heading <= lines.size());
    CHECK(fabrikam <= heading);
    CHECK(lines[heading].find("FAIL  dns.lyncdiscoverinternal (fix 1)") != std::string::npos);
    CHECK(std::find(lines.begin(), lines.end(), "contoso.com") == lines.end());
    // What it blocks is counted on the pass line of its domain and in the summary.
    const auto blocked = std::count_if(run.results.begin(), run.results.end(), [](const Result& r) { return r.blocked_by.has_value(); });
    REQUIRE(blocked > 0);
    CHECK(text.find(std::to_string(blocked) + " blocked by the problems above") != std::string::npos);
    const std::string summary = summary_of(text);
    CHECK(summary.find(" · " + std::to_string(blocked) + " blocked") != std::string::npos);
    CHECK(summary.find("fix first: dns.lyncdiscoverinternal on fabrikam.com") != std::string::npos);
    CHECK(summary.find(" 1 fail,") != std::string::npos);
}

TEST_CASE("text report: every broken scenario shows its first problem within 12 lines") {
    for (const char* fixture : {"missing-external-fabrikam", "tls-untrusted", "tls-expired", "sba-port-filtered",
                                "internal-dns-refused", "http-no-challenge", "cname-other-domain"}) {
        CAPTURE(fixture);
        const Run run = judged(fixture);
        const auto causes = find_causes(run.results);
        REQUIRE_FALSE(causes.empty());
        const auto lines = lines_of(text_of(run));
        const std::size_t first = line_of(lines, causes.front().result->check);
        CHECK(first > 0);
        CHECK(first <= 12);
        CHECK(line_of(lines, "Fix first") < first);
    }
}

TEST_CASE("text report: identical causes are one fix item and identical findings of a group one finding") {
    const std::vector<Result> results = fifty_filtered_appliances();
    ReportHeader header;
    header.tool_version = "test";
    header.sip_domains = {"contoso.com"};
    const std::string text = text_of(header, results);
    CAPTURE(text);
    CHECK(count_of(text, "Fix first") == 1);
    CHECK(count_of(text, " 1. FAIL") == 1);
    CHECK(text.find(" 2. ") == std::string::npos);
    CHECK(count_of(text, "on 50 subjects: sba-101.contoso.net:5088") == 2);  // the fix item and the finding
    CHECK(count_of(text, "and 47 more") == 1);  // the fix item names three
    CHECK(count_of(text, "and 40 more") == 1);  // the finding ten
    CHECK(count_of(text, "fix, e.g. for sba-101.contoso.net:5088: Allow TCP 5088") == 1);
    CHECK(count_of(text, "\n  FAIL  ports.sba-ucwa-external") == 1);
    CHECK(count_of(text, "e.g. no answer from sba-101.contoso.net:5088") == 1);
    CHECK(text.find("sba-150.contoso.net") == std::string::npos);  // listed by count, not one by one
    CHECK(lines_of(text).size() < 25);

    // -v lists every one of them.
    TextStyle verbose;
    verbose.detail = TextDetail::Verbose;
    CHECK(count_of(text_of(header, results, verbose), "\n  FAIL  ports.sba-ucwa-external") == 50);
}

TEST_CASE("text report: findings fold from three identical ones - and only identical ones") {
    std::vector<Result> results = fifty_filtered_appliances();
    results.resize(3);
    std::vector<const Result*> group;
    for (const auto& r : results) group.push_back(&r);
    CHECK(text::group_findings(group).size() == 1);
    group.pop_back();
    CHECK(text::group_findings(group).size() == 2);  // two are listed one by one

    results.resize(3);
    results[1].remediation = "another fix";
    results[2].reason = "port-closed";
    group = {&results[0], &results[1], &results[2]};
    CHECK(text::group_findings(group).size() == 3);

    // Order: fail, error, warn, info; passes and skips are not listed.
    std::vector<Result> mixed = {builders::make_result("a", "x", Status::Info), builders::make_result("b", "x", Status::Warn),
                                 builders::make_result("c", "x", Status::Pass), builders::make_result("d", "x", Status::Error),
                                 builders::make_result("e", "x", Status::Skip), builders::make_result("f", "x", Status::Fail)};
    group.clear();
    for (const auto& r : mixed) group.push_back(&r);
    std::vector<std::string> order;
    for (const auto& f : text::group_findings(group)) order.push_back(f.results.front()->check);
    CHECK(order == std::vector<std::string>{"f", "d", "b", "a"});
}

TEST_CASE("text report: fix items fold causes with the same check status reason and fix and add up what they block") {
    Result a = builders::make_result("tls.chain", "a:443", Status::Fail);
    Result b = builders::make_result("tls.chain", "b:443", Status::Fail);
    Result c = builders::make_result("tls.chain", "c:443", Status::Fail);
    Result d = builders::make_result("dns.lyncdiscover", "contoso.com", Status::Fail);
    for (Result* r : {&a, &b, &c}) {
        r->reason = "chain-untrusted";
        r->remediation = "Serve the complete chain.";
    }
    c.reason = "chain-expired";
    const auto items = text::fix_items({{&a, 5}, {&d, 4}, {&b, 2}, {&c, 1}});
    REQUIRE(items.size() == 3);
    CHECK(items[0].results == std::vector<const Result*>{&a, &b});
    CHECK(items[0].blocks == 7);
    CHECK(items[1].results == std::vector<const Result*>{&d});
    CHECK(items[2].results == std::vector<const Result*>{&c});
    const text::FixNumbers numbers = text::fix_numbers(items);
    CHECK(text::fix_number(numbers, a) == 1);
    CHECK(text::fix_number(numbers, b) == 1);
    CHECK(text::fix_number(numbers, d) == 2);
    CHECK(text::fix_number(numbers, c) == 3);
    CHECK(text::fix_number(numbers, builders::make_result("x", "y", Status::Fail)) == 0);
}

TEST_CASE("text report: -v lists every result and -q prints the summary line only") {
    const Run run = judged("missing-internal-fabrikam");
    TextStyle verbose;
    verbose.detail = TextDetail::Verbose;
    const std::string full = text_of(run, verbose);
    const auto listed = std::count_if(run.results.begin(), run.results.end(),
                                      [](const Result& r) { return !(r.status == Status::Skip && r.subject == "*"); });
    std::size_t labels = 0;
    for (const char* label : {"PASS  ", "INFO  ", "WARN  ", "FAIL  ", "SKIP  ", "ERROR "}) labels += count_of(full, "  " + std::string(label));
    CHECK(labels == static_cast<std::size_t>(listed));
    CHECK(full.find("fix: ", full.find("FAIL  dns.lyncdiscoverinternal")) != std::string::npos);

    TextStyle quiet;
    quiet.detail = TextDetail::Quiet;
    quiet.width = 40;
    const auto lines = lines_of(text_of(run, quiet));
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].rfind("summary: ", 0) == 0);
    CHECK(lines[0] == summary_of(text_of(run, TextStyle{false, 1000})));
}

// A line may run over only where wrapping could not help: its last word would not fit even on a
// continuation line (a long check ID after its status, a URL).
TEST_CASE("text report: every line fits the width it is given - but for a word longer than a wrapped line") {
    for (const char* fixture : {"tls-untrusted", "http-links-internal", "internal-dns-refused", "good"}) {
        const Run run = judged(fixture);
        for (std::size_t width : {40, 60, 80, 100, 132}) {
            for (TextDetail detail : {TextDetail::Default, TextDetail::Verbose}) {  // -q is one line, whole
                CAPTURE(fixture);
                CAPTURE(width);
                const std::string text = text_of(run, TextStyle{false, width, true, detail});
                for (const auto& line : lines_of(text)) {
                    if (columns(line) <= width) continue;
                    const std::string last_word = line.substr(line.rfind(' ') + 1);
                    const bool alone = line.find(' ', line.find_first_not_of(' ')) == std::string::npos;
                    CAPTURE(line);
                    CHECK((alone || columns(last_word) + 8 > width));
                }
            }
        }
    }
}

TEST_CASE("text report: in ASCII no byte is outside ASCII and the arrows and dots have stand-ins") {
    const Run run = judged("good");
    TextStyle ascii;
    ascii.unicode = false;
    ascii.detail = TextDetail::Verbose;
    const std::string unicode_text = text_of(run, TextStyle{false, 100, true, TextDetail::Verbose});
    REQUIRE(unicode_text.find("→") != std::string::npos);
    REQUIRE(unicode_text.find("·") != std::string::npos);
    const std::string text = text_of(run, ascii);
    CHECK(std::all_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x80; }));
    CHECK(count_of(text, " -> ") >= count_of(unicode_text, " → "));
    CHECK(count_of(text, " - ") >= count_of(unicode_text, " · "));
}

TEST_CASE("text::ascii replaces what it knows and marks the rest") {
    struct Row {
        std::string in, out;
    };
    const Row rows[] = {
        {"plain text", "plain text"},
        {"a → b · c", "a -> b - c"},
        {"waiver — expired", "waiver -- expired"},
        {"“quoted” ‘single’ …", "\"quoted\" 'single' ..."},
        {"2 × 3 ≤ 7 ≥ 1", "2 x 3 <= 7 >= 1"},
        {"SPEC §1", "SPEC S1"},
        {"caf\xC3\xA9", "caf?"},                 // é: no stand-in
        {"\xF0\x9F\x94\x92 lock", "? lock"},      // a four-byte character
        {"bad \xFF byte", "bad ? byte"},          // not UTF-8
        {"cut \xE2\x86", "cut ??"},               // a sequence cut short
        {"lone \x80 continuation", "lone ? continuation"},
        {"overlong \xC0\xAF", "overlong ??"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.in);
        CHECK(text::ascii(row.in) == row.out);
    }
}

TEST_CASE("text report: colour only when asked for") {
    const Run run = judged("missing-internal-fabrikam");
    CHECK(text_of(run).find('\033') == std::string::npos);
    CHECK(text_of(run, TextStyle{true}).find("\033[1;31mFAIL") != std::string::npos);
}

namespace {

// A SIP domain's results and the deployment-wide ones: what the HTML report draws its diagram from.
std::vector<const Result*> diagram_input(const Run& run, const std::string& sip_domain) {
    std::vector<const Result*> read;
    for (const auto& group : text::groups_of(run.evidence.plan.sip_domains, run.results)) {
        if (group.sip_domain == sip_domain || group.sip_domain.empty()) read.insert(read.end(), group.results.begin(), group.results.end());
    }
    return read;
}

const html::Step& step_labelled(const std::vector<html::PhonePath>& paths, std::size_t path, const std::string& role) {
    for (const auto& s : paths.at(path).steps) {
        if (s.role == role) return s;
    }
    FAIL("no step " << role);
    return paths.at(path).steps.front();
}

std::string seen_of(const html::Step& s) {
    std::string all;
    for (const auto& line : s.seen) all += (all.empty() ? "" : "; ") + line;
    return all;
}

}  // namespace

TEST_CASE("html diagram: each step of a phone's path is judged by its own checks and drawn in the worst status") {
    const Run run = judged("missing-internal-fabrikam");
    // The HTML report draws a SIP domain's paths from its group and the deployment's: every result a
    // step reads is in them.
    std::vector<const Result*> all;
    for (const Result& r : run.results) all.push_back(&r);
    for (const std::string sip : {"fabrikam.com", "contoso.com"}) {
        const auto from_all = html::phone_paths(sip, "", all), from_groups = html::phone_paths(sip, "", diagram_input(run, sip));
        REQUIRE(from_all.size() == from_groups.size());
        for (std::size_t p = 0; p < from_all.size(); ++p) {
            for (std::size_t i = 0; i < from_all[p].steps.size(); ++i) {
                CHECK(from_all[p].steps[i].results == from_groups[p].steps[i].results);
                CHECK(from_all[p].steps[i].seen == from_groups[p].steps[i].seen);
            }
        }
    }
    const auto fabrikam = html::phone_paths("fabrikam.com", "", diagram_input(run, "fabrikam.com"));
    REQUIRE(fabrikam.size() == 2);
    REQUIRE(fabrikam[0].steps.size() == 5);
    REQUIRE(fabrikam[1].steps.size() == 5);
    const html::Step& dns = fabrikam[0].steps[0];
    CHECK(dns.label == "lyncdiscoverinternal.fabrikam.com");
    CHECK(dns.status() == Status::Fail);
    REQUIRE_FALSE(dns.results.empty());
    for (const Result* r : dns.results) CHECK(r->subject == "fabrikam.com");
    CHECK(fabrikam[0].steps[2].status() == Status::Skip);  // the root: blocked by the missing name
    CHECK(fabrikam[1].steps[0].status() == Status::Pass);  // outside, lyncdiscover resolves
    for (const auto& path : html::phone_paths("contoso.com", "", diagram_input(run, "contoso.com"))) {
        for (const auto& step : path.steps) {
            CAPTURE(step.label);
            CHECK(step.status() == Status::Pass);
            CHECK_FALSE(step.results.empty());
        }
    }
    // A step nothing judged is drawn as not judged, and a waived problem not as a problem.
    CHECK(html::Step{"x", "y", {}, {}}.status() == Status::Skip);
    Result waived = builders::make_result("dns.lyncdiscover", "contoso.com", Status::Fail);
    waived.waiver = WaiverMark{"accepted", "", false, "test"};
    CHECK(html::Step{"x", "y", {&waived}, {}}.status() == Status::Info);
    const std::string svg = html::diagram_svg(fabrikam, run.results);
    CHECK(svg.find("data-label=\"lyncdiscoverinternal.fabrikam.com\"") != std::string::npos);
    CHECK(svg.find("stroke=\"#c62828\"") != std::string::npos);
}

TEST_CASE("html diagram: each step shows what the run saw there - DNS answers with their CNAME hops and addresses and the web services") {
    const Run run = judged("missing-internal-fabrikam");
    const auto contoso = html::phone_paths("contoso.com", "", diagram_input(run, "contoso.com"));
    // Inside: the internal view's answer, the Front End probed at it, the root and the user link.
    CHECK(seen_of(step_labelled(contoso, 0, "internal DNS")) == "CNAME pool01.contoso.net; A 127.10.0.10");
    CHECK(seen_of(step_labelled(contoso, 0, "Front End or Director (TLS)")) == "at 127.10.0.10");
    CHECK(seen_of(step_labelled(contoso, 0, "Autodiscover root")) == "HTTP 200; Front End fe01.contoso.net");
    const html::Step& user_link = step_labelled(contoso, 0, "web services (user link)");
    CHECK(user_link.label == "pool01.contoso.net");  // the host the internal user link names
    CHECK(seen_of(user_link) == "user link: HTTP 401; Front End fe01.contoso.net");
    const html::Step& hairpin = step_labelled(contoso, 0, "Mobility via reverse proxy");
    CHECK(hairpin.label == "webext.contoso.com");
    CHECK(seen_of(hairpin) == "A 127.20.0.10; reached at 127.20.0.10");
    // Outside: the external view's answer through its CNAME, the reverse proxy, the web services.
    CHECK(seen_of(step_labelled(contoso, 1, "external DNS")) == "CNAME webext.contoso.com; A 127.20.0.10");
    CHECK(seen_of(step_labelled(contoso, 1, "reverse proxy (TLS)")) == "at 127.20.0.10");
    const html::Step& web = step_labelled(contoso, 1, "web services (UCWA, Mobility)");
    CHECK(web.label == "webext.contoso.com");
    CHECK(seen_of(web) == "user link: HTTP 401; /ucwa/: HTTP 401; /Mcx/McxService.svc: HTTP 200; Front End fe02.contoso.net");
    std::set<std::string> web_checks;
    for (const Result* r : web.results) web_checks.insert(r->check);
    CHECK(web_checks == std::set<std::string>{"dns.web-external-public", "http.mobility-service", "http.user-challenge",
                                              "tls.chain", "tls.external-web-san", "tls.no-wildcard-subject", "tls.protocol",
                                              "tls.server-auth-eku", "tls.signature", "tls.validity"});
    // Modern authentication: the AD FS authority the user links name, outside, and its OpenID configuration.
    const html::Step& sign_in = step_labelled(contoso, 1, "sign-in (modern authentication)");
    CHECK(sign_in.label == "sts.contoso.com");
    CHECK(seen_of(sign_in) == "A 127.20.0.10; OpenID configuration: HTTP 200");
    // Where a name does not resolve, the step says so, and the steps it blocked show nothing.
    const auto fabrikam = html::phone_paths("fabrikam.com", "", diagram_input(run, "fabrikam.com"));
    CHECK(seen_of(step_labelled(fabrikam, 0, "internal DNS")) == "does not exist (NXDOMAIN)");
    CHECK(step_labelled(fabrikam, 0, "Autodiscover root").seen.empty());
    // The run's --external-web names the web services step, whatever the links said.
    CHECK(step_labelled(html::phone_paths("contoso.com", "web.example.org", diagram_input(run, "contoso.com")), 1,
                        "web services (UCWA, Mobility)")
              .label == "web.example.org");
}

TEST_CASE("html diagram: a broken step is drawn in its status with what went wrong there") {
    struct Row {
        const char* fixture;
        const char* sip;
        std::size_t path;  // 0 inside, 1 outside
        const char* role;
        Status status;
        const char* seen;
    };
    const Row rows[] = {
        {"http-mobility-missing", "contoso.com", 1, "web services (UCWA, Mobility)", Status::Fail,
         "user link: HTTP 401; /ucwa/: HTTP 404; /Mcx/McxService.svc: HTTP 404; Front End fe02.contoso.net"},
        {"tls-frontend-missing-internal", "fabrikam.com", 0, "Front End or Director (TLS)", Status::Fail, "at 127.10.0.10"},
        // The walk the certificate failed: blocked by it, with the request's failure in words.
        {"tls-frontend-missing-internal", "fabrikam.com", 0, "Autodiscover root", Status::Skip, "certificate not accepted"},
        {"cname-other-domain", "fabrikam.com", 1, "external DNS", Status::Warn, "CNAME webext.contoso.com; A 127.20.0.10"},
        {"http-adfs-inside-only", "fabrikam.com", 1, "sign-in (modern authentication)", Status::Fail, "does not exist (NXDOMAIN)"},
        {"http-adfs-openid-missing", "contoso.com", 1, "sign-in (modern authentication)", Status::Fail,
         "A 127.20.0.10; OpenID configuration: HTTP 404"},
    };
    for (const Row& row : rows) {
        const std::string fixture = row.fixture;
        CAPTURE(fixture);
        const Run run = judged(fixture);
        const auto paths = html::phone_paths(row.sip, "", diagram_input(run, row.sip));
        const html::Step& s = step_labelled(paths, row.path, row.role);
        CHECK(s.status() == row.status);
        CHECK(seen_of(s) == row.seen);
        const std::string svg = html::diagram_svg(paths, run.results);
        CHECK(svg.find("data-status=\"" + std::string(to_string(row.status)) + "\" data-label=\"" + s.label) != std::string::npos);
    }
}

TEST_CASE("html diagram: a box shows four lines of what was seen at most and counts the rest") {
    Result r = builders::make_result("dns.lyncdiscover", "contoso.com", Status::Pass);
    html::Step s{"lyncdiscover.contoso.com", "external DNS", {&r}, {"A 192.0.2.1", "A 192.0.2.2", "A 192.0.2.3", "A 192.0.2.4", "A 192.0.2.5"}};
    const std::vector<Result> results{r};
    s.results = {&results[0]};
    const std::string svg = html::diagram_svg({html::PhonePath{"outside", {s}}}, results);
    CHECK(svg.find(">A 192.0.2.3</text>") != std::string::npos);
    CHECK(svg.find(">A 192.0.2.4</text>") == std::string::npos);
    CHECK(svg.find(">and 2 more</text>") != std::string::npos);
    CHECK(svg.find("data-seen=\"A 192.0.2.1; A 192.0.2.2; A 192.0.2.3; A 192.0.2.4; A 192.0.2.5\"") != std::string::npos);
}

TEST_CASE("text report: checks left out are named for why - not selected by this run or not probed by the saved one") {
    Evidence dns_only = fixtures::load("good");
    dns_only.plan.probes = ProbeFamilies{true, false, false, false};
    const TextStyle wide{false, 1000};  // each left-out line whole
    const std::string replay = text_of(report_header(dns_only), judge(dns_only, builtin_registry(), {}), wide);
    CAPTURE(replay);
    CHECK(replay.find("\nnot probed (the run that saved this evidence was limited with --only/--skip): topology.*, http.*, "
                      "tls.*, ports.* (25 checks)\n") != std::string::npos);
    CHECK(replay.find("not selected") == std::string::npos);

    const Evidence good = fixtures::load("good");
    const std::string selected =
        text_of(report_header(good), judge(good, builtin_registry(), Selection{{"dns", "tls.chain"}, {}}), wide);
    CAPTURE(selected);
    CHECK(selected.find("\nnot selected: topology.*, http.*, tls.lyncdiscover-san,") != std::string::npos);
    CHECK(selected.find("ports.* (24 checks)") != std::string::npos);
    CHECK(selected.find("not probed") == std::string::npos);
}

TEST_CASE("text findings: results are grouped once - named SIP domains then the deployment then any other") {
    auto result = [](std::string domain, Status status, bool blocked = false, std::string subject = "x") {
        Result r = builders::make_result("dns.lyncdiscover", std::move(subject), status);
        r.sip_domain = std::move(domain);
        if (blocked) r.blocked_by = BlockedBy{"dns.resolver", "internal view"};
        return r;
    };
    const std::vector<Result> results = {result("other.example", Status::Pass), result("", Status::Fail),
                                         result("contoso.com", Status::Skip, true), result("contoso.com", Status::Pass),
                                         result("contoso.com", Status::Skip), result("contoso.com", Status::Skip, false, "*")};
    const auto groups = text::groups_of({"fabrikam.com", "contoso.com"}, results);
    std::vector<std::string> names;
    std::size_t members = 0;
    for (const auto& g : groups) {
        names.push_back(g.sip_domain);
        members += g.results.size();
    }
    CHECK(names == std::vector<std::string>{"fabrikam.com", "contoso.com", "", "other.example"});
    CHECK(members == results.size());  // nothing is lost, nothing twice
    REQUIRE(groups[1].results.size() == 4);
    CHECK(groups[1].results.front() == &results[2]);
    const text::Passed passed = text::passed_in(groups[1]);
    CHECK(passed.pass == 1);
    CHECK(passed.blocked == 1);
    CHECK(passed.not_judged == 1);  // the left-out "*" is not counted
    CHECK(passed.not_judged_checks == std::vector<std::string>{"dns.lyncdiscover"});
    CHECK(text::passed_in(groups[0]).pass == 0);
    // Subjects named: all of few, some of many.
    std::vector<const Result*> three = {&results[0], &results[1], &results[3]};
    CHECK(text::subject_list({&results[0]}, 2) == "x");
    CHECK(text::subject_list(three, 2) == "3 subjects: x, x and 1 more");
    CHECK(text::subject_list(three, 3) == "3 subjects: x, x, x");
    CHECK(text::first_and_more(three) == "x and 2 more");
    CHECK(text::first_and_more({&results[0]}) == "x");
}

TEST_CASE("html diagram: evidence of any shape (a merged report's) shows what it can and never throws") {
    // mobcheck merge reads results from report files: their evidence is whatever the file says.
    const nlohmann::json shapes[] = {
        nullptr, 42, "text", nlohmann::json::array({1, 2}),
        {{"dns", 7}},
        {{"dns", {{"chain", "x"}, {"addresses", {1, nullptr, "192.0.2.7"}}, {"outcome", 3}}}},
        {{"dns", {{"chain", {{{"target", 5}}, "y", {{"target", "hop.example"}}}}, {"outcome", "servfail"}}}},
        {{"walk", {{"hops", {{{"status", "200"}, {"headers", {{"X-MS-Server-Fqdn"}, 5, {"x-ms-server-fqdn", "fe9.example"}}}}}}}}},
        {{"walk", {{"hops", nlohmann::json::array()}}}},
        {{"probes", {{{"address", 1}}, 3, {{"address", "192.0.2.8"}, {"outcome", "timeout"}}}}},
    };
    std::vector<std::string> seen;
    for (const auto& evidence : shapes) {
        CAPTURE(evidence.dump());
        std::vector<Result> results;
        for (const char* check : {"dns.lyncdiscover", "http.lyncdiscover", "http.user-challenge", "tls.chain"}) {
            Result r = builders::make_result(check, "contoso.com", Status::Pass);
            if (std::string(check) == "http.user-challenge") r.subject = "lyncdiscover.contoso.com";
            if (std::string(check) == "tls.chain") r.subject = "lyncdiscover.contoso.com:443";
            r.evidence = evidence;
            results.push_back(r);
        }
        std::vector<const Result*> read;
        for (const Result& r : results) read.push_back(&r);
        std::vector<html::PhonePath> paths;
        CHECK_NOTHROW(paths = html::phone_paths("contoso.com", "", read));
        CHECK_NOTHROW(html::diagram_svg(paths, results));
        for (const auto& s : paths.at(1).steps) seen.insert(seen.end(), s.seen.begin(), s.seen.end());
    }
    // What was readable was read, and nothing else.
    CAPTURE(nlohmann::json(seen).dump());
    CHECK(seen == std::vector<std::string>{"A 192.0.2.7", "CNAME hop.example", "SERVFAIL",
                                           "Front End fe9.example",  // the root's step
                                           "Front End fe9.example",  // the web services' step
                                           "192.0.2.8: timeout"});
}
