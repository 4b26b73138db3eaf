#include "options.hpp"
#include "model/file_path.hpp"
#include "parse_errors.hpp"
#include "suggest.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "cli_definition.hpp"
#include "config_file.hpp"
#include "docs_generation.hpp"
#include "limits.hpp"
#include "model/names.hpp"
#include "model/strings.hpp"
#include "subcommands.hpp"
#include "checks/probe_needs.hpp"

namespace mobcheck::cli {

namespace {

std::vector<ResolverAddress> parse_resolvers(const std::vector<std::string>& raw, const char* flag) {
    std::vector<ResolverAddress> out;
    for (const auto& text : raw) {
        auto parsed = parse_resolver(text);
        if (!parsed) throw UsageError(std::string(flag) + ": " + parsed.error);
        out.push_back(*parsed);
    }
    return out;
}

std::vector<std::string> parse_unique(const std::vector<std::string>& raw, const char* flag,
                                      Parsed<std::string> (*parse)(std::string_view)) {
    std::vector<std::string> out;
    for (const auto& text : raw) {
        auto parsed = parse(text);
        if (!parsed) throw UsageError(std::string(flag) + ": " + parsed.error);
        if (std::find(out.begin(), out.end(), *parsed) == out.end()) out.push_back(*parsed);
    }
    return out;
}

std::string parse_one(const std::string& raw, const char* flag, Parsed<std::string> (*parse)(std::string_view)) {
    auto parsed = parse(raw);
    if (!parsed) throw UsageError(std::string(flag) + ": " + parsed.error);
    return *parsed;
}

// The words --only, --skip and --explain take: every check ID, and for --only and --skip the categories.
std::vector<std::string> selector_words(const Registry& registry, bool with_categories) {
    std::vector<std::string> words;
    for (const CheckDef& def : registry.all()) {
        words.push_back(def.id);
        if (with_categories && std::find(words.begin(), words.end(), def.category()) == words.end()) {
            words.push_back(def.category());
        }
    }
    return words;
}

void check_selectors(const std::vector<std::string>& selectors, const char* flag, const Registry& registry) {
    for (const auto& s : selectors) {
        if (!registry.selector_known(s)) {
            throw UsageError(std::string(flag) + ": no check or category is called '" + s + "'" +
                             did_you_mean(s, selector_words(registry, true)) + " (mobcheck --list-checks lists them)");
        }
    }
}

std::chrono::milliseconds seconds_to_ms(double seconds, const char* flag, Range range) {
    if (!std::isfinite(seconds) || seconds < range.min || seconds > range.max) {
        throw UsageError(std::string(flag) + " must be between " + CLI::detail::to_string(range.min) + " and " +
                         CLI::detail::to_string(range.max) + " seconds");
    }
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(seconds * 1000)));
}

long in_range(long value, const char* flag, Range range) {
    if (static_cast<double>(value) < range.min || static_cast<double>(value) > range.max) {
        throw UsageError(std::string(flag) + " must be between " + CLI::detail::to_string(static_cast<long>(range.min)) +
                         " and " + CLI::detail::to_string(static_cast<long>(range.max)));
    }
    return value;
}

// A setting comes from its flag when the flag was given, else from the topology file, else it keeps
// its default.
class Settings {
public:
    Settings(const CliDefinition& cli, const ConfigFile* config) : cli_(cli), config_(config) {}

    bool given(const char* flag) const { return cli_.given(flag); }

    template <typename T, typename FromFlag>
    void take(T& into, const char* flag, const std::optional<T> ConfigFile::*key, FromFlag from_flag) const {
        if (given(flag)) {
            into = from_flag();
        } else if (config_ != nullptr && (config_->*key)) {
            into = *(config_->*key);
        }
    }

    // The same for a setting that is optional in the plan.
    template <typename T, typename FromFlag>
    void take_optional(std::optional<T>& into, const char* flag, const std::optional<T> ConfigFile::*key,
                       FromFlag from_flag) const {
        if (given(flag)) {
            into = from_flag();
        } else if (config_ != nullptr && (config_->*key)) {
            into = config_->*key;
        }
    }

private:
    const CliDefinition& cli_;
    const ConfigFile* config_;
};

std::optional<ConfigFile> load_config(const std::string& path, const Registry& registry) {
    if (path.empty()) return std::nullopt;
    try {
        return load_config_file(path, registry);
    } catch (const ConfigFileError& e) {
        throw UsageError(e.what());
    }
}

// The judging settings: a run, a replay and a merge take them alike.
void take_judging(const CliDefinition& cli, const ConfigFile* config, const Registry& registry, Options& o) {
    const CliInputs& in = cli.inputs();
    const Settings settings(cli, config);
    check_selectors(in.only, "--only", registry);
    check_selectors(in.skip, "--skip", registry);
    settings.take(o.selection.only, "--only", &ConfigFile::only, [&] { return in.only; });
    settings.take(o.selection.skip, "--skip", &ConfigFile::skip, [&] { return in.skip; });
    // A selection that leaves nothing to judge is a mistake in the command, not a healthy deployment.
    const auto& all = registry.all();
    if (std::none_of(all.begin(), all.end(), [&](const CheckDef& def) { return o.selection.selected(def); })) {
        std::string given;
        if (!o.selection.only.empty()) given += "--only " + join(o.selection.only, ",");
        if (!o.selection.skip.empty()) given += (given.empty() ? "" : " ") + std::string("--skip ") + join(o.selection.skip, ",");
        throw UsageError(given + " leaves no check to run (mobcheck --list-checks lists the checks and their categories)");
    }
    o.gate = Gate::Fail;
    settings.take(o.gate, "--fail-on", &ConfigFile::fail_on, [&] { return in.fail_on == "warn" ? Gate::Warn : Gate::Fail; });
    settings.take_optional(o.expiry_warn_days, "--expiry-warn-days", &ConfigFile::expiry_warn_days,
                           [&] { return static_cast<int>(in_range(in.expiry_warn_days, "--expiry-warn-days", kExpiryWarnDays)); });
    settings.take_optional(o.managed_devices, "--managed-devices", &ConfigFile::managed_devices, [&] { return in.managed_devices; });
    if (config != nullptr) {
        o.policy = config->policy;
        if (in.no_waivers) o.policy.waivers.clear();
    }
}

void take_outputs(const CliInputs& in, Options& o) {
    o.format = in.format == "json" ? Format::Json : in.format == "markdown" ? Format::Markdown : Format::Text;
    o.report_format = find_report_format(in.format);
    for (const auto& spec : in.extra_reports) {
        const auto eq = spec.find('=');
        const ReportFormat* f = find_report_format(spec.substr(0, eq));
        if (eq == std::string::npos || f == nullptr || eq + 1 == spec.size()) {
            throw UsageError("--report takes FORMAT=FILE with FORMAT one of " + join(report_format_names()) + " (got '" +
                             spec + "')");
        }
        o.reports.emplace_back(f, spec.substr(eq + 1));
    }
    o.colour = in.colour == "always" ? Colour::Always : in.colour == "never" ? Colour::Never : Colour::Auto;
    if (in.progress && in.no_progress) throw UsageError("--progress and --no-progress contradict each other");
    if (in.verbose && in.quiet) throw UsageError("--verbose and --quiet contradict each other");
    o.text_detail = in.verbose ? TextDetail::Verbose : in.quiet ? TextDetail::Quiet : TextDetail::Default;
    o.progress = in.progress ? Options::Progress::Always : in.no_progress ? Options::Progress::Never : Options::Progress::Auto;
    if (!in.output.empty()) o.output = in.output;
    if (!in.save_evidence.empty()) o.save_evidence = in.save_evidence;
}

// The deployment and the limits of a network run.
void take_plan(const CliDefinition& cli, const ConfigFile* config, Options& o) {
    const CliInputs& in = cli.inputs();
    const Settings settings(cli, config);
    Plan& plan = o.plan;
    settings.take(plan.sip_domains, "--sip", &ConfigFile::sip_domains,
                  [&] { return parse_unique(in.sips, "--sip", normalize_domain); });
    if (plan.sip_domains.empty()) {
        throw UsageError("at least one --sip DOMAIN is required (or sip_domains in --config, or --replay FILE, "
                         "--list-checks, --explain ID)");
    }
    settings.take(plan.internal_dns, "--internal-dns", &ConfigFile::internal_dns,
                  [&] { return parse_resolvers(in.internal_dns, "--internal-dns"); });
    settings.take(plan.external_dns, "--external-dns", &ConfigFile::external_dns,
                  [&] { return parse_resolvers(in.external_dns, "--external-dns"); });
    for (const auto& server : plan.internal_dns) {
        // One resolver cannot answer for both views: every "hidden outside" rule would compare a view with itself.
        if (std::find(plan.external_dns.begin(), plan.external_dns.end(), server) != plan.external_dns.end()) {
            throw UsageError("--internal-dns and --external-dns both name " + server.to_string() +
                             ": the internal and external DNS views cannot be told apart; give each view its own "
                             "resolver (inside: the corporate DNS server; outside: a public resolver)");
        }
    }
    settings.take_optional(plan.internal_web, "--internal-web", &ConfigFile::internal_web,
                           [&] { return parse_one(in.internal_web, "--internal-web", normalize_domain); });
    settings.take_optional(plan.external_web, "--external-web", &ConfigFile::external_web,
                           [&] { return parse_one(in.external_web, "--external-web", normalize_domain); });
    settings.take(plan.vantage, "--vantage", &ConfigFile::vantage,
                  [&] { return in.vantage == "external" ? Vantage::External : Vantage::Internal; });
    settings.take(plan.sbas, "--sba", &ConfigFile::sbas, [&] { return parse_unique(in.sbas, "--sba", parse_host); });
    settings.take_optional(plan.user, "--user", &ConfigFile::user, [&] { return parse_one(in.user, "--user", parse_upn); });
    if (plan.user) {
        // The user signs in where a phone of that domain would: through its own SIP domain's Autodiscover.
        const std::string domain = upn_domain(*plan.user);
        if (std::find(plan.sip_domains.begin(), plan.sip_domains.end(), domain) == plan.sip_domains.end()) {
            throw UsageError("--user " + *plan.user + ": " + domain +
                             " is not among the SIP domains checked; add --sip " + domain);
        }
    }
    settings.take(plan.apns, "--apns", &ConfigFile::apns, [&] {
        auto endpoint = parse_endpoint(in.apns, 5223);
        if (!endpoint) throw UsageError("--apns: " + endpoint.error);
        return *endpoint;
    });
    settings.take(plan.max_connections, "--max-connections", &ConfigFile::max_connections,
                  [&] { return static_cast<std::size_t>(in_range(in.max_connections, "--max-connections", kMaxConnections)); });
    settings.take(plan.max_per_host, "--max-per-host", &ConfigFile::max_per_host,
                  [&] { return static_cast<std::size_t>(in_range(in.max_per_host, "--max-per-host", kMaxPerHost)); });
    settings.take(plan.max_dns_queries, "--max-dns-queries", &ConfigFile::max_dns_queries,
                  [&] { return static_cast<std::size_t>(in_range(in.max_dns_queries, "--max-dns-queries", kMaxDnsQueries)); });
    settings.take(plan.attempts, "--attempts", &ConfigFile::attempts,
                  [&] { return static_cast<int>(in_range(in.attempts, "--attempts", kAttempts)); });
    settings.take(plan.timeout, "--timeout", &ConfigFile::timeout,
                  [&] { return seconds_to_ms(in.timeout_s, "--timeout", kTimeoutSeconds); });
    settings.take_optional(plan.ca_file, "--ca-file", &ConfigFile::ca_file, [&] {
        if (!std::ifstream(file_path(in.ca_file))) throw UsageError("--ca-file: cannot read " + in.ca_file);
        return in.ca_file;
    });
    if (o.expiry_warn_days) plan.expiry_warn_days = *o.expiry_warn_days;
    if (o.managed_devices) plan.managed_devices = *o.managed_devices;

    // Default deadline: DNS (attempts × timeout, twice for a CNAME hop), then one timeout per round of
    // connects that --max-connections lets through at once (an endpoint usually has one address: the
    // APNS endpoint, two ports per SBA, and the TLS endpoints), then one for a TLS handshake.
    const std::size_t tls_endpoints = 2 * plan.sip_domains.size() + (plan.external_web ? 1 : 0);
    const std::size_t connects = 1 + 2 * plan.sbas.size() + tls_endpoints;
    // The HTTP walk adds a chain of its own after DNS: the discovery, the user link (and with --user the
    // token and the user document), then the web services it names.
    const long http_rounds = plan.user ? 5 : 3;
    const auto rounds = static_cast<long>((connects + plan.max_connections - 1) / plan.max_connections);
    plan.deadline = 2 * plan.attempts * plan.timeout + (rounds + 1 + http_rounds) * plan.timeout +
                    std::chrono::milliseconds(2000);
    std::optional<std::chrono::milliseconds> deadline;
    settings.take_optional(deadline, "--deadline", &ConfigFile::deadline,
                           [&] { return seconds_to_ms(in.deadline_s, "--deadline", kDeadlineSeconds); });
    if (deadline) plan.deadline = *deadline;
}

// Flags that describe a network run, which a replay or a merge (judging saved runs as they were) refuses.
constexpr const char* kRunOnlyFlags[] = {"--sip", "--internal-dns", "--external-dns", "--internal-web", "--external-web",
                                         "--vantage", "--timeout", "--attempts", "--deadline", "--sba", "--apns",
                                         "--user", "--max-connections", "--max-per-host", "--max-dns-queries",
                                         "--ca-file"};

void refuse_run_flags(const CliDefinition& cli, const std::string& what) {
    for (const char* flag : kRunOnlyFlags) {
        if (cli.given(flag)) throw UsageError(what + " judges saved runs as they were; " + flag + " cannot be combined with it");
    }
}

}  // namespace

Options parse_options(int argc, const char* const* argv, const Registry& registry) {
    Options o;
    CliDefinition cli;
    CLI::App& app = cli.app();
    const CliInputs& in = cli.inputs();
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        o.mode = Options::Mode::Help;
        o.help_text = app.help();
        // mobcheck plan --help: its usage reads "mobcheck plan [OPTIONS]".
        for (const CLI::App* sub : app.get_subcommands()) o.help_text = sub->help("mobcheck");
        return o;
    } catch (const CLI::ParseError& e) {
        throw UsageError(usage_message(e, app));
    }
    if (in.version) {
        o.mode = Options::Mode::Version;
        return o;
    }
    if (in.man_page) {
        o.mode = Options::Mode::ManPage;
        o.help_text = man_page(cli);
        return o;
    }
    if (cli.completion()->parsed()) {
        o.mode = Options::Mode::Completion;
        o.help_text = bash_completion(cli);
        return o;
    }
    if (take_offline_command(cli, registry, o)) return o;
    if (cli.diff()->parsed()) {
        o.mode = Options::Mode::Diff;
        o.diff_files = in.diff_files;
        o.format = in.diff_format == "json" ? Format::Json : Format::Text;
        return o;
    }

    take_outputs(in, o);
    if (in.list_checks) {
        if (in.format != "text" && in.format != "json" && in.format != "markdown") {
            throw UsageError("--list-checks takes --format text, json or markdown");
        }
        o.mode = Options::Mode::ListChecks;
        return o;
    }
    if (!in.explain.empty()) {
        if (registry.find(in.explain) == nullptr) {
            throw UsageError("--explain: no check is called '" + in.explain + "'" +
                             did_you_mean(in.explain, selector_words(registry, false)) +
                             " (mobcheck --list-checks lists them)");
        }
        o.mode = Options::Mode::Explain;
        o.explain_id = in.explain;
        return o;
    }

    const std::optional<ConfigFile> config = load_config(in.config, registry);
    const ConfigFile* cfg = config ? &*config : nullptr;
    take_judging(cli, cfg, registry, o);

    if (cli.merge()->parsed() || !in.replay.empty()) {
        const bool merge = cli.merge()->parsed();
        if (merge && !in.replay.empty()) throw UsageError("merge takes the evidence files itself; --replay cannot be combined with it");
        refuse_run_flags(cli, merge ? "merge" : "--replay");
        if (o.save_evidence) {
            throw UsageError(std::string(merge ? "merge" : "--replay") +
                             " judges saved evidence; --save-evidence cannot be combined with it");
        }
        o.mode = merge ? Options::Mode::Merge : Options::Mode::Replay;
        if (merge) o.merge_files = in.merge_files;
        else o.replay = in.replay;
        return o;
    }

    take_plan(cli, cfg, o);
    // --only dns probes DNS only: no connect waits for a port or a certificate nobody will judge.
    o.plan.probes = probes_needed(registry, o.selection);
    return o;
}

}  // namespace mobcheck::cli
