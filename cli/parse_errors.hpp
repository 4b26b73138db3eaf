// CLI11's parse errors in mobcheck's own words: what was wrong, with the value, and the nearest
// flag, command or choice when the word looks mistyped. No library message reaches the user as it is.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace mobcheck::cli {

// The one line for e, raised while app (mobcheck's whole command line) was parsed.
std::string usage_message(const CLI::ParseError& e, const CLI::App& app);

}  // namespace mobcheck::cli
