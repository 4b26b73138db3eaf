// The subcommands that need no network: `mobcheck plan` and `mobcheck cert FILE`. Return the exit code.
#pragma once

#include "options.hpp"

namespace mobcheck::cli {

int run_plan(const Options& options);
int run_cert(const Options& options, const Registry& registry);

}  // namespace mobcheck::cli
