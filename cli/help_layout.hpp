// --help laid out for the terminal it is read on.
#pragma once

#include <cstddef>
#include <string>

namespace mobcheck::cli {

// CLI11's help text with the usage line first, then the description, and every line wrapped at
// width: an option's description under its own column (under the option when the terminal is too
// narrow for two columns), other text under its own indentation.
std::string lay_out_help(const std::string& help, std::size_t width);

// The column CLI11's formatter starts option descriptions at (cli_definition.cpp sets it).
inline constexpr std::size_t kHelpColumn = 34;

}  // namespace mobcheck::cli
