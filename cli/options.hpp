// The command line (SPEC §1), parsed into Options. Every rejection is a UsageError with one line.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "mobcheck/plan.hpp"
#include "mobcheck/registry.hpp"
#include "mobcheck/report.hpp"

namespace mobcheck::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class Format { Text, Json, Markdown };
enum class Colour { Auto, Always, Never };

struct Options {
    enum class Mode { Run, Replay, ListChecks, Explain, Help, Version } mode = Mode::Run;
    Plan plan;
    Selection selection;
    Gate gate = Gate::Fail;
    Format format = Format::Text;
    Colour colour = Colour::Auto;
    std::optional<std::string> output;         // --output FILE
    std::optional<std::string> save_evidence;  // --save-evidence FILE
    std::optional<std::string> replay;         // --replay FILE
    std::string explain_id;
    std::string help_text;  // filled for Mode::Help
};

// Parses argv. Throws UsageError (exit 2) with a one-line reason.
Options parse_options(int argc, const char* const* argv, const Registry& registry);

}  // namespace mobcheck::cli
