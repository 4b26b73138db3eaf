// Results → text / JSON, the summary and the exit code. No rules here.
#pragma once

#include <array>
#include <cstddef>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <vector>

#include "mobcheck/evidence.hpp"
#include "mobcheck/registry.hpp"
#include "mobcheck/result.hpp"

namespace mobcheck {

struct Summary {
    std::array<std::size_t, 6> counts{};  // indexed by Status
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

void write_text_report(std::ostream& out, const Evidence& evidence, const std::vector<Result>& results,
                       const Registry& registry, TextStyle style);

nlohmann::json json_report(const Evidence& evidence, const std::vector<Result>& results, const Registry& registry);

// The catalogue (--list-checks) as text, JSON or Markdown (docs/checks.md is generated from it),
// and one check explained (--explain).
void write_catalogue_text(std::ostream& out, const Registry& registry);
nlohmann::json catalogue_json(const Registry& registry);
void write_catalogue_markdown(std::ostream& out, const Registry& registry);
void write_explanation(std::ostream& out, const CheckDef& def);

}  // namespace mobcheck
