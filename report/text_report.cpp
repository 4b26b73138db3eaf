// The terminal report: results grouped by SIP domain, then deployment-wide ones, then a summary
// line an admin can read at a glance. Colour only when asked for (a terminal without NO_COLOR).
#include <algorithm>
#include <cstdio>
#include <ostream>
#include <set>

#include "model/strings.hpp"
#include "text_wrap.hpp"
#include "writers.hpp"

namespace mobcheck {

namespace {

constexpr std::size_t kWidth = 110;

const char* colour_of(Status s) {
    switch (s) {
        case Status::Pass: return "\033[32m";
        case Status::Info: return "\033[36m";
        case Status::Skip: return "\033[2m";
        case Status::Warn: return "\033[33m";
        case Status::Error: return "\033[35m";
        case Status::Fail: return "\033[1;31m";
    }
    return "";
}

std::string label(Status s, const TextStyle& style) {
    std::string text = to_string(s);
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
    text.resize(5, ' ');
    return style.colour ? std::string(colour_of(s)) + text + "\033[0m" : text;
}

std::string bold(const std::string& text, const TextStyle& style) {
    return style.colour ? "\033[1m" + text + "\033[0m" : text;
}

// A merged result whose vantages saw different things says which one it shows, and what each saw. A
// vantage where the check does not apply (skip) disagrees with nobody.
bool vantages_disagree(const Result& r) {
    return std::any_of(r.vantages.begin(), r.vantages.end(), [&](const VantageVerdict& v) {
        return v.status != Status::Skip && v.status != r.vantages.front().status;
    });
}

// What the policy and a merge add to a result: the waiver, the check's own status, each vantage.
void write_result_notes(std::ostream& out, const Result& r) {
    if (r.status_before) {
        out << "        severity: the check says " << to_string(*r.status_before) << "; the topology file makes it "
            << to_string(r.status) << "\n";
    }
    if (r.waiver) {
        const std::string until = r.waiver->expires.empty() ? "" : " until " + r.waiver->expires;
        const std::string text = r.waiver->expired
                                     ? "a waiver expired on " + r.waiver->expires + " and no longer applies: " +
                                           r.waiver->reason + " (" + r.waiver->origin + ")"
                                     : "waived" + until + ": " + r.waiver->reason + " (" + r.waiver->origin + ")";
        out << "        " << text::wrap(text, kWidth, 8) << "\n";
    }
    if (vantages_disagree(r)) {
        std::vector<std::string> seen;
        for (const auto& v : r.vantages) seen.push_back(v.vantage + ": " + to_string(v.status));
        out << "        " << text::wrap("from each vantage: " + join(seen, " · "), kWidth, 8) << "\n";
    }
}

void write_result(std::ostream& out, const Result& r, const TextStyle& style) {
    out << "  " << label(r.status, style) << " " << r.check;
    if (r.subject != r.sip_domain) out << "  " << r.subject;  // the group header already names the domain
    if (r.waived()) out << "  (waived)";
    if (vantages_disagree(r)) out << "  [" << r.vantages.front().vantage << "]";
    out << "\n";
    out << "        " << text::wrap(r.message, kWidth, 8) << "\n";
    write_result_notes(out, r);
    if (!r.remediation.empty() && r.status != Status::Pass) {
        out << "        fix: " << text::wrap(r.remediation, kWidth, 13) << "\n";
    }
}

// Waivers that need the admin's attention: expired ones and ones that name nothing any more.
void write_waiver_notes(std::ostream& out, const std::vector<WaiverOutcome>& waivers) {
    for (const auto& w : waivers) {
        if (w.state == WaiverState::Applied) continue;
        const std::string what = w.state == WaiverState::Expired
                                     ? "expired, no longer applies"
                                     : "names no warn, fail or error result (fixed, or the subject is gone): remove it";
        out << "waiver " << text::wrap(describe_waiver(w.waiver) + " — " + what + " (" + w.waiver.origin + ")", kWidth, 7)
            << "\n";
    }
}

bool not_selected(const Result& r) { return r.status == Status::Skip && r.subject == "*"; }

// " 5 pass, 0 info, 1 warn, 0 fail, 2 skip, 0 error": the counts of the summary line.
void write_counts(std::ostream& out, const Summary& summary) {
    for (Status s : kStatusesInSummaryOrder) {
        out << " " << summary.count(s) << " " << to_string(s) << (s == Status::Error ? "" : ",");
    }
}

// mobcheck cert: the certificate file's results in one list, as judged, nothing folded.
void write_certificate_file_report(const ReportInput& input, std::ostream& out) {
    const CertificateFile& file = *input.header.certificate;
    out << "mobcheck cert " << file.file << " · role " << file.role << " · checked at " << input.header.started_at
        << "\n\n";
    for (const auto& r : input.results) {
        out << "  " << label(r.status, input.style) << " " << r.check << "  " << r.subject << "\n        " << r.message
            << "\n";
        if (!r.remediation.empty() && r.status != Status::Pass) out << "        fix: " << r.remediation << "\n";
    }
    out << "\nsummary:";
    write_counts(out, summarize(input.results));
    out << "\n";
}

}  // namespace

void write_text_report(const ReportInput& input, std::ostream& out) {
    if (input.header.certificate) return write_certificate_file_report(input, out);
    const ReportHeader& header = input.header;
    const TextStyle& style = input.style;
    const auto& results = input.results;
    out << bold("mobcheck " + header.tool_version, style) << " · mobile readiness of " << join(header.sip_domains)
        << " · vantage " << header.vantage_label() << "\n";
    for (const auto& run : header.merged_from) {
        out << "merged: " << run.file << " (vantage " << to_string(run.vantage) << ", " << run.started_at << ")\n";
    }
    auto servers = [](const std::vector<std::string>& list, const std::string& source) {
        const std::string text = join(list);
        return (text.empty() ? "none" : text) + (source.empty() ? "" : " (" + source + ")");
    };
    out << "DNS internal view: " << servers(header.internal_resolvers, header.internal_resolvers_source)
        << " · external view: " << servers(header.external_resolvers, header.external_resolvers_source) << "\n";
    if (header.deadline_reached) {
        out << label(Status::Error, style) << " the run's deadline passed before every probe finished; "
            << "unfinished probes are reported as errors\n";
    }

    // Groups in the order the admin named the domains, then the deployment-wide results.
    std::vector<std::string> groups = header.sip_domains;
    groups.push_back("");
    for (const auto& group : groups) {
        bool group_header = false;
        for (const auto& r : results) {
            if (r.sip_domain != group || not_selected(r)) continue;
            if (!group_header) {
                out << "\n" << bold(group.empty() ? "deployment (web services)" : group, style) << "\n";
                group_header = true;
            }
            write_result(out, r, style);
        }
    }

    std::vector<std::string> unselected;
    for (const auto& r : results) {
        if (not_selected(r)) unselected.push_back(r.check);
    }
    if (!unselected.empty()) out << "\nnot selected: " << text::wrap(join(unselected), kWidth, 14) << "\n";

    const Summary summary = summarize(results);
    const auto& waivers = input.waivers;
    if (std::any_of(waivers.begin(), waivers.end(), [](const auto& w) { return w.state != WaiverState::Applied; })) {
        out << "\n";
        write_waiver_notes(out, waivers);
    }
    out << "\n" << bold("summary:", style);
    write_counts(out, summary);
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.1f", header.duration_ms);
    if (summary.waived > 0) out << " · " << summary.waived << " waived";
    out << " · " << duration << " ms\n";
}

}  // namespace mobcheck

