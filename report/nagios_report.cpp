// Nagios/Icinga plugin output (Nagios Plugin Development Guidelines): one status line with
// performance data after "|", then the details, one per line.
#include <algorithm>
#include <cstdio>
#include <ostream>

#include "report/formats.hpp"
#include "writers.hpp"

namespace mobcheck {

namespace {

// The problems, the most pressing first: CRITICAL, WARNING, UNKNOWN.
constexpr Status kProblems[] = {Status::Fail, Status::Warn, Status::Error};

std::string number(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", value);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

// One line of plugin output: no "|" (it starts the performance data) and no line breaks.
std::string plain(const std::string& text) {
    std::string out;
    for (char c : text) out += (c == '|' ? '/' : (c == '\n' || c == '\r') ? ' ' : c);
    return out;
}

}  // namespace

int nagios_exit_code(const Summary& s) {
    if (s.count(Status::Fail) > 0) return 2;
    if (s.count(Status::Warn) > 0) return 1;
    if (s.count(Status::Error) > 0) return 3;
    return 0;
}

void write_nagios_report(const ReportInput& input, std::ostream& out) {
    const auto& results = input.results;
    const ReportHeader& header = input.header;
    const Summary s = summarize(results);
    static constexpr const char* kStates[] = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};
    const int code = nagios_exit_code(s);

    out << "MOBCHECK " << kStates[code] << " - ";
    if (code == 0) {
        out << s.count(Status::Pass) << " checks passed";
    } else {
        out << s.count(Status::Fail) << " fail, " << s.count(Status::Warn) << " warn, " << s.count(Status::Error)
            << " error";
        // The first problem, so a pager shows what to look at.
        for (Status worst : kProblems) {
            auto it = std::find_if(results.begin(), results.end(),
                                   [&](const Result& r) { return r.status == worst && !r.waived(); });
            if (it != results.end()) {
                out << ": " << it->check << " " << plain(it->subject);
                break;
            }
        }
    }
    // Performance data: counts, the run's duration, the slowest connect.
    out << " |";
    for (Status status : kStatusesInSummaryOrder) out << " " << to_string(status) << "=" << s.count(status);
    out << " waived=" << s.waived << " duration=" << number(header.duration_ms / 1000) << "s";
    if (!header.open_ports.empty()) {
        double slowest = 0;
        for (const auto& p : header.open_ports) slowest = std::max(slowest, p.latency_ms);
        out << " connect_max=" << number(slowest / 1000) << "s";
    }
    // The certificate closest to expiry, in days, with the warning horizon (--expiry-warn-days) and 0 as
    // thresholds: a graph of it shows a renewal coming before the check warns.
    const auto& certificates = header.certificates;
    if (!certificates.empty()) {
        double soonest = certificates.front().days_left();
        for (const auto& c : certificates) soonest = std::min(soonest, c.days_left());
        out << " cert_days_left=" << number(soonest) << ";" << header.expiry_warn_days << ";0";
    }
    out << "\n";
    for (Status status : kProblems) {
        for (const auto& r : results) {
            if (r.status != status || r.waived()) continue;
            out << to_string(r.status) << " " << r.check << " " << plain(r.subject) << ": " << plain(r.message) << "\n";
        }
    }
}

}  // namespace mobcheck
