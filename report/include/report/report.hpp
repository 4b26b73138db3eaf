// Results → text / JSON, the summary and the exit code. No rules here.
#pragma once

#include <array>
#include <cstddef>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <vector>

#include "model/evidence.hpp"
#include "checks/policy.hpp"
#include "checks/registry.hpp"
#include "checks/result.hpp"

namespace mobcheck {

// Results by status. A waived result is counted apart, not under its status: the counts are what the
// gate sees, so a dashboard reading them agrees with the exit code.
struct Summary {
    std::array<std::size_t, 6> counts{};  // indexed by Status
    std::size_t waived = 0;
    std::size_t count(Status s) const { return counts[static_cast<std::size_t>(s)]; }
};
Summary summarize(const std::vector<Result>& results);

// The gate (--fail-on): which statuses make the exit code 1.
enum class Gate { Fail, Warn };

// SPEC §1: 0 nothing at or above the gate; 1 something at or above it; 3 undecided (an `error`) and
// nothing at or above the gate.
int exit_code(const Summary& summary, Gate gate);

struct TextStyle {
    bool colour = false;
};

// waivers: what became of each waiver of the topology file (reported after the results).
void write_text_report(std::ostream& out, const Evidence& evidence, const std::vector<Result>& results,
                       const Registry& registry, TextStyle style, const std::vector<WaiverOutcome>& waivers = {});

nlohmann::json json_report(const Evidence& evidence, const std::vector<Result>& results, const Registry& registry,
                           const std::vector<WaiverOutcome>& waivers = {});
// The same report with extra top-level members (the gate), written to out exactly as
// json_text(report) + "\n" would be, one result at a time: a 500-domain report is tens of MB, and
// its DOM several times that.
void write_json_report(std::ostream& out, const Evidence& evidence, const std::vector<Result>& results,
                       const Registry& registry, const std::vector<WaiverOutcome>& waivers,
                       const nlohmann::json& extra);

// A waiver as the reports name it: "dns.federation-srv fabrikam.com (until 2027-03-31): reason".
std::string describe_waiver(const Waiver& waiver);

// The catalogue (--list-checks) as text, JSON or Markdown (docs/checks.md is generated from it),
// and one check explained (--explain).
void write_catalogue_text(std::ostream& out, const Registry& registry);
nlohmann::json catalogue_json(const Registry& registry);
void write_catalogue_markdown(std::ostream& out, const Registry& registry);
void write_explanation(std::ostream& out, const CheckDef& def);

}  // namespace mobcheck
