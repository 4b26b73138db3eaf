// The pipeline and monitoring formats, rendered from recorded runs and read back as their consumers do.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "fixtures.hpp"
#include "report/formats.hpp"
#include "xml_scan.hpp"

using namespace mobcheck;

namespace {
using Run = fixtures::JudgedRun;
using fixtures::judged;
// The run's report in format, with the gate.
std::string render(const char* format, const Run& run, Gate gate = Gate::Fail) {
    std::ostringstream out;
    find_report_format(format)->write({report_header(run.evidence), run.results, builtin_registry(), gate}, out);
    return out.str();
}
}  // namespace

TEST_CASE("formats: names") {
    REQUIRE(find_report_format("junit") != nullptr);
    CHECK(find_report_format("junit")->name == "junit");
    CHECK_FALSE(find_report_format("yaml"));
    CHECK(report_format_names() ==
          std::vector<std::string>{"text", "json", "junit", "markdown", "nagios", "prometheus", "html"});
    // The Nagios plugin output has the plugin's exit codes; every other format the gate's.
    const Run run = judged("apns-blocked");  // one warning
    const ReportInput input{report_header(run.evidence), run.results, builtin_registry()};
    CHECK(find_report_format("nagios")->exit_code(input) == 1);
    CHECK(find_report_format("json")->exit_code(input) == 0);
}

TEST_CASE("formats: JUnit XML has a testcase per result and maps statuses") {
    const Run run = judged("sba-port-closed");
    const std::string xml_text = render("junit", run);
    const xml::Document doc = xml::scan(xml_text);
    REQUIRE_MESSAGE(doc.error.empty(), doc.error);
    const xml::Element& top = doc.elements.front();
    CHECK(top.name == "testsuites");
    CHECK(top.attr("tests") == std::to_string(run.results.size()));
    const Summary s = summarize(run.results);
    CHECK(top.attr("failures") == std::to_string(s.count(Status::Fail)));
    CHECK(top.attr("errors") == std::to_string(s.count(Status::Error)));

    std::size_t cases = 0, failures = 0;
    bool found = false;
    for (std::size_t i = 0; i < doc.elements.size(); ++i) {
        const auto& e = doc.elements[i];
        if (e.name == "testcase") ++cases;
        if (e.name == "failure") ++failures;
        if (e.name == "testcase" && e.attr("classname") == "mobcheck.ports.sba-ucwa-primary" &&
            e.attr("name") == "sba-lima.contoso.net:5089") {
            found = true;
            REQUIRE(i + 1 < doc.elements.size());
            CHECK(doc.elements[i + 1].name == "failure");
            CHECK(doc.elements[i + 1].attr("message").find("closed") != std::string::npos);
        }
    }
    CHECK(cases == run.results.size());
    CHECK(failures == s.count(Status::Fail));
    CHECK(found);
}

TEST_CASE("formats: JUnit with --fail-on warn turns warnings into failures") {
    const Run run = judged("apns-blocked");
    const xml::Document fail_gate = xml::scan(render("junit", run));
    const xml::Document warn_gate = xml::scan(render("junit", run, Gate::Warn));
    CHECK(fail_gate.elements.front().attr("failures") == "0");
    CHECK(warn_gate.elements.front().attr("failures") == "1");
}

TEST_CASE("formats: XML escaping survives any message") {
    Run run = judged("good");
    run.results.front().message = "a <b> & \"c\" 'd' \x01\x02 ]]> end";
    run.results.front().status = Status::Fail;
    const xml::Document doc = xml::scan(render("junit", run));
    REQUIRE_MESSAGE(doc.error.empty(), doc.error);
    bool seen = false;
    for (const auto& e : doc.elements) {
        if (e.name == "failure") {
            CHECK(e.attr("message") == "a <b> & \"c\" 'd'  ]]> end");
            seen = true;
        }
    }
    CHECK(seen);
}

TEST_CASE("formats: Nagios status line with performance data and exit codes") {
    const Run good = judged("good");
    const std::string ok = render("nagios", good);
    CHECK(ok.starts_with("MOBCHECK OK - "));
    CHECK(nagios_exit_code(summarize(good.results)) == 0);
    // Performance data: label=value[unit] pairs after the first "|".
    const std::string first_line = ok.substr(0, ok.find('\n'));
    const auto bar = first_line.find(" | ");
    REQUIRE(bar != std::string::npos);
    std::istringstream perf(first_line.substr(bar + 3));
    std::string item;
    const std::regex pair(R"([a-z_]+=[0-9.]+s?(;[0-9]+:;[0-9]+:)?)");
    int items = 0;
    while (perf >> item) {
        CAPTURE(item);
        CHECK(std::regex_match(item, pair));
        ++items;
    }
    CHECK(items >= 7);
    CHECK(first_line.find(" cert_days_left=") != std::string::npos);
    // The certificate closest to expiry, against the warning horizon: tls-expiring-soon's proxy has 10 days.
    const Run expiring = judged("tls-expiring-soon");
    const std::string soon = render("nagios", expiring);
    CHECK(soon.substr(0, soon.find('\n')).ends_with(" cert_days_left=10;30:;0:"));

    const Run broken = judged("sba-port-closed");
    const std::string critical = render("nagios", broken);
    CHECK(critical.starts_with("MOBCHECK CRITICAL - 1 fail, 0 warn, 0 error: fix first ports.sba-ucwa-primary "
                               "sba-lima.contoso.net:5089 |"));
    CHECK(critical.find("ports.sba-ucwa-primary sba-lima.contoso.net:5089") != std::string::npos);
    CHECK(nagios_exit_code(summarize(broken.results)) == 2);
    CHECK(nagios_exit_code(summarize(judged("apns-blocked").results)) == 1);
    CHECK(nagios_exit_code(summarize(judged("external-dns-drops").results)) == 3);
}

TEST_CASE("formats: Prometheus textfile parses line by line") {
    const Run run = judged("sba-port-filtered");
    const std::string text = render("prometheus", run);
    const std::regex help(R"(# HELP [a-z_]+ .+)");
    const std::regex type(R"(# TYPE [a-z_]+ (gauge|counter))");
    const std::regex sample(R"re([a-z_]+(\{([a-z_]+="([^"\\]|\\.)*",?)*\})? -?[0-9.e+-]+)re");
    std::istringstream lines(text);
    std::string line;
    std::size_t samples = 0, results = 0;
    while (std::getline(lines, line)) {
        CAPTURE(line);
        CHECK((std::regex_match(line, help) || std::regex_match(line, type) || std::regex_match(line, sample)));
        if (line.rfind("mobcheck_", 0) == 0) ++samples;
        if (line.rfind("mobcheck_result{", 0) == 0) ++results;
    }
    CHECK(samples > 20);
    // A state set: every status of the result, 1 for the one it has.
    const std::string series = "mobcheck_result{check=\"ports.sba-ucwa-external\",subject=\"sba-lima.contoso.net:5088\","
                               "sip_domain=\"\",status=";
    for (Status st : kStatusesInSummaryOrder) {
        CAPTURE(to_string(st));
        CHECK(text.find(series + "\"" + to_string(st) + "\"} " + (st == Status::Fail ? "1" : "0") + "\n") != std::string::npos);
    }
    std::size_t subjects = 0;
    for (const auto& r : run.results) subjects += r.subject != "*";
    CHECK(results == 6 * subjects);
    CHECK(text.find("mobcheck_replay 0\n") != std::string::npos);
    CHECK(std::regex_search(text, std::regex(R"(\nmobcheck_evidence_timestamp_seconds [0-9]{10}\n)")));
    CHECK(text.find("mobcheck_results{status=\"fail\"} 1") != std::string::npos);
    CHECK(text.find("mobcheck_connect_seconds{host=\"sba-oslo.contoso.net\"") != std::string::npos);
    CHECK(std::regex_search(text, std::regex(R"(\nmobcheck_certificate_expiry_timestamp_seconds\{name="webext\.contoso\.com",)"
                                             R"(address="127\.20\.0\.10",port="443"\} [0-9]{10}\n)")));
}

TEST_CASE("formats: Markdown names the verdict and each problem") {
    const Run run = judged("missing-internal-fabrikam");
    const std::string md = render("markdown", run);
    CHECK(md.starts_with("## mobcheck: ❌ not ready"));
    CHECK(md.find("### fabrikam.com") != std::string::npos);
    CHECK(md.find("| fail | `dns.lyncdiscoverinternal` | fabrikam.com |") != std::string::npos);
    // Problems first, passes counted, not listed.
    CHECK(md.find("### Fix first\n\n1. **fail** `dns.lyncdiscoverinternal` fabrikam.com (blocks 4): Create") !=
          std::string::npos);
    CHECK(md.find("### Fix first") < md.find("### fabrikam.com"));
    CHECK(md.find("### fabrikam.com") < md.find("### Passed"));
    CHECK(md.find("- contoso.com: 28 pass\n") != std::string::npos);
    CHECK(md.find("- fabrikam.com: 17 pass, 4 blocked by the problems above\n") != std::string::npos);
    CHECK(md.find("<details>") == std::string::npos);
    CHECK(md.find("| pass | `") == std::string::npos);  // no row of a passing result
    const Run good = judged("good");
    CHECK(render("markdown", good).starts_with("## mobcheck: ✅"));
    CHECK(render("markdown", good).find("### Fix first") == std::string::npos);
}

namespace {

// A deployment with n branch appliances whose port 5088 fails, each with a message of its own; with
// distinct set, each also with a reason of its own, so that nothing folds.
std::vector<Result> failing_appliances(std::size_t n, bool distinct) {
    std::vector<Result> results;
    for (std::size_t i = 0; i < n; ++i) {
        Result r;
        r.check = "ports.sba-ucwa-external";
        r.subject = "sba" + std::to_string(1000 + i) + ".branch.contoso.net:5088";
        r.status = Status::Fail;
        r.reason = distinct ? "reason-" + std::to_string(i) : "port-unreachable";
        r.message = "UcwaSipExternalListeningPort (TCP 5088) does not answer on " + r.subject +
                    ": filtered (no answer within 1000 ms: dropped on the way, as by a firewall).";
        r.remediation = "Allow TCP 5088 from the Front End pool to " + r.subject.substr(0, r.subject.find(':')) +
                        " on the firewalls between them.";
        results.push_back(std::move(r));
    }
    return results;
}

std::string render_input(const char* format, const ReportInput& input) {
    std::ostringstream out;
    find_report_format(format)->write(input, out);
    return out.str();
}

// The Nagios Plugin Development Guidelines' threshold range: "[@]start:end", start "~" for minus
// infinity, an empty end for infinity, a bare number N for 0:N. true: the value raises the alert.
bool nagios_alerts(const std::string& range, double value) {
    std::string r = range;
    const bool inside = !r.empty() && r[0] == '@';
    if (inside) r.erase(0, 1);
    const auto colon = r.find(':');
    double start = 0, end = 1e300;
    if (colon == std::string::npos) {
        end = std::stod(r);
    } else {
        const std::string a = r.substr(0, colon), b = r.substr(colon + 1);
        start = a == "~" ? -1e300 : a.empty() ? 0 : std::stod(a);
        if (!b.empty()) end = std::stod(b);
    }
    const bool within = value >= start && value <= end;
    return inside ? within : !within;
}

}  // namespace

TEST_CASE("formats: Nagios certificate thresholds alert below the horizon as a plugin consumer reads them") {
    const Run expiring = judged("tls-expiring-soon");
    const std::string line = render("nagios", expiring).substr(0, render("nagios", expiring).find('\n'));
    const std::regex perf(R"( cert_days_left=([0-9.-]+);([^;]*);([^;\s]*))");
    std::smatch m;
    REQUIRE(std::regex_search(line, m, perf));
    const std::string warn = m[2], crit = m[3];
    CHECK(warn == "30:");
    CHECK(crit == "0:");
    // As icinga or Nagios read them: 365 days raises nothing, 10 a warning, -1 the critical.
    CHECK_FALSE(nagios_alerts(warn, 365));
    CHECK_FALSE(nagios_alerts(crit, 365));
    CHECK(nagios_alerts(warn, 10));
    CHECK_FALSE(nagios_alerts(crit, 10));
    CHECK(nagios_alerts(warn, -1));
    CHECK(nagios_alerts(crit, -1));
    CHECK(nagios_alerts(warn, std::stod(std::string(m[1]))));  // this run: 10 days left, a warning
    // The range parser itself, on the guidelines' own examples.
    CHECK(nagios_alerts("10", 11));
    CHECK_FALSE(nagios_alerts("10", 5));
    CHECK(nagios_alerts("~:10", 11));
    CHECK(nagios_alerts("10:20", 9));
    CHECK(nagios_alerts("@10:20", 15));
}

TEST_CASE("formats: Nagios output stays under 8 KB and says how many problems it left out") {
    const std::vector<Result> results = failing_appliances(500, false);
    ReportHeader header;
    header.sip_domains = {"contoso.com"};
    const std::string text = render_input("nagios", ReportInput{header, results, builtin_registry()});
    CHECK(text.size() <= 8000);
    CHECK(text.starts_with("MOBCHECK CRITICAL - 500 fail, 0 warn, 0 error: fix first ports.sba-ucwa-external "
                           "sba1000.branch.contoso.net:5088 and 499 more |"));
    const std::regex more(R"(\n\.\.\. and ([0-9]+) more \(mobcheck --format json has every result\)\n$)");
    std::smatch m;
    REQUIRE(std::regex_search(text, m, more));
    const std::size_t listed = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) - 2;  // status, "more"
    CHECK(listed + std::stoul(m[1]) == 500);
    CHECK(listed > 10);
    // A short run is not cut.
    const std::string few = render_input("nagios", ReportInput{header, failing_appliances(3, false), builtin_registry()});
    CHECK(few.find("... and") == std::string::npos);
    CHECK(std::count(few.begin(), few.end(), '\n') == 4);
}

TEST_CASE("formats: Markdown folds identical findings and stays under 60000 characters with a note of what it cut") {
    ReportHeader header;
    header.sip_domains = {"contoso.com"};
    // Fifty identical findings: one fix item and one row.
    const auto fifty = failing_appliances(50, false);
    const std::string folded = render_input("markdown", ReportInput{header, fifty, builtin_registry()});
    CHECK(folded.find("1. **fail** `ports.sba-ucwa-external` sba1000.branch.contoso.net:5088 and 49 more like it") !=
          std::string::npos);
    CHECK(folded.find("| fail | `ports.sba-ucwa-external` | 50 subjects: sba1000.branch.contoso.net:5088, ") !=
          std::string::npos);
    CHECK(folded.find("and 40 more | e.g. ") != std::string::npos);
    CHECK(folded.find("sba1049") == std::string::npos);
    CHECK(folded.find("cut to keep") == std::string::npos);
    // Two thousand different ones: cut, and said so.
    const auto many = failing_appliances(2000, true);
    const std::string cut = render_input("markdown", ReportInput{header, many, builtin_registry()});
    CHECK(cut.size() <= 60000);
    CHECK(cut.size() > 50000);
    const std::regex note(R"(\n_([0-9]+) more lines cut to keep this report under 60,000 characters)");
    std::smatch m;
    REQUIRE(std::regex_search(cut, m, note));
    CHECK(std::stoul(m[1]) > 1000);
    CHECK(cut.starts_with("## mobcheck: ❌ not ready"));
    CHECK(cut.find("| fail | warn |") == std::string::npos);  // the counts table is there in full
    CHECK(cut.find("| 0 | 0 | 0 | 2000 | 0 | 0 |") != std::string::npos);
}

TEST_CASE("formats: a replayed run says so and when its evidence was recorded in every format") {
    const Run run = judged("missing-internal-fabrikam");
    ReportHeader header = report_header(run.evidence);
    REQUIRE_FALSE(header.started_at.empty());
    header.replayed_from = "saved/inside.json";
    const ReportInput input{header, run.results, builtin_registry()};
    const std::string recorded = header.started_at;
    CHECK(render_input("text", input).find("replay of saved/inside.json, recorded " + recorded) != std::string::npos);
    const auto json = nlohmann::json::parse(render_input("json", input));
    CHECK(json.at("run").at("replayed_from") == "saved/inside.json");
    CHECK(json.at("run").at("started_at") == recorded);
    CHECK(render_input("junit", input).find("<property name=\"mobcheck.recorded_at\" value=\"" + recorded + "\"/>") !=
          std::string::npos);
    CHECK(render_input("markdown", input).find("_A replay of `saved/inside.json`, recorded " + recorded) != std::string::npos);
    const std::string nagios = render_input("nagios", input);
    CHECK(nagios.substr(0, nagios.find('\n')).find(" [replay of a run recorded " + recorded + "] |") != std::string::npos);
    CHECK(render_input("prometheus", input).find("\nmobcheck_replay 1\n") != std::string::npos);
    // A live run says none of it.
    const ReportInput live{report_header(run.evidence), run.results, builtin_registry()};
    CHECK(render_input("text", live).find("replay of") == std::string::npos);
    CHECK(nlohmann::json::parse(render_input("json", live)).at("run").at("replayed_from").is_null());
    CHECK(render_input("junit", live).find("mobcheck.replayed_from") == std::string::npos);
    CHECK(render_input("prometheus", live).find("\nmobcheck_replay 0\n") != std::string::npos);
}

TEST_CASE("formats: HTML is one self-contained page with one element per result and nothing unescaped") {
    Run run = judged("missing-internal-fabrikam");
    // A hostile server's words in a message: shown as text, never as markup.
    run.results.front().message = "<script>alert(1)</script> & \"quoted\"";
    const std::string html = render("html", run);
    CHECK(html.starts_with("<!DOCTYPE html>"));
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;") != std::string::npos);
    CHECK_FALSE(std::regex_search(html, std::regex(R"((src|href)\s*=\s*"(https?:|//))")));
    std::size_t elements = 0;
    for (std::size_t at = html.find("<div class=\"result "); at != std::string::npos; at = html.find("<div class=\"result ", at + 1)) {
        ++elements;
    }
    CHECK(elements == run.results.size());
    // Problems are open; the fix-first list links each to its item.
    CHECK(std::regex_search(html, std::regex(R"re(data-check="dns\.lyncdiscoverinternal" data-subject="fabrikam\.com" data-status="fail">\n<details open>)re")));
    CHECK(html.find("<li id=\"fix1\">") != std::string::npos);
    CHECK(html.find("<a href=\"#fix1\">fix 1</a>") != std::string::npos);
    // A diagram per SIP domain, none for the deployment-wide results.
    std::size_t diagrams = 0;
    for (std::size_t at = html.find("<svg class=\"diagram\""); at != std::string::npos; at = html.find("<svg class=\"diagram\"", at + 1)) {
        ++diagrams;
    }
    CHECK(diagrams == run.evidence.plan.sip_domains.size());
}

TEST_CASE("formats: HTML holds each certificate role's required names against the certificate served for it") {
    const Run run = judged("tls-proxy-missing-fabrikam");
    const std::string html = render("html", run);
    auto row = [&](const std::string& role, const std::string& name) {
        const auto table = html.find("data-role=\"" + role + "\"");
        if (table == std::string::npos) return std::string("no table");
        const auto end = html.find("</table>", table);
        const std::regex cell("<tr data-name=\"" + std::regex_replace(name, std::regex(R"([.])"), "\\.") +
                              "\" data-status=\"(\\w+)\">");
        std::smatch m;
        const std::string part = html.substr(table, end - table);
        return std::regex_search(part, m, cell) ? std::string(m[1]) : std::string("no row");
    };
    // The reverse proxy (external web) certificate lacks the second SIP domain; the Front End's has it.
    CHECK(row("external-web", "lyncdiscover.fabrikam.com") == "fail");
    CHECK(row("external-web", "lyncdiscover.contoso.com") == "pass");
    CHECK(row("external-web", "webext.contoso.com") == "pass");
    CHECK(row("front-end", "lyncdiscoverinternal.fabrikam.com") == "pass");
    CHECK(row("front-end", "lyncdiscover.fabrikam.com") == "pass");
    CHECK(html.find("served for lyncdiscoverinternal.contoso.com at 127.10.0.10:443</p>") != std::string::npos);
    // A run that saw no certificate says so rather than judging names it never saw.
    Run none = run;
    none.evidence.tls.clear();
    const std::string unseen = render("html", none);
    CHECK(unseen.find("no certificate of this role was served in this run") != std::string::npos);
    CHECK(unseen.find("data-status=\"fail\"><td>") == std::string::npos);
}

TEST_CASE("formats: HTML shows each certificate served with the verdict of tls.validity about it") {
    Run run = judged("tls-expiring-soon");
    auto row_of = [](const std::string& html, const std::string& name) {
        const auto table = html.find("<section id=\"certificates\">");
        const auto at = html.find("<tr><td>" + name + "</td>", table);
        return at == std::string::npos ? std::string() : html.substr(at, html.find("</tr>", at) - at);
    };
    const std::string html = render("html", run);
    CHECK(row_of(html, "lyncdiscover.contoso.com").find(">warn</span> 10</td>") != std::string::npos);
    CHECK(row_of(html, "lyncdiscoverinternal.contoso.com").find(">pass</span> 365</td>") != std::string::npos);
    // The verdict is the check's (with its horizon and any override), not judged again here.
    for (Result& r : run.results) {
        if (r.check == "tls.validity" && r.subject == "lyncdiscover.contoso.com:443") r.status = Status::Fail;
    }
    CHECK(row_of(render("html", run), "lyncdiscover.contoso.com").find(">fail</span> 10</td>") != std::string::npos);
}
