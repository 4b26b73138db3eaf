// The subcommands that need no network: `mobcheck plan` (the DNS records and certificate names a
// deployment needs) and `mobcheck cert FILE` (a certificate or request judged against them). Without
// a subcommand mobcheck runs as before.
#pragma once

#include <CLI/CLI.hpp>

#include "options.hpp"

namespace mobcheck::cli {

// What CLI11 fills in; take_subcommand validates it.
struct SubcommandInputs {
    CLI::App* plan = nullptr;
    CLI::App* cert = nullptr;
    std::vector<std::string> sips;
    std::string internal_web, external_web, director, req_config, file, role, ca_file, format = "text", output;
    std::string fail_on = "fail";
    int expiry_warn_days = 30;
};

void declare_subcommands(CLI::App& app, SubcommandInputs& in);

// Fills o when a subcommand was given (and returns true). Throws UsageError on bad input.
bool take_subcommand(const CLI::App& app, const SubcommandInputs& in, Options& o);

}  // namespace mobcheck::cli
