// The topology file (--config FILE): a deployment described once, in JSON, for runs, `plan` and `cert`.
// Every key is optional; a flag given on the command line overrides its key. An unknown key or a bad
// value is refused with the file and the key's path ("mobility.json: /waivers/1/expires: ..."), so a
// typo never silently changes what is checked. docs/config.md documents each key.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/plan.hpp"
#include "checks/policy.hpp"
#include "checks/registry.hpp"
#include "report/report.hpp"

namespace mobcheck::cli {

struct ConfigFileError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ConfigFile {
    std::string path;  // as given to --config

    // The deployment.
    std::optional<std::vector<std::string>> sip_domains;  // normalised, without duplicates
    std::optional<std::vector<ResolverAddress>> internal_dns, external_dns;
    std::optional<std::string> internal_web, external_web, director;
    std::optional<std::vector<std::string>> sbas;
    std::optional<Plan::Endpoint> apns;
    std::optional<std::string> user;  // a UPN; a password never belongs in the file
    std::optional<Vantage> vantage;
    std::optional<std::string> ca_file;  // relative paths are taken from the file's directory

    // Limits.
    std::optional<std::chrono::milliseconds> timeout, deadline;
    std::optional<int> attempts;
    std::optional<std::size_t> max_connections, max_per_host, max_dns_queries;

    // Judging.
    std::optional<int> expiry_warn_days;
    std::optional<bool> managed_devices;
    std::optional<Gate> fail_on;
    std::optional<std::vector<std::string>> only, skip;
    Policy policy;  // severity overrides and waivers
};

// Reads and validates FILE. Throws ConfigFileError with one line naming the file and the key's path.
ConfigFile load_config_file(const std::string& path, const Registry& registry);

// The same for text already read; path names the file in messages and anchors relative paths.
ConfigFile parse_config_file(std::string_view text, const std::string& path, const Registry& registry);

// The keys the file takes, in the order docs/config.md lists them.
const std::vector<std::string>& config_file_keys();

}  // namespace mobcheck::cli
