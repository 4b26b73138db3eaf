// Nagios/Icinga plugin output (Nagios Plugin Development Guidelines): one status line with
// performance data after "|", then the details, one per line.
#include <algorithm>
#include <cstdio>
#include <ostream>

#include "report/formats.hpp"
#include "text_findings.hpp"
#include "writers.hpp"

namespace mobcheck {

namespace {

// The problems, the most pressing first: CRITICAL, WARNING, UNKNOWN.
constexpr Status kProblems[] = {Status::Fail, Status::Warn, Status::Error};

// Nagios keeps 8 KB of a plugin's output (MAX_PLUGIN_OUTPUT_LENGTH): the whole output stays under it,
// the status line first, with room for the "... and N more" line.
constexpr std::size_t kMaxOutput = 8000;
constexpr std::size_t kMoreLineRoom = 80;

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

    std::string status = "MOBCHECK " + std::string(kStates[code]) + " - ";
    if (code == 0) {
        status += std::to_string(s.count(Status::Pass)) + " checks passed";
    } else {
        status += std::to_string(s.count(Status::Fail)) + " fail, " + std::to_string(s.count(Status::Warn)) + " warn, " +
                  std::to_string(s.count(Status::Error)) + " error";
        // The first cause to fix, so a pager shows what to look at first.
        const auto items = text::fix_items(find_causes(results));
        if (!items.empty()) {
            status += ": fix first " + items.front().results.front()->check + " " + plain(text::first_and_more(items.front().results));
            if (items.front().blocks > 0) status += " (blocks " + std::to_string(items.front().blocks) + ")";
        }
    }
    if (header.replayed_from) status += " [replay of a run recorded " + header.started_at + "]";
    // Performance data: counts, the run's duration, the slowest connect.
    status += " |";
    for (Status st : kStatusesInSummaryOrder) status += " " + std::string(to_string(st)) + "=" + std::to_string(s.count(st));
    status += " waived=" + std::to_string(s.waived) + " duration=" + number(header.duration_ms / 1000) + "s";
    if (!header.open_ports.empty()) {
        double slowest = 0;
        for (const auto& p : header.open_ports) slowest = std::max(slowest, p.latency_ms);
        status += " connect_max=" + number(slowest / 1000) + "s";
    }
    // The certificate closest to expiry, in days. Its thresholds are ranges in the plugin syntax:
    // "30:" alerts below 30 (the warning horizon, --expiry-warn-days), "0:" below 0 (expired).
    const auto& certificates = header.certificates;
    if (!certificates.empty()) {
        double soonest = certificates.front().days_left();
        for (const auto& c : certificates) soonest = std::min(soonest, c.days_left());
        status += " cert_days_left=" + number(soonest) + ";" + std::to_string(header.expiry_warn_days) + ":;0:";
    }
    out << status << "\n";

    // The long output, the most pressing first, within what Nagios keeps of a plugin's output.
    std::vector<std::string> lines;
    for (Status st : kProblems) {
        for (const auto& r : results) {
            if (r.status != st || r.waived()) continue;
            lines.push_back(std::string(to_string(r.status)) + " " + r.check + " " + plain(r.subject) + ": " +
                            plain(r.message) + "\n");
        }
    }
    std::size_t written = status.size() + 1;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (written + lines[i].size() + kMoreLineRoom > kMaxOutput) {
            out << "... and " << lines.size() - i << " more (mobcheck --format json has every result)\n";
            break;
        }
        out << lines[i];
        written += lines[i].size();
    }
}

}  // namespace mobcheck
