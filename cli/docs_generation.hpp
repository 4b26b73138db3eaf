// The manual page and the bash completion, generated from the one definition of the command line
// (cli_definition.cpp), so that they say what --help says. The build writes the man page
// (mobcheck --man-page) and the completion (mobcheck completion bash) next to the binary, and the
// package installs both.
#pragma once

#include <string>

#include "cli_definition.hpp"

namespace mobcheck::cli {

std::string man_page(const CliDefinition& cli);         // roff, man(7) macros
std::string bash_completion(const CliDefinition& cli);  // a script for bash-completion

}  // namespace mobcheck::cli
