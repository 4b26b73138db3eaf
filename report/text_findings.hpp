// What the reports an admin reads (text, Markdown, HTML, Nagios) list, before each lays it out: the
// results by group (a SIP domain, or the deployment-wide results), the causes to fix first, the
// problems of a group with each run of identical findings folded into one, and what passed.
// Internal to report/.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "report/report.hpp"

namespace mobcheck::text {

// A check left out of the run: not selected (--only/--skip), or not probed by the run that saved the
// evidence. One skip result with subject "*".
bool left_out(const Result& r);

// The results in groups: each SIP domain in the order the admin named them, then the deployment-wide
// results (""), then any SIP domain a result names that the header does not (a merge of runs that
// named different ones). Bucketed once, each group in report order; every result is in one group.
struct Group {
    std::string sip_domain;  // "" for the deployment-wide results
    std::vector<const Result*> results;
};
std::vector<Group> groups_of(const std::vector<std::string>& sip_domains, const std::vector<Result>& results);

// What a group's line of passes says: the results that pass, those blocked by a problem, and the
// checks (once each) of the other skips, left-out checks aside.
struct Passed {
    std::size_t pass = 0;
    std::size_t blocked = 0;
    std::size_t not_judged = 0;
    std::vector<std::string> not_judged_checks;
};
Passed passed_in(const Group& group);

// The subjects of identical results: "sba01:5088" for one, "50 subjects: sba01:5088, sba02:5088,
// sba03:5088 and 47 more" for several, naming `listed` of them.
std::string subject_list(const std::vector<const Result*>& results, std::size_t listed);
// "webext.contoso.com:443 and 4 more" (one: its subject).
std::string first_and_more(const std::vector<const Result*>& results);

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
