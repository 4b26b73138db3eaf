#include "text_findings.hpp"

#include <algorithm>

namespace mobcheck::text {

namespace {

// r's remediation with its own names (the subject's host, its SIP domain) blanked out: the fix for
// sba01:5088 and for sba02:5088 is the same fix on another appliance.
std::string fix_pattern(const Result& r) {
    std::string text = r.remediation;
    const std::string host = r.subject.substr(0, r.subject.rfind(':'));
    for (const std::string& name : {r.subject, host, r.sip_domain}) {
        if (name.empty()) continue;
        for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
            text.replace(at, name.size(), "\x01");
        }
    }
    return text;
}

}  // namespace

bool same_finding(const Result& a, const Result& b) {
    return a.check == b.check && a.status == b.status && a.reason == b.reason && a.waived() == b.waived() &&
           (a.remediation == b.remediation || fix_pattern(a) == fix_pattern(b));
}

std::vector<FixItem> fix_items(const std::vector<Cause>& causes) {
    std::vector<FixItem> items;
    for (const Cause& c : causes) {
        auto it = std::find_if(items.begin(), items.end(),
                               [&](const FixItem& item) { return same_finding(*item.results.front(), *c.result); });
        if (it == items.end()) {
            items.push_back(FixItem{{c.result}, c.blocks});
        } else {
            it->results.push_back(c.result);
            it->blocks += c.blocks;
        }
    }
    return items;
}

std::size_t fix_number(const std::vector<FixItem>& items, const Result& r) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& list = items[i].results;
        if (std::find(list.begin(), list.end(), &r) != list.end()) return i + 1;
    }
    return 0;
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
    for (const Result* r : problems) {
        auto it = std::find_if(runs.begin(), runs.end(),
                               [&](const auto& run) { return same_finding(*run.front(), *r); });
        if (it == runs.end()) {
            runs.push_back({r});
        } else {
            it->push_back(r);
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
