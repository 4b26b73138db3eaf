// The pipeline and monitoring formats, rendered from recorded runs and read back as their consumers do.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "fixtures.hpp"
#include "report/formats.hpp"
#include "xml_scan.hpp"

using namespace mobcheck;

namespace {
struct Run {
    Evidence evidence;
    std::vector<Result> results;
};
Run judged(const std::string& fixture) {
    Run r{fixtures::load(fixture), {}};
    r.results = judge(r.evidence, builtin_registry(), {});
    return r;
}
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
          std::vector<std::string>{"text", "json", "junit", "markdown", "nagios", "prometheus"});
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
    const std::regex pair(R"([a-z_]+=[0-9.]+s?(;[0-9]+;[0-9]+)?)");
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
    CHECK(soon.substr(0, soon.find('\n')).ends_with(" cert_days_left=10;30;0"));

    const Run broken = judged("sba-port-closed");
    const std::string critical = render("nagios", broken);
    CHECK(critical.starts_with("MOBCHECK CRITICAL - 1 fail"));
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
    CHECK(text.find("mobcheck_result{check=\"ports.sba-ucwa-external\",subject=\"sba-lima.contoso.net:5088\","
                    "sip_domain=\"\",status=\"fail\"} 1") != std::string::npos);
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
    CHECK(md.find("<details>") != std::string::npos);
    const Run good = judged("good");
    CHECK(render("markdown", good).starts_with("## mobcheck: ✅"));
}
