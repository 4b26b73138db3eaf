// The password of --user: from MOBCHECK_PASSWORD, else asked on the terminal without echo. Never
// from the command line, where every user of the machine could read it.
#pragma once

#include <string>

namespace mobcheck::cli {

// Throws UsageError when there is neither the variable nor a terminal to ask on.
std::string read_password(const std::string& user);

}  // namespace mobcheck::cli
