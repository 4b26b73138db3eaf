// Comparing two JSON reports (mobcheck diff OLD NEW): what got worse, what got better. A pipeline
// gates on "nothing got worse" even while known problems remain.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mobcheck {

struct ResultChange {
    std::string check;
    std::string subject;
    std::string before;  // status, or "" when the result is new
    std::string after;   // status, or "" when the result is gone
    std::string message; // the newer message (the older one for a result that is gone)
    std::string reason_before;  // the reason tags (schema_version 2), "" when none
    std::string reason_after;
};

struct ReportDiff {
    std::vector<ResultChange> worse;
    std::vector<ResultChange> better;
    // The same status for another reason (fail nxdomain → fail servfail, or blocked by another cause):
    // neither worse nor better, but not the same problem.
    std::vector<ResultChange> changed;
    std::size_t unchanged = 0;
};

// Results are compared by (check, subject): status first, then reason.
// A result a waiver accepts ("waived": true in the newer report) is never worse: the gate ignores it too.
// Throws std::invalid_argument naming the problem when a document is not a mobcheck JSON report.
ReportDiff diff_reports(const nlohmann::json& older, const nlohmann::json& newer);

// How much attention a status asks for, as Status orders them (pass, info, warn, error, fail), but
// with skip ranked as pass. Throws std::invalid_argument for a name that is not a status.
int attention(const std::string& status);

}  // namespace mobcheck
