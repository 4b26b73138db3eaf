#include "subcommands.hpp"

#include <fstream>

#include "model/file_path.hpp"
#include "config_file.hpp"
#include "limits.hpp"
#include "model/names.hpp"

namespace mobcheck::cli {

namespace {

std::vector<std::string> parse_sips(const std::vector<std::string>& raw) {
    std::vector<std::string> out;
    for (const auto& text : raw) {
        auto parsed = normalize_domain(text);
        if (!parsed) throw UsageError("--sip: " + parsed.error);
        if (std::find(out.begin(), out.end(), *parsed) == out.end()) out.push_back(*parsed);
    }
    return out;
}

// The flag's FQDN when it was given, else the topology file's.
std::optional<std::string> fqdn(const std::string& raw, const char* flag, const std::optional<std::string>& from_file) {
    if (raw.empty()) return from_file;
    auto parsed = normalize_domain(raw);
    if (!parsed) throw UsageError(std::string(flag) + ": " + parsed.error);
    return *parsed;
}

}  // namespace

bool take_offline_command(const CliDefinition& cli, const Registry& registry, Options& o) {
    const bool plan = cli.plan()->parsed();
    const bool cert = cli.cert()->parsed();
    if (!plan && !cert) return false;
    const CliInputs::Offline& in = cli.inputs().offline;
    std::optional<ConfigFile> config;
    if (!in.config.empty()) {
        try {
            config = load_config_file(in.config, registry);
        } catch (const ConfigFileError& e) {
            throw UsageError(e.what());
        }
    }
    const ConfigFile empty;
    const ConfigFile& file = config ? *config : empty;
    std::vector<std::string> sips = in.sips.empty() ? file.sip_domains.value_or(std::vector<std::string>{}) : parse_sips(in.sips);
    if (sips.empty()) throw UsageError("at least one --sip DOMAIN is required (or sip_domains in --config)");

    o.format = in.format == "json" ? Format::Json : Format::Text;
    if (!in.output.empty()) o.output = in.output;
    if (plan) {
        o.mode = Options::Mode::PlanNames;
        o.plan_request.sip_domains = sips;
        o.plan_request.internal_web = fqdn(in.internal_web, "--internal-web", file.internal_web);
        o.plan_request.external_web = fqdn(in.external_web, "--external-web", file.external_web);
        o.plan_request.director = fqdn(in.director, "--director", file.director);
        if (!in.req_config.empty()) {
            if (in.req_config == "director" && !o.plan_request.director) {
                throw UsageError("--req-config director needs --director FQDN");
            }
            o.plan_request.req_config_role = in.req_config;
        }
        return true;
    }
    o.mode = Options::Mode::CheckCertificate;
    o.report_format = find_report_format(in.format);
    o.cert_request.file = in.file;
    o.cert_request.role = in.role;
    o.cert_request.sip_domains = sips;
    o.cert_request.internal_web = fqdn(in.internal_web, "--internal-web", file.internal_web);
    o.cert_request.external_web = fqdn(in.external_web, "--external-web", file.external_web);
    if (!in.ca_file.empty()) {
        if (!std::ifstream(file_path(in.ca_file))) throw UsageError("--ca-file: cannot read " + in.ca_file);
        o.plan.ca_file = in.ca_file;
    } else {
        o.plan.ca_file = file.ca_file;
    }
    const CLI::App& command = *cli.cert();
    if (command.count("--expiry-warn-days") > 0) {
        if (in.expiry_warn_days < kExpiryWarnDays.min || in.expiry_warn_days > kExpiryWarnDays.max) {
            throw UsageError("--expiry-warn-days must be between 0 and 3650");
        }
        o.plan.expiry_warn_days = in.expiry_warn_days;
    } else if (file.expiry_warn_days) {
        o.plan.expiry_warn_days = *file.expiry_warn_days;
    }
    o.plan.managed_devices = command.count("--managed-devices") > 0 ? in.managed_devices : file.managed_devices.value_or(false);
    if (command.count("--fail-on") > 0) {
        o.gate = in.fail_on == "warn" ? Gate::Warn : Gate::Fail;
    } else {
        o.gate = file.fail_on.value_or(Gate::Fail);
    }
    return true;
}

}  // namespace mobcheck::cli
