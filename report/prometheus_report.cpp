// Prometheus text exposition format, for node_exporter's textfile collector: a scheduled run writes
// it (atomically, so the collector never reads half a file) and alerts fire on the gauges.
#include <cstdio>
#include <ctime>
#include <ostream>

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

std::string number(double value) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.6g", value);
    return buf;
}

}  // namespace

void write_prometheus_report(const ReportInput& input, std::ostream& out) {
    const auto& results = input.results;
    const ReportHeader& header = input.header;
    // A waived result has its own gauge, so alerts on mobcheck_result{status="fail"} agree with the gate.
    auto results_gauge = [&](const char* name, const char* help, bool waived) {
        out << "# HELP " << name << " " << help << "\n# TYPE " << name << " gauge\n";
        for (const auto& r : results) {
            if (r.subject == "*" || r.waived() != waived) continue;  // "*": not selected
            out << name << "{check=\"" << label(r.check) << "\",subject=\"" << label(r.subject) << "\",sip_domain=\""
                << label(r.sip_domain) << "\",status=\"" << to_string(r.status) << "\"";
            if (waived) out << ",expires=\"" << label(r.waiver->expires) << "\"";
            out << "} 1\n";
        }
    };
    results_gauge("mobcheck_result", "One check about one subject: 1 for the status it has.", false);
    results_gauge("mobcheck_waived_result", "A result a waiver of the topology file accepts: 1 for the status it has.",
                  true);
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
