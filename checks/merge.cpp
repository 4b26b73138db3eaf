// Combining the verdicts of runs made at several vantage points (mobcheck merge).
#include "checks/merge.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace mobcheck {

namespace {

bool decided(Status s) { return s != Status::Skip && s != Status::Error; }

// Which of two verdicts about the same thing the merged result takes (true: b over a).
bool prefer(const Result& a, const Result& b) {
    if (decided(a.status) != decided(b.status)) return decided(b.status);
    if (decided(a.status)) return b.status > a.status;  // Pass < Info < Warn < Fail
    return a.status == Status::Skip && b.status == Status::Error;  // undecided: an error says more than a skip
}

template <typename T>
void add_unique(std::vector<T>& into, const std::vector<T>& from) {
    for (const auto& item : from) {
        if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
    }
}

}  // namespace

std::vector<std::string> vantage_labels(const std::vector<VantageRun>& runs) {
    std::vector<std::string> labels;
    for (const auto& run : runs) {
        const Vantage v = run.evidence.plan.vantage;
        const auto same = std::count_if(runs.begin(), runs.end(),
                                        [&](const VantageRun& other) { return other.evidence.plan.vantage == v; });
        labels.push_back(std::string(to_string(v)) + (same > 1 ? " (" + run.file + ")" : ""));
    }
    return labels;
}

std::vector<Result> merge_results(const std::vector<VantageRun>& runs, const Registry& registry) {
    const std::vector<std::string> labels = vantage_labels(runs);
    // Per check, the subjects in the order the runs first report them, and each run's verdict.
    struct Verdicts {
        std::vector<std::string> subjects;
        std::map<std::string, std::vector<std::pair<std::size_t, const Result*>>> by_subject;
    };
    std::map<std::string, Verdicts> by_check;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        for (const Result& r : runs[i].results) {
            Verdicts& v = by_check[r.check];
            auto& list = v.by_subject[r.subject];
            if (list.empty()) v.subjects.push_back(r.subject);
            list.emplace_back(i, &r);
        }
    }
    std::vector<Result> merged;
    auto take = [&](const Verdicts& verdicts) {
        for (const auto& subject : verdicts.subjects) {
            const auto& list = verdicts.by_subject.at(subject);
            std::size_t chosen = 0;
            for (std::size_t k = 1; k < list.size(); ++k) {
                if (prefer(*list[chosen].second, *list[k].second)) chosen = k;
            }
            Result result = *list[chosen].second;
            result.vantages.push_back({labels[list[chosen].first], result.status, result.message});
            for (std::size_t k = 0; k < list.size(); ++k) {
                if (k == chosen) continue;
                const Result& other = *list[k].second;
                result.vantages.push_back({labels[list[k].first], other.status, other.message});
            }
            merged.push_back(std::move(result));
        }
    };
    for (const CheckDef& def : registry.all()) {
        auto it = by_check.find(def.id);
        if (it == by_check.end()) continue;
        take(it->second);
        by_check.erase(it);
    }
    for (const auto& [check, verdicts] : by_check) take(verdicts);  // checks another version of mobcheck had
    return merged;
}

Evidence merged_header(const std::vector<VantageRun>& runs) {
    Evidence header;
    if (runs.empty()) return header;
    header.plan = runs.front().evidence.plan;
    header.run = runs.front().evidence.run;
    for (const auto& run : runs) {
        const Evidence& e = run.evidence;
        add_unique(header.plan.sip_domains, e.plan.sip_domains);
        if (!header.plan.internal_web) header.plan.internal_web = e.plan.internal_web;
        if (!header.plan.external_web) header.plan.external_web = e.plan.external_web;
        header.run.started_at = std::min(header.run.started_at, e.run.started_at);
        header.run.duration_ms = std::max(header.run.duration_ms, e.run.duration_ms);
        header.run.deadline_reached = header.run.deadline_reached || e.run.deadline_reached;
        add_unique(header.run.internal_resolvers, e.run.internal_resolvers);
        add_unique(header.run.external_resolvers, e.run.external_resolvers);
        header.ports.insert(header.ports.end(), e.ports.begin(), e.ports.end());
        header.merged_from.push_back(MergedRun{run.file, e.plan.vantage, e.run.started_at, e.run.duration_ms,
                                               e.plan.sip_domains, e.run.deadline_reached});
    }
    return header;
}

}  // namespace mobcheck
