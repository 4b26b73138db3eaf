#include <ostream>
#include <string>

#include "model/strings.hpp"
#include "text_findings.hpp"
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

// GitHub keeps 65,536 characters of a comment: the report stays under 60,000, what does not fit is
// counted in a closing note, and the JSON report keeps everything.
constexpr std::size_t kMaxCharacters = 60000;
// Subjects a row of identical findings names before "and N more".
constexpr std::size_t kSubjectsListed = 10;

// The report's text within its budget: the verdict and counts always; rows while they fit.
class Budget {
public:
    explicit Budget(std::size_t limit) : limit_(limit) {}
    void always(const std::string& text) { text_ += text; }
    void row(const std::string& text) {
        if (cut_ == 0 && text_.size() + text.size() + kNoteRoom <= limit_) {
            text_ += text;
        } else {
            ++cut_;
        }
    }
    void finish() {
        if (cut_ == 0) return;
        text_ += "\n_" + std::to_string(cut_) + " more lines cut to keep this report under " +
                 std::to_string(limit_ / 1000) + ",000 characters (GitHub keeps 65,536 of a comment); " +
                 "`mobcheck --format json` has every result._\n";
    }
    const std::string& text() const { return text_; }

private:
    static constexpr std::size_t kNoteRoom = 200;
    std::size_t limit_;
    std::size_t cut_ = 0;
    std::string text_;
};

}  // namespace

void write_markdown_report(const ReportInput& input, std::ostream& out) {
    const auto& results = input.results;
    const ReportHeader& header = input.header;
    const Summary summary = summarize(results);
    const int code = exit_code(summary, input.gate);
    const char* verdict = code == 0 ? "✅ ready for mobile clients" : code == 1 ? "❌ not ready" : "⚠️ undecided";
    Budget md(kMaxCharacters);
    md.always("## mobcheck: " + std::string(verdict) + "\n\n" + "SIP domains " + join(header.sip_domains) +
              " · vantage " + header.vantage_label() + " · gate `--fail-on " + to_string(input.gate) + "`\n\n");
    if (header.replayed_from) {
        md.always("_A replay of `" + cell(*header.replayed_from) + "`, recorded " + header.started_at +
                  ": nothing was probed now._\n\n");
    }
    std::string counts = "|";
    for (Status st : kStatusesInSummaryOrder) counts += " " + std::string(to_string(st)) + " |";
    counts += "\n|";
    for (std::size_t i = 0; i < kStatusesInSummaryOrder.size(); ++i) counts += "---:|";
    counts += "\n|";
    for (Status st : kStatusesInSummaryOrder) counts += " " + std::to_string(summary.count(st)) + " |";
    md.always(counts + "\n");

    // What to fix first: each cause once, identical ones on several subjects as one item.
    const auto items = text::fix_items(find_causes(results));
    if (!items.empty()) md.always("\n### Fix first\n\n");
    for (std::size_t i = 0; i < items.size(); ++i) {
        const text::FixItem& item = items[i];
        const Result& first = *item.results.front();
        std::string line = std::to_string(i + 1) + ". **" + to_string(first.status) + "** `" + first.check + "` " +
                           cell(text::first_and_more(item.results)) + (item.results.size() > 1 ? " like it" : "");
        if (item.blocks > 0) line += " (blocks " + std::to_string(item.blocks) + ")";
        line += ": " + cell(first.remediation.empty() ? first.message : first.remediation) + "\n";
        md.row(line);
    }

    // The problems and notes under their SIP domain, each row one result; three or more identical
    // findings (fifty appliances filtered on 5088) are one row. Waived ones have a section of their own.
    const auto groups = text::groups_of(header.sip_domains, results);
    for (const auto& group : groups) {
        std::vector<const Result*> members;
        for (const Result* r : group.results) {
            if (!r->waived()) members.push_back(r);
        }
        const auto findings = text::group_findings(members);
        if (findings.empty()) continue;
        md.row("\n### " + (group.sip_domain.empty() ? std::string("Deployment (web services, ports)") : group.sip_domain) +
               "\n\n| status | check | subject | finding | fix |\n|---|---|---|---|---|\n");
        for (const text::Finding& f : findings) {
            const Result& r = *f.results.front();
            const std::string message = (f.results.size() > 1 ? "e.g. " : "") + cell(r.message);
            md.row("| " + std::string(to_string(r.status)) + " | `" + r.check + "` | " +
                   cell(text::subject_list(f.results, kSubjectsListed)) + " | " + message + " | " + cell(r.remediation) +
                   " |\n");
        }
    }
    if (summary.waived > 0) {
        md.row("\n### Waived\n\n| status | check | subject | until | reason |\n|---|---|---|---|---|\n");
        for (const auto& r : results) {
            if (!r.waived()) continue;
            md.row("| " + std::string(to_string(r.status)) + " | `" + r.check + "` | " + cell(r.subject) + " | " +
                   (r.waiver->expires.empty() ? "—" : r.waiver->expires) + " | " + cell(r.waiver->reason) + " |\n");
        }
    }
    // What passed, counted: one line a SIP domain.
    md.row("\n### Passed\n\n");
    for (const auto& group : groups) {
        const text::Passed passed = text::passed_in(group);
        if (passed.pass + passed.blocked + passed.not_judged == 0) continue;
        std::string line = "- " + (group.sip_domain.empty() ? std::string("deployment") : group.sip_domain) + ": " +
                           std::to_string(passed.pass) + " pass";
        if (passed.blocked > 0) line += ", " + std::to_string(passed.blocked) + " blocked by the problems above";
        if (passed.not_judged > 0) line += ", " + std::to_string(passed.not_judged) + " not judged";
        md.row(line + "\n");
    }
    md.finish();
    out << md.text();
}

}  // namespace mobcheck
