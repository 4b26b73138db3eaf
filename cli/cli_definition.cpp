#include "cli_definition.hpp"
#include "help_layout.hpp"

#include "report/formats.hpp"

namespace mobcheck::cli {

namespace {

constexpr const char* kDescription =
    "mobcheck tells a Lync Server 2013 / Skype for Business Server administrator whether the deployment is ready "
    "for mobile clients: it resolves lyncdiscover.<sip> and lyncdiscoverinternal.<sip> in the external and "
    "internal DNS views, follows every CNAME, walks the Autodiscover service as a phone does, fetches the "
    "certificates served for it, probes the ports of push notifications and branch appliances, and judges the "
    "results against Microsoft's mobility requirements.";

constexpr const char* kFooter = R"(Examples:
  mobcheck --sip contoso.com --sip fabrikam.com --internal-dns 10.0.0.10 --external-dns 1.1.1.1
  mobcheck --sip contoso.com --internal-web pool01.contoso.net --external-web webext.contoso.com --format json -o report.json
  mobcheck --config mobility.json --report junit=mobcheck.xml --report json=mobcheck.json
  mobcheck --sip contoso.com --save-evidence run.json     then, anywhere:  mobcheck --replay run.json
  mobcheck merge inside.json outside.json     (runs saved inside and outside the corporate network, judged as one)
  mobcheck diff yesterday.json today.json     (exit 1 when anything got worse)
  mobcheck --list-checks          mobcheck --explain dns.cname-domain
  mobcheck plan --sip contoso.com --sip fabrikam.com --external-web webext.contoso.com    (no network; see plan --help)
  mobcheck cert proxy.csr --role reverse-proxy --sip contoso.com --sip fabrikam.com      (no network; see cert --help)

Exit codes:
  0  nothing at or above the gate (--fail-on)
  1  at least one result at or above the gate
  2  usage or configuration error (bad flag, malformed domain, unreadable file); one line on stderr
  3  the run could not decide (a result is `error`, e.g. a resolver is unreachable) and nothing hit the gate

Statuses: pass, info (noteworthy, nothing to fix), warn (a "should" is not met), fail (a "must" is not met),
skip (not applicable, or not selected), error (could not be decided; never counted as a pass). A result a
waiver of the topology file accepts is reported as waived, with its reason, and never trips the gate.
The text report puts what to fix first on top, then the problems under their SIP domain, then one line a
SIP domain for what passed (-v: every result; -q: the summary line). It is wrapped at the terminal's width
(else $COLUMNS, else 100) and written in ASCII when the locale's charset is not UTF-8. Colour is used on a
terminal unless NO_COLOR is set or --color never is given; progress is shown on a terminal for runs longer
than a moment.)";

const std::vector<std::string> kRoles = {"front-end", "director", "external-web", "reverse-proxy"};

// The flags of a run that mobcheck merge takes after its files: how to judge and how to report.
const std::vector<std::string> kMergeReportFlags = {
    "--config", "--format", "--report", "--output", "--fail-on", "--only", "--skip", "--no-waivers",
    "--expiry-warn-days", "--verbose", "--quiet", "--color"};

// "Report flags (after the files):" and one line a flag, laid out as CLI11 lays out options, from
// the main command's own definitions (so the list cannot drift from what the flags say).
std::string report_flags_of(const CLI::App& app, const std::vector<std::string>& names) {
    std::string text = "Report flags (after the files):\n";
    for (const auto& name : names) {
        const CLI::Option* option = app.get_option(name);
        std::string head = "  " + option->get_name(false, true);
        if (!option->get_type_name().empty() && option->get_expected_max() > 0) head += " " + option->get_type_name();
        if (!option->get_default_str().empty()) head += "=" + option->get_default_str();
        head = head.size() + 2 > kHelpColumn ? head + "\n" + std::string(kHelpColumn, ' ') : head + std::string(kHelpColumn - head.size(), ' ');
        text += head + option->get_description() + "\n";
    }
    return text;
}

}  // namespace

CLI::Option* CliDefinition::choices(CLI::App& command, CLI::Option* option, std::vector<std::string> words) {
    option->check(CLI::IsMember(words).description(""));
    hints_[{&command, option->get_name()}] = ValueHint{std::move(words), false};
    return option;
}

CLI::Option* CliDefinition::file(CLI::App& command, CLI::Option* option) {
    hints_[{&command, option->get_name()}] = ValueHint{{}, true};
    return option;
}

CLI::Option* CliDefinition::check_ids(CLI::App& command, CLI::Option* option) {
    hints_[{&command, option->get_name()}] = ValueHint{{}, false, true};
    return option;
}

const ValueHint* CliDefinition::hint(const CLI::App& command, const std::string& option) const {
    auto it = hints_.find({&command, option});
    return it == hints_.end() ? nullptr : &it->second;
}

void CliDefinition::declare_run(CLI::App& app) {
    CliInputs& in = inputs_;
    file(app, app.add_option("--config", in.config,
                             "the topology file (JSON): SIP domains, resolvers, web FQDNs, SBAs, limits, check "
                             "selection, severity overrides and waivers (docs/config.md); a flag given overrides its key")
                  ->type_name("FILE"));
    app.add_option("--sip", in.sips, "SIP domain to validate (repeatable; at least one for a network run)")
        ->type_name("DOMAIN");
    app.add_option("--internal-dns", in.internal_dns,
                   "resolver of the internal (corporate) DNS view, repeatable; IPv6 as [::1]:53. "
                   "Default: the system's resolvers (/etc/resolv.conf; on Windows, its network settings)")
        ->type_name("ADDR[:PORT]");
    app.add_option("--external-dns", in.external_dns,
                   "resolver that sees the public (external) view, repeatable. Default: 1.1.1.1, 8.8.8.8, 9.9.9.9")
        ->type_name("ADDR[:PORT]");
    app.add_option("--internal-web", in.internal_web,
                   "the pool's (or Director's) internal web services FQDN. Default: learned from the Autodiscover links")
        ->type_name("FQDN");
    app.add_option("--external-web", in.external_web,
                   "the pool's (or Director's) external web services FQDN. Default: learned from the Autodiscover links")
        ->type_name("FQDN");
    app.add_option("--sba", in.sbas,
                   "Survivable Branch Appliance that homes users, repeatable: its UCWA SIP ports 5088 and 5089 are probed")
        ->type_name("FQDN");
    app.add_option("--user", in.user,
                   "sign in as this user (alice@contoso.com) to fetch the user document and check the Mobility "
                   "Service URLs (topology.mobility-urls-external). The password comes from MOBCHECK_PASSWORD or a "
                   "prompt, never from the command line and never empty; it is sent only through the user link of the "
                   "root a phone asks first (lyncdiscoverinternal inside, lyncdiscover outside) when that root came "
                   "over verified HTTPS from the SIP domain itself, only over HTTPS to the host that challenged, and "
                   "it is never recorded")
        ->type_name("UPN");
    app.add_option("--apns", in.apns, "Apple Push Notification Service endpoint for the outbound 5223 check")
        ->type_name("HOST[:PORT]")
        ->capture_default_str();
    choices(app,
            app.add_option("--vantage", in.vantage,
                           "where this run sits: internal (corporate network or Wi-Fi) or external (the Internet)")
                ->type_name("internal|external")
                ->capture_default_str(),
            {"internal", "external"});
    app.add_option("--timeout", in.timeout_s, "seconds per network attempt (0.1 to 300)")
        ->type_name("SECONDS")
        ->capture_default_str();
    app.add_option("--attempts", in.attempts, "attempts per DNS query before it counts as timed out (1 to 10)")
        ->type_name("N")
        ->capture_default_str();
    app.add_option("--deadline", in.deadline_s,
                   "seconds the whole run may take; unfinished probes become errors. Default: 2 × attempts × "
                   "timeout + 2, plus one timeout per round of --max-connections port probes, one for the TLS "
                   "handshakes and three for the Autodiscover walk (five with --user)")
        ->type_name("SECONDS");
    app.add_option("--max-connections", in.max_connections, "TCP connects in flight at once, overall (1 to 4096)")
        ->type_name("N")
        ->capture_default_str();
    app.add_option("--max-per-host", in.max_per_host, "TCP connects in flight at once to one address (1 to 256)")
        ->type_name("N")
        ->capture_default_str();
    app.add_option("--max-dns-queries", in.max_dns_queries, "DNS questions outstanding at once, per view (1 to 10000)")
        ->type_name("N")
        ->capture_default_str();
    choices(app,
            app.add_option("--format", in.format,
                           "report format: text, json, junit, markdown, nagios (exit codes 0-3 as a monitoring plugin), "
                           "prometheus or html (one self-contained page); --list-checks takes text, json or markdown")
                ->type_name("FORMAT")
                ->capture_default_str(),
            report_format_names());
    app.add_option("--report", in.extra_reports,
                   "also write the report in FORMAT to FILE, repeatable (e.g. --report junit=mobcheck.xml "
                   "--report json=mobcheck.json); each file is written whole or not at all")
        ->type_name("FORMAT=FILE");
    file(app, app.add_option("-o,--output", in.output,
                             "write the report to FILE (atomically) instead of standard output")
                  ->type_name("FILE"));
    choices(app,
            app.add_option("--fail-on", in.fail_on, "the gate: which statuses make the exit code 1")
                ->type_name("fail|warn")
                ->capture_default_str(),
            {"fail", "warn"});
    check_ids(app, app.add_option("--only", in.only,
                                  "judge only these checks (IDs or categories such as dns), comma-separated")
                       ->type_name("ID,...")
                       ->delimiter(','));
    check_ids(app, app.add_option("--skip", in.skip, "do not judge these checks (IDs or categories), comma-separated")
                       ->type_name("ID,...")
                       ->delimiter(','));
    app.add_flag("--no-waivers", in.no_waivers, "judge as if the topology file had no waivers: every problem counts");
    file(app, app.add_option("--save-evidence", in.save_evidence,
                             "also write everything observed as JSON, to judge again later with --replay or merge")
                  ->type_name("FILE"));
    file(app, app.add_option("--replay", in.replay, "judge a saved evidence file instead of probing the network")
                  ->type_name("FILE"));
    choices(app,
            app.add_option("--color", in.colour, "colour in the text report")
                ->type_name("auto|always|never")
                ->capture_default_str(),
            {"auto", "always", "never"});
    app.add_flag("-v,--verbose", in.verbose,
                 "the text report lists every result (default: what to fix first, then the problems, then one line "
                 "a SIP domain for what passed)");
    app.add_flag("-q,--quiet", in.quiet, "the text report is its summary line only (the exit code says the rest)");
    app.add_flag("--progress", in.progress, "show progress on stderr even when it is not a terminal");
    app.add_flag("--no-progress", in.no_progress, "never show progress (default: on a terminal, after a moment)");
    file(app, app.add_option("--ca-file", in.ca_file,
                             "extra trust anchors in PEM (e.g. the enterprise CA of the Front End certificates), added "
                             "to the system store")
                  ->type_name("PEM"));
    app.add_flag("--managed-devices", in.managed_devices,
                 "the phones are managed (MDM) and trust the enterprise roots of --ca-file: a chain to those roots "
                 "passes also where phones reach from the Internet (default: there it must chain to a public root)");
    app.add_option("--expiry-warn-days", in.expiry_warn_days,
                   "tls.validity warns when a certificate expires within this many days (0 to 3650)")
        ->type_name("DAYS")
        ->capture_default_str();
    app.add_flag("--list-checks", in.list_checks, "list the check catalogue (with --format json or markdown too)");
    check_ids(app, app.add_option("--explain", in.explain, "the rule, its source, the remediation, the prerequisites and the reason tags of one check")
                       ->type_name("ID"));
    app.add_flag("--version", in.version, "print the version and exit");
    // The man page is generated from this definition at build time; not an option for people.
    app.add_flag("--man-page", in.man_page, "print the manual page (roff)")->group("");
}

void CliDefinition::declare_offline(CLI::App& command, bool is_cert) {
    CliInputs::Offline& in = inputs_.offline;
    file(command, command.add_option("--config", in.config,
                                     "the topology file (JSON): its sip_domains, internal_web, external_web" +
                                         std::string(is_cert ? ", ca_file, expiry_warn_days, managed_devices and fail_on" : " and director") +
                                         " apply; a flag given overrides its key")
                      ->type_name("FILE"));
    command.add_option("--sip", in.sips, "SIP domain (repeatable; at least one, here or in --config)")->type_name("DOMAIN");
    command.add_option("--internal-web", in.internal_web, "the pool's internal web services FQDN")->type_name("FQDN");
    command.add_option("--external-web", in.external_web, "the pool's external web services FQDN")->type_name("FQDN");
    choices(command, command.add_option("--format", in.format, "text or json")->type_name("text|json")->capture_default_str(),
            {"text", "json"});
    file(command, command.add_option("-o,--output", in.output, "write to FILE (atomically) instead of standard output")
                      ->type_name("FILE"));
}

CliDefinition::CliDefinition() : app_(std::make_unique<CLI::App>(kDescription, "mobcheck")) {
    CLI::App& app = *app_;
    app.footer(kFooter);
    app.get_formatter()->column_width(kHelpColumn);
    declare_run(app);
    CliInputs& in = inputs_;

    plan_ = app.add_subcommand(
        "plan", "print the DNS records and the subject alternative names each certificate needs (no network)");
    declare_offline(*plan_, false);
    plan_->add_option("--director", in.offline.director, "the Director pool's FQDN, when there is one")->type_name("FQDN");
    choices(*plan_,
            plan_->add_option("--req-config", in.offline.req_config,
                              "print only the openssl req config for this certificate: front-end, director, "
                              "external-web or reverse-proxy")
                ->type_name("ROLE"),
            kRoles);
    plan_->footer("Example:\n  mobcheck plan --sip contoso.com --sip fabrikam.com --internal-web pool01.contoso.net "
                  "--external-web webext.contoso.com\n  mobcheck plan --sip contoso.com --external-web "
                  "webext.contoso.com --req-config reverse-proxy > proxy.cnf\n  openssl req -new -config proxy.cnf "
                  "-newkey rsa:2048 -nodes -keyout proxy.key -out proxy.csr");

    cert_ = app.add_subcommand(
        "cert", "check a PEM certificate (or chain) or certificate request against the names a role needs (no network)");
    file(*cert_, cert_->add_option("FILE", in.offline.file,
                                   "the PEM file: CERTIFICATE blocks (leaf first) or a CERTIFICATE REQUEST")
                     ->type_name("FILE")
                     ->required());
    choices(*cert_,
            cert_->add_option("--role", in.offline.role,
                              "which certificate it is: reverse-proxy, external-web, front-end or director")
                ->type_name("ROLE")
                ->required(),
            kRoles);
    declare_offline(*cert_, true);
    file(*cert_, cert_->add_option("--ca-file", in.offline.ca_file, "extra trust anchors in PEM, added to the system store")
                     ->type_name("PEM"));
    cert_->add_flag("--managed-devices", in.offline.managed_devices,
                    "the phones trust the enterprise roots of --ca-file (MDM): a reverse proxy certificate may chain to them");
    cert_->add_option("--expiry-warn-days", in.offline.expiry_warn_days, "warn when it expires within this many days")
        ->type_name("DAYS")
        ->capture_default_str();
    choices(*cert_,
            cert_->add_option("--fail-on", in.offline.fail_on, "the gate: which statuses make the exit code 1")
                ->type_name("fail|warn")
                ->capture_default_str(),
            {"fail", "warn"});
    cert_->footer("Exit codes as for a network run: 0 nothing at or above the gate, 1 something is (a name is "
                  "missing, ...), 2 usage error or unreadable file.\nExample:\n  mobcheck cert proxy.csr --role "
                  "reverse-proxy --sip contoso.com --sip fabrikam.com --external-web webext.contoso.com");

    diff_ = app.add_subcommand(
        "diff", "compare two JSON reports of mobcheck (--format json): what got worse, what got better; exit 1 when "
                "anything got worse (a regression gate)");
    file(*diff_, diff_->add_option("reports", in.diff_files, "OLD.json NEW.json")->type_name("OLD NEW")->required()->expected(2));
    choices(*diff_, diff_->add_option("--format", in.diff_format, "text or json")->type_name("text|json")->capture_default_str(),
            {"text", "json"});

    merge_ = app.add_subcommand(
        "merge", "judge evidence saved at several vantage points as one run (mobcheck --vantage internal "
                 "--save-evidence inside.json on the corporate network, --vantage external --save-evidence "
                 "outside.json on the Internet, then mobcheck merge inside.json outside.json); takes the report "
                 "flags of a run, listed below");
    file(*merge_, merge_->add_option("evidence", in.merge_files, "the evidence files (--save-evidence), two or more")
                      ->type_name("FILE FILE...")
                      ->required()
                      ->expected(2, 64));
    merge_->fallthrough();  // the report flags after the files belong to the main command
    merge_->footer(report_flags_of(app, kMergeReportFlags) +
                   "\nEach run is judged under its own vantage; for each check and subject the merged result is the "
                   "verdict that asks for most attention among the decided ones (pass, info, warn, fail), so a "
                   "resolver unreachable from outside does not hide what the inside saw. Every result lists each "
                   "vantage's verdict.");

    completion_ = app.add_subcommand("completion", "print the shell completion script: mobcheck completion bash > "
                                                   "/etc/bash_completion.d/mobcheck");
    choices(*completion_, completion_->add_option("shell", in.completion_shell, "the shell")->type_name("bash")->required(),
            {"bash"});
}

}  // namespace mobcheck::cli
