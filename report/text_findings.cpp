#include "text_findings.hpp"

#include <algorithm>
#include <unordered_map>

namespace mobcheck::text {

namespace {

// r's remediation with its own names (the subject's host, its SIP domain) blanked out: the fix for
// sba01:5088 and for sba02:5088 is the same fix on another appliance.
std::string fix_pattern(const Result& r) {
    std::string text = r.remediation;
    const std::string host = r.subject.substr(0, r.subject.rfind(':'));
    for (const std::string& name : {r.subject, host, r.sip_domain}) {
        // Only what reads as a name or an address: a word of the fix itself is never taken for one.
        if (name.find('.') == std::string::npos) continue;
        for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
            text.replace(at, name.size(), "\x01");
        }
    }
    return text;
}

}  // namespace

// What identical findings share: check, status, reason, waiver and the fix's pattern. Keyed by it,
// folding is one pass, whatever the number of results (5,000 SIP domains).
std::string finding_key(const Result& r) {
    return r.check + '\0' + to_string(r.status) + '\0' + r.reason + '\0' + (r.waived() ? "w" : "") + '\0' +
           fix_pattern(r);
}

bool same_finding(const Result& a, const Result& b) { return finding_key(a) == finding_key(b); }

bool left_out(const Result& r) { return r.status == Status::Skip && r.subject == "*"; }

std::vector<Group> groups_of(const std::vector<std::string>& sip_domains, const std::vector<Result>& results) {
    std::vector<Group> groups;
    std::unordered_map<std::string, std::size_t> index;
    for (const auto& name : sip_domains) {
        if (index.emplace(name, groups.size()).second) groups.push_back(Group{name, {}});
    }
    if (index.emplace("", groups.size()).second) groups.push_back(Group{"", {}});
    for (const Result& r : results) {
        const auto [it, added] = index.emplace(r.sip_domain, groups.size());
        if (added) groups.push_back(Group{r.sip_domain, {}});
        groups[it->second].results.push_back(&r);
    }
    return groups;
}

Passed passed_in(const Group& group) {
    Passed passed;
    for (const Result* r : group.results) {
        if (left_out(*r)) continue;
        if (r->status == Status::Pass) ++passed.pass;
        if (r->status != Status::Skip) continue;
        if (r->blocked_by) {
            ++passed.blocked;
        } else {
            ++passed.not_judged;
            if (std::find(passed.not_judged_checks.begin(), passed.not_judged_checks.end(), r->check) ==
                passed.not_judged_checks.end()) {
                passed.not_judged_checks.push_back(r->check);
            }
        }
    }
    return passed;
}

std::string subject_list(const std::vector<const Result*>& results, std::size_t listed) {
    if (results.size() == 1) return results.front()->subject;
    std::string text = std::to_string(results.size()) + " subjects: ";
    for (std::size_t i = 0; i < results.size() && i < listed; ++i) text += (i == 0 ? "" : ", ") + results[i]->subject;
    if (results.size() > listed) text += " and " + std::to_string(results.size() - listed) + " more";
    return text;
}

std::string first_and_more(const std::vector<const Result*>& results) {
    std::string text = results.front()->subject;
    if (results.size() > 1) text += " and " + std::to_string(results.size() - 1) + " more";
    return text;
}

std::vector<FixItem> fix_items(const std::vector<Cause>& causes) {
    std::vector<FixItem> items;
    std::unordered_map<std::string, std::size_t> index;
    for (const Cause& c : causes) {
        const auto [it, added] = index.emplace(finding_key(*c.result), items.size());
        if (added) {
            items.push_back(FixItem{{c.result}, c.blocks});
        } else {
            items[it->second].results.push_back(c.result);
            items[it->second].blocks += c.blocks;
        }
    }
    return items;
}

FixNumbers fix_numbers(const std::vector<FixItem>& items) {
    FixNumbers numbers;
    for (std::size_t i = 0; i < items.size(); ++i) {
        for (const Result* r : items[i].results) numbers.emplace(r, i + 1);
    }
    return numbers;
}

std::size_t fix_number(const FixNumbers& numbers, const Result& r) {
    const auto it = numbers.find(&r);
    return it == numbers.end() ? 0 : it->second;
}

namespace {

// The order problems are listed in: what fails first, what is only noted last, accepted ones after.
int rank(const Result& r) {
    if (r.waived()) return 4;
    switch (r.status) {
        case Status::Fail: return 0;
        case Status::Error: return 1;
        case Status::Warn: return 2;
        default: return 3;
    }
}

bool listed(const Result& r) { return is_problem(r.status) || r.status == Status::Info; }

}  // namespace

std::vector<Finding> group_findings(const std::vector<const Result*>& group) {
    std::vector<const Result*> problems;
    for (const Result* r : group) {
        if (listed(*r)) problems.push_back(r);
    }
    std::stable_sort(problems.begin(), problems.end(),
                     [](const Result* a, const Result* b) { return rank(*a) < rank(*b); });
    // Identical findings are gathered where the first of them stands.
    std::vector<std::vector<const Result*>> runs;
    std::unordered_map<std::string, std::size_t> index;
    for (const Result* r : problems) {
        const auto [it, added] = index.emplace(finding_key(*r), runs.size());
        if (added) {
            runs.push_back({r});
        } else {
            runs[it->second].push_back(r);
        }
    }
    std::vector<Finding> findings;
    for (auto& run : runs) {
        if (run.size() >= kFoldFrom) {
            findings.push_back(Finding{std::move(run)});
        } else {
            for (const Result* r : run) findings.push_back(Finding{{r}});
        }
    }
    return findings;
}

}  // namespace mobcheck::text
