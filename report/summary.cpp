#include "report/report.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace mobcheck {

Summary summarize(const std::vector<Result>& results) {
    Summary summary;
    for (const auto& r : results) {
        if (r.waived()) {
            ++summary.waived;
        } else {
            summary.counts[static_cast<std::size_t>(r.status)] += 1;
        }
    }
    return summary;
}

std::vector<Cause> find_causes(const std::vector<Result>& results) {
    std::map<std::pair<std::string_view, std::string_view>, std::size_t> blocked_count;
    for (const auto& r : results) {
        if (r.blocked_by) ++blocked_count[{r.blocked_by->check, r.blocked_by->subject}];
    }
    std::vector<Cause> causes;
    for (const auto& r : results) {
        if (r.waived() || !is_problem(r.status)) continue;  // a blocked result is a skip: never a cause
        const auto it = blocked_count.find({r.check, r.subject});
        causes.push_back({&r, it == blocked_count.end() ? 0 : it->second});
    }
    // Fail, then error, then warn: a broken rule before an undecided one before a risk.
    auto rank = [](Status s) { return s == Status::Fail ? 0 : s == Status::Error ? 1 : 2; };
    std::stable_sort(causes.begin(), causes.end(), [&](const Cause& a, const Cause& b) {
        if (rank(a.result->status) != rank(b.result->status)) return rank(a.result->status) < rank(b.result->status);
        return a.blocks > b.blocks;
    });
    return causes;
}

const char* to_string(Gate gate) { return gate == Gate::Warn ? "warn" : "fail"; }

int exit_code(const Summary& summary, Gate gate) {
    const bool tripped = summary.count(Status::Fail) > 0 || (gate == Gate::Warn && summary.count(Status::Warn) > 0);
    if (tripped) return 1;
    if (summary.count(Status::Error) > 0) return 3;
    return 0;
}

int ReportInput::exit_code() const { return mobcheck::exit_code(summarize(results), gate); }

}  // namespace mobcheck
