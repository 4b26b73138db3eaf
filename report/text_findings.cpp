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
