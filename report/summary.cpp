#include "report/report.hpp"

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

const char* to_string(Gate gate) { return gate == Gate::Warn ? "warn" : "fail"; }

int exit_code(const Summary& summary, Gate gate) {
    const bool tripped = summary.count(Status::Fail) > 0 || (gate == Gate::Warn && summary.count(Status::Warn) > 0);
    if (tripped) return 1;
    if (summary.count(Status::Error) > 0) return 3;
    return 0;
}

int ReportInput::exit_code() const { return mobcheck::exit_code(summarize(results), gate); }

}  // namespace mobcheck
