// The terminal report: results grouped by SIP domain, then deployment-wide ones, then a summary
// line an admin can read at a glance. Colour only when asked for (a terminal without NO_COLOR).
#include <algorithm>
#include <cstdio>
#include <ostream>
#include <set>

#include "mobcheck/report.hpp"
#include "text_wrap.hpp"

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

void write_result(std::ostream& out, const Result& r, const TextStyle& style) {
    out << "  " << label(r.status, style) << " " << r.check;
    if (r.subject != r.sip_domain) out << "  " << r.subject;  // the group header already names the domain
    out << "\n";
    out << "        " << text::wrap(r.message, kWidth, 8) << "\n";
    if (!r.remediation.empty() && r.status != Status::Pass) {
        out << "        fix: " << text::wrap(r.remediation, kWidth, 13) << "\n";
    }
}

bool not_selected(const Result& r) { return r.status == Status::Skip && r.subject == "*"; }

}  // namespace

void write_text_report(std::ostream& out, const Evidence& evidence, const std::vector<Result>& results,
                       const Registry& /*registry*/, TextStyle style) {
    const Plan& plan = evidence.plan;
    std::string domains;
    for (const auto& d : plan.sip_domains) domains += (domains.empty() ? "" : ", ") + d;
    out << bold("mobcheck " + evidence.run.tool_version, style) << " · mobile readiness of " << domains
        << " · vantage " << to_string(plan.vantage) << "\n";
    auto servers = [](const std::vector<std::string>& list, const std::string& source) {
        std::string text;
        for (const auto& s : list) text += (text.empty() ? "" : ", ") + s;
        return (text.empty() ? "none" : text) + (source.empty() ? "" : " (" + source + ")");
    };
    out << "DNS internal view: " << servers(evidence.run.internal_resolvers, evidence.run.internal_resolvers_source)
        << " · external view: " << servers(evidence.run.external_resolvers, evidence.run.external_resolvers_source)
        << "\n";
    if (evidence.run.deadline_reached) {
        out << label(Status::Error, style) << " the run's deadline passed before every probe finished; "
            << "unfinished probes are reported as errors\n";
    }

    // Groups in the order the admin named the domains, then the deployment-wide results.
    std::vector<std::string> groups = plan.sip_domains;
    groups.push_back("");
    for (const auto& group : groups) {
        bool header = false;
        for (const auto& r : results) {
            if (r.sip_domain != group || not_selected(r)) continue;
            if (!header) {
                out << "\n" << bold(group.empty() ? "deployment (web services)" : group, style) << "\n";
                header = true;
            }
            write_result(out, r, style);
        }
    }

    std::vector<std::string> unselected;
    for (const auto& r : results) {
        if (not_selected(r)) unselected.push_back(r.check);
    }
    if (!unselected.empty()) {
        std::string list;
        for (const auto& id : unselected) list += (list.empty() ? "" : ", ") + id;
        out << "\nnot selected: " << text::wrap(list, kWidth, 14) << "\n";
    }

    const Summary summary = summarize(results);
    out << "\n" << bold("summary:", style);
    for (Status s : {Status::Pass, Status::Info, Status::Warn, Status::Fail, Status::Skip, Status::Error}) {
        out << " " << summary.count(s) << " " << to_string(s) << (s == Status::Error ? "" : ",");
    }
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.1f", evidence.run.duration_ms);
    out << " · " << duration << " ms\n";
}

}  // namespace mobcheck
