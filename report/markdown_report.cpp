#include <ostream>

#include "model/strings.hpp"
#include "writers.hpp"

namespace mobcheck {

namespace {

// Table cells: one line, no pipes.
std::string cell(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '|') out += "\\|";
        else if (c == '\n' || c == '\r') out += ' ';
        else out += c;
    }
    return out;
}

bool is_problem(const Result& r) {
    if (r.waived()) return false;  // listed on its own, with its reason
    return r.status == Status::Fail || r.status == Status::Warn || r.status == Status::Error || r.status == Status::Info;
}

}  // namespace

void write_markdown_report(const ReportInput& input, std::ostream& out) {
    const auto& results = input.results;
    const Summary summary = summarize(results);
    const int code = exit_code(summary, input.gate);
    const char* verdict = code == 0 ? "✅ ready for mobile clients" : code == 1 ? "❌ not ready" : "⚠️ undecided";
    out << "## mobcheck: " << verdict << "\n\n"
        << "SIP domains " << join(input.header.sip_domains) << " · vantage " << input.header.vantage_label()
        << " · gate `--fail-on " << to_string(input.gate) << "`\n\n";
    out << "|";
    for (Status s : kStatusesInSummaryOrder) out << " " << to_string(s) << " |";
    out << "\n|";
    for (std::size_t i = 0; i < kStatusesInSummaryOrder.size(); ++i) out << "---:|";
    out << "\n|";
    for (Status s : kStatusesInSummaryOrder) out << " " << summary.count(s) << " |";
    out << "\n";

    std::vector<std::string> groups = input.header.sip_domains;
    groups.push_back("");
    for (const auto& group : groups) {
        bool header = false;
        for (const auto& r : results) {
            if (r.sip_domain != group || !is_problem(r)) continue;
            if (!header) {
                out << "\n### " << (group.empty() ? "Deployment (web services, ports)" : group) << "\n\n"
                    << "| status | check | subject | finding | fix |\n|---|---|---|---|---|\n";
                header = true;
            }
            out << "| " << to_string(r.status) << " | `" << r.check << "` | " << cell(r.subject) << " | "
                << cell(r.message) << " | " << cell(r.remediation) << " |\n";
        }
    }
    if (summary.waived > 0) {
        out << "\n### Waived\n\n| status | check | subject | until | reason |\n|---|---|---|---|---|\n";
        for (const auto& r : results) {
            if (!r.waived()) continue;
            out << "| " << to_string(r.status) << " | `" << r.check << "` | " << cell(r.subject) << " | "
                << (r.waiver->expires.empty() ? "—" : r.waiver->expires) << " | " << cell(r.waiver->reason) << " |\n";
        }
    }
    out << "\n<details><summary>" << summary.count(Status::Pass) << " passed, " << summary.count(Status::Skip)
        << " skipped</summary>\n\n";
    for (const auto& r : results) {
        if (r.status == Status::Pass || r.status == Status::Skip) {
            out << "- " << to_string(r.status) << " `" << r.check << "` " << cell(r.subject) << ": " << cell(r.message)
                << "\n";
        }
    }
    out << "\n</details>\n";
}

}  // namespace mobcheck
