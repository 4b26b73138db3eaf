// The subcommands that need no network: `mobcheck plan` (the DNS records and certificate names a
// deployment needs) and `mobcheck cert FILE` (a certificate or request judged against them). Their
// flags are declared in cli_definition.cpp; this validates them, with --config filling what is not given.
#pragma once

#include "cli_definition.hpp"
#include "options.hpp"

namespace mobcheck::cli {

// Fills o when plan or cert was given (and returns true). Throws UsageError on bad input.
bool take_offline_command(const CliDefinition& cli, const Registry& registry, Options& o);

}  // namespace mobcheck::cli
