// What every report is written from (ReportInput), the summary and the exit code. No rules here.
#pragma once

#include <array>
#include <cstddef>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <vector>

#include "model/report_header.hpp"
#include "checks/policy.hpp"
#include "checks/registry.hpp"
#include "checks/result.hpp"

namespace mobcheck {

// Results by status. A waived result is counted apart, not under its status: the counts are what the
// gate sees, so a dashboard reading them agrees with the exit code.
// The JSON report's schema_version: 1 the first contract; 2 added each result's reason and blocked_by,
// and summary.causes (docs/json-report.md).
inline constexpr int kReportSchemaVersion = 3;

struct Summary {
    std::array<std::size_t, 6> counts{};  // indexed by Status
    std::size_t waived = 0;
    std::size_t count(Status s) const { return counts[static_cast<std::size_t>(s)]; }
};
Summary summarize(const std::vector<Result>& results);

// A result to fix first: one that fails, is in error or warns on its own (not waived, not blocked),
// with how many results it blocks (blocked_by names it).
struct Cause {
    const Result* result = nullptr;
    std::size_t blocks = 0;
};
// The causes, fail before error before warn, then by how many results each blocks, then in report order.
std::vector<Cause> find_causes(const std::vector<Result>& results);

// The gate (--fail-on): which statuses make the exit code 1.
enum class Gate { Fail, Warn };
const char* to_string(Gate gate);  // "fail", "warn": as --fail-on takes it

// SPEC §1: 0 nothing at or above the gate; 1 something at or above it; 3 undecided (an `error`) and
// nothing at or above the gate.
int exit_code(const Summary& summary, Gate gate);

// How much the text report says: the summary line only (-q), problems first with passes counted
// (the default), or every result (-v).
enum class TextDetail { Quiet, Default, Verbose };

struct TextStyle {
    bool colour = false;
    std::size_t width = 100;  // columns to wrap at (the terminal's, else $COLUMNS, else 100)
    bool unicode = true;      // "·" and "→"; ASCII stand-ins when the locale's charset is not UTF-8
    TextDetail detail = TextDetail::Default;
};

// Everything a report is written from, whatever its format (formats.hpp): a network run, a replay, a
// merge of several runs and mobcheck cert alike.
struct ReportInput {
    ReportHeader header;
    const std::vector<Result>& results;
    const Registry& registry;
    Gate gate = Gate::Fail;
    std::vector<WaiverOutcome> waivers = {};  // what became of each waiver of the topology file
    TextStyle style = {};                     // the text report's

    // The gate's verdict on the results (SPEC §1), as the JSON report records it.
    int exit_code() const;
};

// The JSON report (SPEC §2) as a document; the "json" format writes the same text one result at a time.
nlohmann::json json_report(const ReportInput& input);

// A waiver as the reports name it: "dns.federation-srv fabrikam.com (until 2027-03-31): reason".
std::string describe_waiver(const Waiver& waiver);

// The catalogue (--list-checks) as text, JSON or Markdown (docs/checks.md is generated from it),
// and one check explained (--explain).
void write_catalogue_text(std::ostream& out, const Registry& registry);
nlohmann::json catalogue_json(const Registry& registry);
void write_catalogue_markdown(std::ostream& out, const Registry& registry);
void write_explanation(std::ostream& out, const CheckDef& def);

}  // namespace mobcheck
