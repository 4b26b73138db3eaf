// Carries out parsed Options: the network run, a replay, the catalogue. Returns the exit code.
#pragma once

#include "options.hpp"

namespace mobcheck::cli {

int run(const Options& options, const Registry& registry);

}  // namespace mobcheck::cli
