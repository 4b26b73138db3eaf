// What the default text report lists, before it is laid out: the causes to fix first, and the
// problems of one group (a SIP domain, or the deployment-wide results), each run of identical
// findings folded into one. Internal to report/.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "report/report.hpp"

namespace mobcheck::text {

// One cause to fix, or several identical ones: the same check, status, reason and fix on other
// subjects (one untrusted chain served for five names is one thing to fix, not five). A fix that
// names its subject ("allow TCP 5088 to sba01...") is the same fix when only that name differs.
struct FixItem {
    std::vector<const Result*> results;  // in the order of the causes; never empty
    std::size_t blocks = 0;              // results blocked by any of them
};

// The causes (find_causes order) folded into fix items; an item sits where its first cause sat.
std::vector<FixItem> fix_items(const std::vector<Cause>& causes);

// The number (from 1) of the fix item of each result that is in one; fix_number gives it, or 0.
using FixNumbers = std::unordered_map<const Result*, std::size_t>;
FixNumbers fix_numbers(const std::vector<FixItem>& items);
std::size_t fix_number(const FixNumbers& numbers, const Result& r);

// A finding of one group: one result, or a run of at least kFoldFrom identical ones (same check,
// status, reason and fix) listed by subject.
inline constexpr std::size_t kFoldFrom = 3;
struct Finding {
    std::vector<const Result*> results;  // never empty
};

// The group's problems and notes (fail, error, warn, then info; waived ones last), folded. Passes,
// skips and blocked results are counted elsewhere, not listed.
std::vector<Finding> group_findings(const std::vector<const Result*>& group);

// Whether a and b are the same finding on other subjects: same check, status, reason and waiver,
// and the same fix once each one's own names (subject, host, SIP domain) are left out.
bool same_finding(const Result& a, const Result& b);

}  // namespace mobcheck::text
