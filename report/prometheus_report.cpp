// Prometheus text exposition format, for node_exporter's textfile collector: a scheduled run writes
// it (atomically, so the collector never reads half a file) and alerts fire on the gauges.
#include <cstdio>
#include <ctime>
#include <ostream>

#include "model/utc_time.hpp"
#include "writers.hpp"

namespace mobcheck {

namespace {

// Label values escape \ " and line breaks.
std::string label(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

// An ISO 8601 UTC time as Unix time; 0 when it cannot be read.
long long unix_time(const std::string& iso) {
    const auto parsed = parse_utc_time(iso);
    return parsed ? static_cast<long long>(*parsed) : 0;
}

std::string number(double value) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.6g", value);
    return buf;
}

}  // namespace

void write_prometheus_report(const ReportInput& input, std::ostream& out) {
    const auto& results = input.results;
    const ReportHeader& header = input.header;
    // State sets (the OpenMetrics StateSet pattern): one series per status for every result, 1 for the
    // status it has and 0 for the others, so a series never vanishes when its status changes and an
    // alert on status="fail" resolves when the result passes. A waived result is counted apart: its
    // mobcheck_result states are all 0 and mobcheck_waived_result holds its status, so alerts on
    // mobcheck_result agree with the gate.
    auto state_set = [&](const char* name, const char* help, bool waived) {
        out << "# HELP " << name << " " << help << "\n# TYPE " << name << " gauge\n";
        for (const auto& r : results) {
            if (r.subject == "*") continue;  // a check not selected (or not probed): no subject to report
            std::string labels = "check=\"" + label(r.check) + "\",subject=\"" + label(r.subject) +
                                 "\",sip_domain=\"" + label(r.sip_domain) + "\"";
            if (waived) labels += ",expires=\"" + label(r.waiver ? r.waiver->expires : "") + "\"";
            for (Status state : kStatusesInSummaryOrder) {
                const bool is = r.status == state && r.waived() == waived;
                out << name << "{" << labels << ",status=\"" << to_string(state) << "\"} " << (is ? 1 : 0) << "\n";
            }
        }
    };
    state_set("mobcheck_result", "One check about one subject: 1 for the status it has, 0 for the others.", false);
    state_set("mobcheck_waived_result",
              "A result a waiver of the topology file accepts: 1 for the status it has, 0 for the others.", true);
    const Summary s = summarize(results);
    out << "# HELP mobcheck_results Results of the last run, by status.\n# TYPE mobcheck_results gauge\n";
    for (Status st : kStatusesInSummaryOrder) {
        out << "mobcheck_results{status=\"" << to_string(st) << "\"} " << s.count(st) << "\n";
    }
    out << "# HELP mobcheck_results_waived Results of the last run that a waiver accepts.\n"
        << "# TYPE mobcheck_results_waived gauge\n"
        << "mobcheck_results_waived " << s.waived << "\n";
    out << "# HELP mobcheck_run_duration_seconds How long the last run probed.\n"
        << "# TYPE mobcheck_run_duration_seconds gauge\n"
        << "mobcheck_run_duration_seconds " << number(header.duration_ms / 1000) << "\n"
        << "# HELP mobcheck_run_timestamp_seconds When the report was written (Unix time).\n"
        << "# TYPE mobcheck_run_timestamp_seconds gauge\n"
        << "mobcheck_run_timestamp_seconds " << std::time(nullptr) << "\n"
        << "# HELP mobcheck_replay 1 when the report judges saved evidence (--replay) instead of a run made now.\n"
        << "# TYPE mobcheck_replay gauge\n"
        << "mobcheck_replay " << (header.replayed_from ? 1 : 0) << "\n"
        << "# HELP mobcheck_evidence_timestamp_seconds When the evidence judged was recorded (Unix time).\n"
        << "# TYPE mobcheck_evidence_timestamp_seconds gauge\n"
        << "mobcheck_evidence_timestamp_seconds " << unix_time(header.started_at) << "\n"
        << "# HELP mobcheck_connect_seconds TCP connect latency of each open port probed.\n"
        << "# TYPE mobcheck_connect_seconds gauge\n";
    for (const auto& p : header.open_ports) {
        out << "mobcheck_connect_seconds{host=\"" << label(p.host) << "\",address=\"" << label(p.address)
            << "\",port=\"" << p.port << "\"} " << number(p.latency_ms / 1000) << "\n";
    }
    out << "# HELP mobcheck_certificate_expiry_timestamp_seconds When the certificate served for a name at an "
           "address expires (Unix time).\n"
        << "# TYPE mobcheck_certificate_expiry_timestamp_seconds gauge\n";
    for (const auto& c : header.certificates) {
        out << "mobcheck_certificate_expiry_timestamp_seconds{name=\"" << label(c.name) << "\",address=\""
            << label(c.address) << "\",port=\"" << c.port << "\"} " << c.not_after << "\n";
    }
}

}  // namespace mobcheck
