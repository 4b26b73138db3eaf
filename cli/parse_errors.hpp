// CLI11's parse errors in mobcheck's own words: what was wrong, with the value, and the nearest
// flag, command or choice when the word looks mistyped. No library message reaches the user as it is.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>

namespace mobcheck::cli {

// The one line for e, raised while app (mobcheck's whole command line) was parsed.
std::string usage_message(const CLI::ParseError& e, const CLI::App& app);

// nlohmann-json's parse error as mobcheck says it: "line 1, column 7: unexpected '}'; expected '[',
// '{', or a literal", without the library's exception tag and phrasing.
std::string json_problem(const nlohmann::json::exception& e);

}  // namespace mobcheck::cli
