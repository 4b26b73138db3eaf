// mobcheck diff OLD.json NEW.json: the regression gate between two saved JSON reports.
#pragma once

#include "options.hpp"

namespace mobcheck::cli {

// Prints what got worse and better; returns 1 when anything got worse, 0 otherwise.
// Throws UsageError (exit 2) for an unreadable file or one that is not a mobcheck JSON report.
int run_diff(const Options& options);

}  // namespace mobcheck::cli
