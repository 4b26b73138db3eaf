// mobcheck merge: runs saved at several vantage points (inside the corporate network, on the Internet)
// judged as one. Each run is judged under its own vantage, as the checks' rules say (an SBA must answer
// from inside and should not from outside), then the verdicts about each (check, subject) are combined.
#pragma once

#include <string>
#include <vector>

#include "model/evidence.hpp"
#include "model/report_header.hpp"
#include "checks/registry.hpp"
#include "checks/result.hpp"

namespace mobcheck {

struct VantageRun {
    std::string file;   // the evidence file, as given
    Evidence evidence;
    std::vector<Result> results;  // judged from evidence alone
};

// What each run is called in a merged result: its vantage, with the file when two runs share one.
std::vector<std::string> vantage_labels(const std::vector<VantageRun>& runs);

// One result per (check, subject) any run has, in catalogue order. A decided verdict (pass, info, warn,
// fail) beats an undecided one (skip, error): a resolver unreachable from outside does not hide what the
// inside saw. Among decided verdicts the one that asks for most attention wins; Result::vantages keeps
// every run's verdict, the chosen one first.
std::vector<Result> merge_results(const std::vector<VantageRun>& runs, const Registry& registry);

// The merged report's header: every run's SIP domains, the earliest start, the longest duration, every
// resolver and open port, and merged_from naming the runs; the rest (the version, the resolvers'
// sources, the expiry horizon) from the first run.
ReportHeader merged_header(const std::vector<VantageRun>& runs);

}  // namespace mobcheck
