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

ReportHeader merged_header(const std::vector<VantageRun>& runs) {
    if (runs.empty()) return {};
    std::vector<ReportHeader> headers;
    for (const auto& run : runs) headers.push_back(report_header(run.evidence));
    ReportHeader header = headers.front();
    header.open_ports.clear();
    header.certificates.clear();  // a merged report gives no certificate expiry (Nagios, Prometheus)
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const ReportHeader& one = headers[i];
        add_unique(header.sip_domains, one.sip_domains);
        if (!header.internal_web) header.internal_web = one.internal_web;
        if (!header.external_web) header.external_web = one.external_web;
        header.started_at = std::min(header.started_at, one.started_at);
        header.duration_ms = std::max(header.duration_ms, one.duration_ms);
        header.deadline_reached = header.deadline_reached || one.deadline_reached;
        add_unique(header.internal_resolvers, one.internal_resolvers);
        add_unique(header.external_resolvers, one.external_resolvers);
        header.open_ports.insert(header.open_ports.end(), one.open_ports.begin(), one.open_ports.end());
        header.certificate_table.insert(one.certificate_table.begin(), one.certificate_table.end());
        header.merged_from.push_back(MergedRun{runs[i].file, one.vantage, one.started_at, one.duration_ms,
                                               one.sip_domains, one.deadline_reached});
    }
    return header;
}

}  // namespace mobcheck
