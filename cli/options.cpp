#include "options.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <fstream>

#include "mobcheck/names.hpp"
#include "subcommands.hpp"

namespace mobcheck::cli {

namespace {

constexpr const char* kDescription =
    "mobcheck tells a Lync Server 2013 / Skype for Business Server administrator whether the deployment is ready "
    "for mobile clients: it resolves lyncdiscover.<sip> and lyncdiscoverinternal.<sip> in the external and "
    "internal DNS views, follows every CNAME, fetches the certificates served for them, and judges the results "
    "against Microsoft's mobility requirements.";

constexpr const char* kFooter = R"(Examples:
  mobcheck --sip contoso.com --sip fabrikam.com --internal-dns 10.0.0.10 --external-dns 1.1.1.1
  mobcheck --sip contoso.com --internal-web pool01.contoso.net --external-web webext.contoso.com --format json -o report.json
  mobcheck --sip contoso.com --save-evidence run.json     then, anywhere:  mobcheck --replay run.json
  mobcheck --list-checks          mobcheck --explain dns.cname-domain
  mobcheck plan --sip contoso.com --sip fabrikam.com --external-web webext.contoso.com    (no network; see plan --help)
  mobcheck cert proxy.csr --role reverse-proxy --sip contoso.com --sip fabrikam.com      (no network; see cert --help)

Exit codes:
  0  nothing at or above the gate (--fail-on)
  1  at least one result at or above the gate
  2  usage or configuration error (bad flag, malformed domain, unreadable file); one line on stderr
  3  the run could not decide (a result is `error`, e.g. a resolver is unreachable) and nothing hit the gate

Statuses: pass, info (noteworthy, nothing to fix), warn (a "should" is not met), fail (a "must" is not met),
skip (not applicable, or not selected), error (could not be decided; never counted as a pass).
Colour is used on a terminal unless NO_COLOR is set or --color never is given.)";

std::vector<ResolverAddress> parse_resolvers(const std::vector<std::string>& raw, const char* flag) {
    std::vector<ResolverAddress> out;
    for (const auto& text : raw) {
        auto parsed = parse_resolver(text);
        if (!parsed) throw UsageError(std::string(flag) + ": " + parsed.error);
        out.push_back(*parsed);
    }
    return out;
}

std::optional<std::string> parse_web(const std::string& raw, const char* flag) {
    if (raw.empty()) return std::nullopt;
    auto parsed = normalize_domain(raw);
    if (!parsed) throw UsageError(std::string(flag) + ": " + parsed.error);
    return *parsed;
}

void check_selectors(const std::vector<std::string>& selectors, const char* flag, const Registry& registry) {
    for (const auto& s : selectors) {
        if (!registry.selector_known(s)) {
            throw UsageError(std::string(flag) + ": no check or category is called '" + s + "' (see --list-checks)");
        }
    }
}

std::chrono::milliseconds seconds_to_ms(double seconds, const char* flag, double min, double max) {
    if (!std::isfinite(seconds) || seconds < min || seconds > max) {
        throw UsageError(std::string(flag) + " must be between " + CLI::detail::to_string(min) + " and " +
                         CLI::detail::to_string(max) + " seconds");
    }
    return std::chrono::milliseconds(static_cast<long>(std::llround(seconds * 1000)));
}

}  // namespace

Options parse_options(int argc, const char* const* argv, const Registry& registry) {
    Options o;
    CLI::App app{kDescription, "mobcheck"};
    app.footer(kFooter);
    app.get_formatter()->column_width(34);

    std::vector<std::string> sips, internal_dns, external_dns, only, skip;
    std::string internal_web, external_web, vantage = "internal", format = "text", fail_on = "fail", colour = "auto";
    std::string output, save_evidence, replay, explain;
    double timeout_s = 3, deadline_s = 0;
    int attempts = 2;
    std::vector<std::string> sbas;
    std::string user;
    std::string apns = "courier.push.apple.com:5223";
    long max_connections = 256, max_per_host = 8, max_dns_queries = 500;
    bool list_checks = false, version = false;

    app.add_option("--sip", sips, "SIP domain to validate (repeatable; at least one for a network run)")
        ->type_name("DOMAIN");
    app.add_option("--internal-dns", internal_dns,
                   "resolver of the internal (corporate) DNS view, repeatable; IPv6 as [::1]:53. "
                   "Default: the nameservers of /etc/resolv.conf")
        ->type_name("ADDR[:PORT]");
    app.add_option("--external-dns", external_dns,
                   "resolver that sees the public (external) view, repeatable. Default: 1.1.1.1, 8.8.8.8, 9.9.9.9")
        ->type_name("ADDR[:PORT]");
    app.add_option("--internal-web", internal_web, "the pool's (or Director's) internal web services FQDN")
        ->type_name("FQDN");
    app.add_option("--external-web", external_web, "the pool's (or Director's) external web services FQDN")
        ->type_name("FQDN");
    app.add_option("--sba", sbas,
                   "Survivable Branch Appliance that homes users, repeatable: its UCWA SIP ports 5088 and 5089 are probed")
        ->type_name("FQDN");
    app.add_option("--user", user,
                   "sign in as this user (alice@contoso.com) to fetch the user document and check the Mobility "
                   "Service URLs (topology.mobility-urls-external). The password comes from MOBCHECK_PASSWORD or a "
                   "prompt, never from the command line; it is sent only over verified HTTPS to the host that "
                   "challenged, and never recorded")
        ->type_name("UPN");
    app.add_option("--apns", apns, "Apple Push Notification Service endpoint for the outbound 5223 check")
        ->type_name("HOST[:PORT]")
        ->capture_default_str();
    app.add_option("--vantage", vantage,
                   "where this run sits: internal (corporate network or Wi-Fi) or external (the Internet)")
        ->type_name("internal|external")
        ->check(CLI::IsMember({"internal", "external"}).description(""))
        ->capture_default_str();
    app.add_option("--timeout", timeout_s, "seconds per network attempt (0.1 to 300)")
        ->type_name("SECONDS")
        ->capture_default_str();
    app.add_option("--attempts", attempts, "attempts per DNS query before it counts as timed out (1 to 10)")
        ->type_name("N")
        ->capture_default_str();
    app.add_option("--deadline", deadline_s,
                   "seconds the whole run may take; unfinished probes become errors. Default: 2 × attempts × "
                   "timeout + 2, plus one timeout per round of --max-connections port probes")
        ->type_name("SECONDS");
    app.add_option("--max-connections", max_connections, "TCP connects in flight at once, overall (1 to 4096)")
        ->type_name("N")
        ->capture_default_str();
    app.add_option("--max-per-host", max_per_host, "TCP connects in flight at once to one address (1 to 256)")
        ->type_name("N")
        ->capture_default_str();
    app.add_option("--max-dns-queries", max_dns_queries, "DNS questions outstanding at once, per view (1 to 10000)")
        ->type_name("N")
        ->capture_default_str();
    app.add_option("--format", format,
                   "report format: text, json, junit, markdown, nagios (exit codes 0-3 as a monitoring plugin) or "
                   "prometheus; --list-checks takes text, json or markdown")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"text", "json", "junit", "markdown", "nagios", "prometheus"}).description(""))
        ->capture_default_str();
    std::vector<std::string> extra_reports;
    app.add_option("--report", extra_reports,
                   "also write the report in FORMAT to FILE, repeatable (e.g. --report junit=mobcheck.xml "
                   "--report json=mobcheck.json); each file is written whole or not at all")
        ->type_name("FORMAT=FILE");
    app.add_option("-o,--output", output, "write the report to FILE (atomically) instead of standard output")
        ->type_name("FILE");
    app.add_option("--fail-on", fail_on, "the gate: which statuses make the exit code 1")
        ->type_name("fail|warn")
        ->check(CLI::IsMember({"fail", "warn"}).description(""))
        ->capture_default_str();
    app.add_option("--only", only, "judge only these checks (IDs or categories such as dns), comma-separated")
        ->type_name("ID,...")
        ->delimiter(',');
    app.add_option("--skip", skip, "do not judge these checks (IDs or categories), comma-separated")
        ->type_name("ID,...")
        ->delimiter(',');
    app.add_option("--save-evidence", save_evidence,
                   "also write everything observed as JSON, to judge again later with --replay")
        ->type_name("FILE");
    app.add_option("--replay", replay, "judge a saved evidence file instead of probing the network")
        ->type_name("FILE");
    app.add_option("--color", colour, "colour in the text report")
        ->type_name("auto|always|never")
        ->check(CLI::IsMember({"auto", "always", "never"}).description(""))
        ->capture_default_str();
    std::string ca_file;
    int expiry_warn_days = 30;
    app.add_option("--ca-file", ca_file,
                   "extra trust anchors in PEM (e.g. the enterprise CA of the Front End certificates), added to the "
                   "system store")
        ->type_name("PEM");
    app.add_option("--expiry-warn-days", expiry_warn_days,
                   "tls.validity warns when a certificate expires within this many days (0 to 3650)")
        ->type_name("DAYS")
        ->capture_default_str();
    SubcommandInputs subcommand_inputs;
    declare_subcommands(app, subcommand_inputs);
    std::vector<std::string> diff_files;
    std::string diff_format = "text";
    CLI::App* diff = app.add_subcommand(
        "diff", "compare two JSON reports of mobcheck (--format json): what got worse, what got better; exit 1 when "
                "anything got worse (a regression gate)");
    diff->add_option("reports", diff_files, "OLD.json NEW.json")->type_name("OLD NEW")->required()->expected(2);
    diff->add_option("--format", diff_format, "text or json")
        ->type_name("text|json")
        ->check(CLI::IsMember({"text", "json"}).description(""))
        ->capture_default_str();
    app.add_flag("--list-checks", list_checks, "list the check catalogue (with --format json or markdown too)");
    app.add_option("--explain", explain, "the rule, its source and the remediation of one check")->type_name("ID");
    app.add_flag("--version", version, "print the version and exit");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        o.mode = Options::Mode::Help;
        o.help_text = app.help();
        for (const CLI::App* sub : app.get_subcommands()) o.help_text = sub->help();  // mobcheck plan --help
        return o;
    } catch (const CLI::ParseError& e) {
        throw UsageError(e.what());
    }
    if (version) {
        o.mode = Options::Mode::Version;
        return o;
    }
    if (take_subcommand(app, subcommand_inputs, o)) return o;
    if (diff->parsed()) {
        o.mode = Options::Mode::Diff;
        o.diff_files = diff_files;
        o.format = diff_format == "json" ? Format::Json : Format::Text;
        return o;
    }
    if (expiry_warn_days < 0 || expiry_warn_days > 3650) throw UsageError("--expiry-warn-days must be between 0 and 3650");
    if (app.count("--expiry-warn-days") > 0) o.expiry_warn_days = expiry_warn_days;

    o.format = format == "json" ? Format::Json : format == "markdown" ? Format::Markdown : Format::Text;
    o.report_format = *report_format_from_string(format);
    for (const auto& spec : extra_reports) {
        const auto eq = spec.find('=');
        const auto f = report_format_from_string(spec.substr(0, eq));
        if (eq == std::string::npos || !f || eq + 1 == spec.size()) {
            throw UsageError("--report takes FORMAT=FILE with FORMAT one of text, json, junit, markdown, nagios, "
                             "prometheus (got '" + spec + "')");
        }
        o.reports.emplace_back(*f, spec.substr(eq + 1));
    }
    o.colour = colour == "always" ? Colour::Always : colour == "never" ? Colour::Never : Colour::Auto;
    o.gate = fail_on == "warn" ? Gate::Warn : Gate::Fail;
    check_selectors(only, "--only", registry);
    check_selectors(skip, "--skip", registry);
    o.selection.only = only;
    o.selection.skip = skip;
    if (!output.empty()) o.output = output;
    if (!save_evidence.empty()) o.save_evidence = save_evidence;

    if (list_checks) {
        if (format != "text" && format != "json" && format != "markdown") {
            throw UsageError("--list-checks takes --format text, json or markdown");
        }
        o.mode = Options::Mode::ListChecks;
        return o;
    }
    if (!explain.empty()) {
        if (registry.find(explain) == nullptr) {
            throw UsageError("--explain: no check is called '" + explain + "' (see --list-checks)");
        }
        o.mode = Options::Mode::Explain;
        o.explain_id = explain;
        return o;
    }


    if (!replay.empty()) {
        for (const char* flag : {"--sip", "--internal-dns", "--external-dns", "--internal-web", "--external-web",
                                 "--vantage", "--timeout", "--attempts", "--deadline", "--save-evidence", "--sba",
                                 "--apns", "--user", "--max-connections", "--max-per-host", "--max-dns-queries", "--ca-file"}) {
            if (app.count(flag) > 0) {
                throw UsageError(std::string("--replay judges the saved run as it was; ") + flag +
                                 " cannot be combined with it");
            }
        }
        o.mode = Options::Mode::Replay;
        o.replay = replay;
        return o;
    }

    if (sips.empty()) {
        throw UsageError("at least one --sip DOMAIN is required (or --replay FILE, --list-checks, --explain ID)");
    }
    for (const auto& raw : sips) {
        auto parsed = normalize_domain(raw);
        if (!parsed) throw UsageError("--sip: " + parsed.error);
        if (std::find(o.plan.sip_domains.begin(), o.plan.sip_domains.end(), *parsed) == o.plan.sip_domains.end()) {
            o.plan.sip_domains.push_back(*parsed);
        }
    }
    o.plan.internal_dns = parse_resolvers(internal_dns, "--internal-dns");
    o.plan.external_dns = parse_resolvers(external_dns, "--external-dns");
    o.plan.internal_web = parse_web(internal_web, "--internal-web");
    o.plan.external_web = parse_web(external_web, "--external-web");
    o.plan.vantage = vantage == "external" ? Vantage::External : Vantage::Internal;
    for (const auto& raw : sbas) {
        auto parsed = parse_host(raw);
        if (!parsed) throw UsageError("--sba: " + parsed.error);
        if (std::find(o.plan.sbas.begin(), o.plan.sbas.end(), *parsed) == o.plan.sbas.end()) o.plan.sbas.push_back(*parsed);
    }
    if (!user.empty()) {
        const auto at = user.find('@');
        if (at == std::string::npos || at == 0) throw UsageError("--user: expected USER@SIPDOMAIN, got \"" + user + "\"");
        auto domain = normalize_domain(user.substr(at + 1));
        if (!domain) throw UsageError("--user: " + domain.error);
        o.plan.user = user.substr(0, at) + "@" + *domain;
    }
    auto endpoint = parse_endpoint(apns, 5223);
    if (!endpoint) throw UsageError("--apns: " + endpoint.error);
    o.plan.apns = *endpoint;
    if (max_connections < 1 || max_connections > 4096) throw UsageError("--max-connections must be between 1 and 4096");
    if (max_per_host < 1 || max_per_host > 256) throw UsageError("--max-per-host must be between 1 and 256");
    o.plan.max_connections = static_cast<std::size_t>(max_connections);
    o.plan.max_per_host = static_cast<std::size_t>(max_per_host);
    if (max_dns_queries < 1 || max_dns_queries > 10000) throw UsageError("--max-dns-queries must be between 1 and 10000");
    o.plan.max_dns_queries = static_cast<std::size_t>(max_dns_queries);
    if (attempts < 1 || attempts > 10) throw UsageError("--attempts must be between 1 and 10");
    o.plan.attempts = attempts;
    o.plan.timeout = seconds_to_ms(timeout_s, "--timeout", 0.1, 300);
    if (!ca_file.empty()) {
        if (!std::ifstream(ca_file)) throw UsageError("--ca-file: cannot read " + ca_file);
        o.plan.ca_file = ca_file;
    }
    o.plan.expiry_warn_days = expiry_warn_days;
    // Default deadline: DNS (attempts × timeout, twice for a CNAME hop), then one timeout per round of
    // connects that --max-connections lets through at once (an endpoint usually has one address: the
    // APNS endpoint, two ports per SBA, and the TLS endpoints), then one for a TLS handshake.
    const std::size_t tls_endpoints = 2 * o.plan.sip_domains.size() + (o.plan.external_web ? 1 : 0);
    const std::size_t connects = 1 + 2 * o.plan.sbas.size() + tls_endpoints;
    // The HTTP walk adds a chain of its own after DNS: the discovery, the user link (and with --user the
    // token and the user document), then the web services it names.
    const long http_rounds = o.plan.user ? 5 : 3;
    const auto rounds = static_cast<long>((connects + o.plan.max_connections - 1) / o.plan.max_connections);
    o.plan.deadline = app.count("--deadline") > 0
                          ? seconds_to_ms(deadline_s, "--deadline", 0.1, 3600)
                          : 2 * attempts * o.plan.timeout + (rounds + 1 + http_rounds) * o.plan.timeout +
                                std::chrono::milliseconds(2000);
    return o;
}

}  // namespace mobcheck::cli
