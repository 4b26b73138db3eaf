// The terminal report. By default it puts what to fix first on top: a two-line header, the causes to
// fix (one item for identical causes on several subjects, with how many results each blocks), the
// problems and notes under their SIP domain, one line per SIP domain for what passed, and a summary
// line that names the first fix. -v lists every result; -q prints the summary line only. Wrapped at
// the terminal's width; ASCII when the terminal cannot show UTF-8; colour only when asked for.
#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>
#include <sstream>

#include "model/strings.hpp"
#include "text_findings.hpp"
#include "report/text_wrap.hpp"
#include "writers.hpp"

namespace mobcheck {

namespace {

// Subjects a fix item and a folded finding list before "and N more" (-v lists every result on its
// own): the fix item names a few, the finding under its group more.
constexpr std::size_t kSubjectsInFixItem = 3;
constexpr std::size_t kSubjectsInFinding = 10;

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

// "1 result", "3 results".
std::string count_of(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

class TextWriter {
public:
    TextWriter(const ReportInput& input, std::ostream& out) : input_(input), style_(input.style), out_(out) {}

    void write() {
        if (style_.detail != TextDetail::Quiet) {
            write_header();
            write_fix_first();
            if (style_.detail == TextDetail::Verbose) {
                write_every_result();
            } else {
                write_findings();
                write_passed();
            }
            write_left_out();
            write_waiver_notes();
            out_ << "\n";
        }
        write_summary();
    }

private:
    std::string wrap(const std::string& text, std::size_t indent) const {
        return text::wrap(text, style_.width, indent);
    }

    static std::string group_title(const std::string& group) {
        return group.empty() ? "deployment (web services)" : group;
    }
    // The group's results but the checks left out (listed on a line of their own).
    static std::vector<const Result*> judged_in(const text::Group& group) {
        std::vector<const Result*> list;
        for (const Result* r : group.results) {
            if (!text::left_out(*r)) list.push_back(r);
        }
        return list;
    }

    void write_header() {
        const ReportHeader& header = input_.header;
        const std::string title = "mobcheck " + header.tool_version;
        const std::string first = wrap(title + " · mobile readiness of " + join(header.sip_domains) + " · vantage " +
                                           header.vantage_label(),
                                       4);
        out_ << bold(title, style_) << first.substr(title.size()) << "\n";
        for (const auto& run : header.merged_from) {
            out_ << "merged: " << run.file << " (vantage " << to_string(run.vantage) << ", " << run.started_at << ")\n";
        }
        if (header.replayed_from) {
            out_ << wrap("replay of " + *header.replayed_from + ", recorded " + header.started_at +
                             " by mobcheck " + header.tool_version + " (nothing was probed now)",
                         4)
                 << "\n";
        }
        auto servers = [](const std::vector<std::string>& list, const std::string& source) {
            const std::string text = join(list);
            return (text.empty() ? "none" : text) + (source.empty() ? "" : " (" + source + ")");
        };
        out_ << wrap("DNS internal view: " + servers(header.internal_resolvers, header.internal_resolvers_source) +
                         " · external view: " + servers(header.external_resolvers, header.external_resolvers_source),
                     4)
             << "\n";
        if (header.deadline_reached) {
            out_ << label(Status::Error, style_) << " "
                 << wrap("the run's deadline passed before every probe finished; unfinished probes are reported as "
                         "errors",
                         6)
                 << "\n";
        }
    }

    // "webext.contoso.com:443", or for several "on 5 subjects: a, b, c and 2 more".
    static std::string subjects(const std::vector<const Result*>& results, std::size_t listed) {
        return (results.size() > 1 ? "on " : "") + text::subject_list(results, listed);
    }

    void write_fix_first() {
        if (items_.empty()) return;
        out_ << "\n" << bold("Fix first", style_) << "\n";
        for (std::size_t i = 0; i < items_.size(); ++i) {
            const text::FixItem& item = items_[i];
            const Result& first = *item.results.front();
            const std::string number = std::to_string(i + 1) + ".";
            std::string line = first.check + "  " + subjects(item.results, kSubjectsInFixItem);
            if (item.blocks > 0) line += ": blocks " + count_of(item.blocks, "result", "results");
            out_ << " " << number << std::string(3 - std::min<std::size_t>(number.size(), 2), ' ')
                 << label(first.status, style_) << " " << wrap(line, 11) << "\n";
            const std::string fix = first.remediation.empty() ? first.message : first.remediation;
            const std::string lead = item.results.size() == 1 ? "fix: " : "fix, e.g. for " + first.subject + ": ";
            out_ << "     " << wrap(lead + fix, 10) << "\n";
        }
    }

    // A result's own line: status, check, subject (unless the group names it), its fix item.
    void write_result_line(const Result& r, const std::string& subject, const std::string& group) {
        std::string line = r.check;
        if (subject != group) line += "  " + subject;
        if (r.waived()) line += "  (waived)";
        if (vantages_disagree(r)) line += "  [" + r.vantages.front().vantage + "]";
        if (const std::size_t n = text::fix_number(numbers_, r); n > 0) line += "  (fix " + std::to_string(n) + ")";
        out_ << "  " << label(r.status, style_) << " " << wrap(line, 8) << "\n";
    }

    void write_result(const Result& r, const std::string& group, bool with_fix) {
        write_result_line(r, r.subject, group);
        out_ << "        " << wrap(r.message, 8) << "\n";
        write_result_notes(r);
        if (with_fix && !r.remediation.empty() && r.status != Status::Pass) {
            out_ << "        fix: " << wrap(r.remediation, 13) << "\n";
        }
    }

    // A merged result whose vantages saw different things says which one it shows, and what each saw.
    // A vantage where the check does not apply (skip) disagrees with nobody.
    static bool vantages_disagree(const Result& r) {
        return std::any_of(r.vantages.begin(), r.vantages.end(), [&](const VantageVerdict& v) {
            return v.status != Status::Skip && v.status != r.vantages.front().status;
        });
    }

    // What the policy and a merge add to a result: the waiver, the check's own status, each vantage.
    void write_result_notes(const Result& r) {
        if (r.status_before) {
            out_ << "        " << wrap("severity: the check says " + std::string(to_string(*r.status_before)) +
                                           "; the topology file makes it " + to_string(r.status),
                                       8)
                 << "\n";
        }
        if (r.waiver) {
            const std::string until = r.waiver->expires.empty() ? "" : " until " + r.waiver->expires;
            const std::string text = r.waiver->expired
                                         ? "a waiver expired on " + r.waiver->expires + " and no longer applies: " +
                                               r.waiver->reason + " (" + r.waiver->origin + ")"
                                         : "waived" + until + ": " + r.waiver->reason + " (" + r.waiver->origin + ")";
            out_ << "        " << wrap(text, 8) << "\n";
        }
        if (vantages_disagree(r)) {
            std::vector<std::string> seen;
            for (const auto& v : r.vantages) seen.push_back(v.vantage + ": " + to_string(v.status));
            out_ << "        " << wrap("from each vantage: " + join(seen, " · "), 8) << "\n";
        }
    }

    // -v: every result under its group, as judged.
    void write_every_result() {
        for (const auto& group : groups_) {
            const auto results = judged_in(group);
            if (results.empty()) continue;
            out_ << "\n" << bold(group_title(group.sip_domain), style_) << "\n";
            for (const Result* r : results) write_result(*r, group.sip_domain, true);
        }
    }

    // The default: each group's problems and notes, identical ones folded; a problem's fix is in its
    // fix item, so only a result outside the fix items (a waived one) would need its own, and that
    // one is accepted.
    void write_findings() {
        for (const auto& group : groups_) {
            const auto findings = text::group_findings(group.results);
            if (findings.empty()) continue;
            out_ << "\n" << bold(group_title(group.sip_domain), style_) << "\n";
            for (const text::Finding& f : findings) {
                const Result& first = *f.results.front();
                if (f.results.size() == 1) {
                    write_result(first, group.sip_domain, false);
                    continue;
                }
                write_result_line(first, subjects(f.results, kSubjectsInFinding), group.sip_domain);
                out_ << "        " << wrap("e.g. " + first.message, 8) << "\n";
                write_result_notes(first);
            }
        }
    }

    // One line a group: what passed, what was blocked, what was not judged (and -v says why).
    void write_passed() {
        out_ << "\n";
        for (const auto& group : groups_) {
            if (judged_in(group).empty()) continue;
            const text::Passed passed = text::passed_in(group);
            const std::string& name = group.sip_domain;
            std::string line = (name.empty() ? "deployment" : name) + ": " + count_of(passed.pass, "check passes", "checks pass");
            if (passed.blocked > 0) line += ", " + std::to_string(passed.blocked) + " blocked by the problems above";
            if (passed.not_judged > 0) line += "; not judged (-v says why): " + join(passed.not_judged_checks);
            out_ << wrap(line, 4) << "\n";
        }
    }

    // The checks left out, one line a reason: not selected by this run's --only/--skip, or not probed
    // by the run that saved the evidence (a replay of --only dns). By category where a whole category
    // is left out (-v: every check).
    void write_left_out() {
        static constexpr std::pair<const char*, const char*> kReasons[] = {
            {"not-selected", "not selected: "},
            {"not-probed", "not probed (the run that saved this evidence was limited with --only/--skip): "}};
        for (const auto& [reason, lead] : kReasons) {
            std::vector<std::string> left_out;
            for (const auto& r : input_.results) {
                if (text::left_out(r) && r.reason == reason) left_out.push_back(r.check);
            }
            if (left_out.empty()) continue;
            out_ << "\n" << wrap(lead + join(by_category(left_out)) + " (" + count_of(left_out.size(), "check", "checks") + ")", 4)
                 << "\n";
        }
    }

    // The checks named, a whole category as "tls.*" (-v: every check as it is).
    std::vector<std::string> by_category(const std::vector<std::string>& checks) const {
        if (style_.detail == TextDetail::Verbose) return checks;
        std::map<std::string, std::size_t> in_category, named_in_category;
        for (const CheckDef& def : input_.registry.all()) ++in_category[def.category()];
        for (const CheckDef& def : input_.registry.all()) {
            if (std::find(checks.begin(), checks.end(), def.id) != checks.end()) ++named_in_category[def.category()];
        }
        std::vector<std::string> named;
        for (const auto& id : checks) {
            const CheckDef* def = input_.registry.find(id);
            const std::string category = def != nullptr ? def->category() : "";
            const bool whole = def != nullptr && named_in_category[category] == in_category[category];
            const std::string name = whole ? category + ".*" : id;
            if (std::find(named.begin(), named.end(), name) == named.end()) named.push_back(name);
        }
        return named;
    }

    // Waivers that need the admin's attention: expired ones and ones that name nothing any more.
    void write_waiver_notes() {
        const auto& waivers = input_.waivers;
        if (std::none_of(waivers.begin(), waivers.end(), [](const auto& w) { return w.state != WaiverState::Applied; })) {
            return;
        }
        out_ << "\n";
        for (const auto& w : waivers) {
            if (w.state == WaiverState::Applied) continue;
            const std::string what = w.state == WaiverState::Expired
                                         ? "expired, no longer applies"
                                         : "names no warn, fail or error result (fixed, or the subject is gone): remove it";
            out_ << "waiver " << wrap(describe_waiver(w.waiver) + " — " + what + " (" + w.waiver.origin + ")", 7) << "\n";
        }
    }

    // "summary: 61 pass, 0 info, 0 warn, 5 fail, 14 skip, 0 error · 11 blocked · fix first: tls.chain on
    // webext.contoso.com:443 and 4 more · 12.3 ms"
    void write_summary() {
        const Summary summary = summarize(input_.results);
        std::string line = "summary:";
        for (Status s : kStatusesInSummaryOrder) {
            line += " " + std::to_string(summary.count(s)) + " " + to_string(s) + (s == Status::Error ? "" : ",");
        }
        const auto blocked = std::count_if(input_.results.begin(), input_.results.end(),
                                           [](const Result& r) { return r.blocked_by.has_value(); });
        if (blocked > 0) line += " · " + std::to_string(blocked) + " blocked";
        if (summary.waived > 0) line += " · " + std::to_string(summary.waived) + " waived";
        if (!items_.empty()) {
            const text::FixItem& first = items_.front();
            line += " · fix first: " + first.results.front()->check + " on " + text::first_and_more(first.results);
        }
        char duration[32];
        std::snprintf(duration, sizeof duration, "%.1f", input_.header.duration_ms);
        line += " · " + std::string(duration) + " ms";
        // -q: one line whatever the width, for a log or a script to read whole.
        const std::string text = style_.detail == TextDetail::Quiet ? line : wrap(line, 9);
        out_ << bold("summary:", style_) << text.substr(std::string("summary:").size()) << "\n";
    }

    const ReportInput& input_;
    const TextStyle& style_;
    std::ostream& out_;
    const std::vector<text::FixItem> items_ = text::fix_items(find_causes(input_.results));
    const text::FixNumbers numbers_ = text::fix_numbers(items_);
    const std::vector<text::Group> groups_ = text::groups_of(input_.header.sip_domains, input_.results);
};

// mobcheck cert: the certificate file's results in one list, as judged, nothing folded.
void write_certificate_file_report(const ReportInput& input, std::ostream& out) {
    const CertificateFile& file = *input.header.certificate;
    const TextStyle& style = input.style;
    out << "mobcheck cert " << file.file << " · role " << file.role << " · checked at " << input.header.started_at
        << "\n\n";
    for (const auto& r : input.results) {
        out << "  " << label(r.status, style) << " " << r.check << "  " << r.subject << "\n        "
            << text::wrap(r.message, style.width, 8) << "\n";
        if (!r.remediation.empty() && r.status != Status::Pass) {
            out << "        fix: " << text::wrap(r.remediation, style.width, 13) << "\n";
        }
    }
    const Summary summary = summarize(input.results);
    out << "\nsummary:";
    for (Status s : kStatusesInSummaryOrder) {
        out << " " << summary.count(s) << " " << to_string(s) << (s == Status::Error ? "" : ",");
    }
    out << "\n";
}

void write_text(const ReportInput& input, std::ostream& out) {
    if (input.header.certificate) return write_certificate_file_report(input, out);
    TextWriter(input, out).write();
}

}  // namespace

void write_text_report(const ReportInput& input, std::ostream& out) {
    if (input.style.unicode) return write_text(input, out);
    std::ostringstream text;
    write_text(input, text);
    out << text::ascii(text.str());
}

}  // namespace mobcheck
