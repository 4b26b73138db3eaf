#include "subcommands.hpp"

#include <fstream>

#include "mobcheck/names.hpp"

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

std::optional<std::string> parse_fqdn(const std::string& raw, const char* flag) {
    if (raw.empty()) return std::nullopt;
    auto parsed = normalize_domain(raw);
    if (!parsed) throw UsageError(std::string(flag) + ": " + parsed.error);
    return *parsed;
}

void add_common(CLI::App* sub, SubcommandInputs& in) {
    sub->add_option("--sip", in.sips, "SIP domain (repeatable; at least one)")->type_name("DOMAIN")->required();
    sub->add_option("--internal-web", in.internal_web, "the pool's internal web services FQDN")->type_name("FQDN");
    sub->add_option("--external-web", in.external_web, "the pool's external web services FQDN")->type_name("FQDN");
    sub->add_option("--format", in.format, "text or json")
        ->type_name("text|json")
        ->check(CLI::IsMember({"text", "json"}).description(""))
        ->capture_default_str();
    sub->add_option("-o,--output", in.output, "write to FILE (atomically) instead of standard output")->type_name("FILE");
}

}  // namespace

void declare_subcommands(CLI::App& app, SubcommandInputs& in) {
    in.plan = app.add_subcommand(
        "plan", "print the DNS records and the subject alternative names each certificate needs (no network)");
    add_common(in.plan, in);
    in.plan->add_option("--director", in.director, "the Director pool's FQDN, when there is one")->type_name("FQDN");
    in.plan->add_option("--req-config", in.req_config,
                        "print only the openssl req config for this certificate: front-end, director, external-web or "
                        "reverse-proxy")
        ->type_name("ROLE")
        ->check(CLI::IsMember({"front-end", "director", "external-web", "reverse-proxy"}).description(""));
    in.plan->footer("Example:\n  mobcheck plan --sip contoso.com --sip fabrikam.com --internal-web pool01.contoso.net "
                    "--external-web webext.contoso.com\n  mobcheck plan --sip contoso.com --external-web "
                    "webext.contoso.com --req-config reverse-proxy > proxy.cnf\n  openssl req -new -config proxy.cnf "
                    "-newkey rsa:2048 -nodes -keyout proxy.key -out proxy.csr");

    in.cert = app.add_subcommand(
        "cert", "check a PEM certificate (or chain) or certificate request against the names a role needs (no network)");
    in.cert->add_option("FILE", in.file, "the PEM file: CERTIFICATE blocks (leaf first) or a CERTIFICATE REQUEST")
        ->required();
    in.cert->add_option("--role", in.role, "which certificate it is: reverse-proxy, external-web, front-end or director")
        ->type_name("ROLE")
        ->required()
        ->check(CLI::IsMember({"front-end", "director", "external-web", "reverse-proxy"}).description(""));
    add_common(in.cert, in);
    in.cert->add_option("--ca-file", in.ca_file, "extra trust anchors in PEM, added to the system store")
        ->type_name("PEM");
    in.cert->add_option("--expiry-warn-days", in.expiry_warn_days, "warn when it expires within this many days")
        ->type_name("DAYS")
        ->capture_default_str();
    in.cert->add_option("--fail-on", in.fail_on, "the gate: which statuses make the exit code 1")
        ->type_name("fail|warn")
        ->check(CLI::IsMember({"fail", "warn"}).description(""))
        ->capture_default_str();
    in.cert->footer("Exit codes as for a network run: 0 nothing at or above the gate, 1 something is (a name is "
                    "missing, ...), 2 usage error or unreadable file.\nExample:\n  mobcheck cert proxy.csr --role "
                    "reverse-proxy --sip contoso.com --sip fabrikam.com --external-web webext.contoso.com");
}

bool take_subcommand(const CLI::App& app, const SubcommandInputs& in, Options& o) {
    (void)app;
    const bool plan = in.plan->parsed();
    const bool cert = in.cert->parsed();
    if (!plan && !cert) return false;
    o.format = in.format == "json" ? Format::Json : Format::Text;
    if (!in.output.empty()) o.output = in.output;
    if (plan) {
        o.mode = Options::Mode::PlanNames;
        o.plan_request.sip_domains = parse_sips(in.sips);
        o.plan_request.internal_web = parse_fqdn(in.internal_web, "--internal-web");
        o.plan_request.external_web = parse_fqdn(in.external_web, "--external-web");
        o.plan_request.director = parse_fqdn(in.director, "--director");
        if (!in.req_config.empty()) {
            if (in.req_config == "director" && !o.plan_request.director) {
                throw UsageError("--req-config director needs --director FQDN");
            }
            o.plan_request.req_config_role = in.req_config;
        }
        return true;
    }
    o.mode = Options::Mode::CheckCertificate;
    o.cert_request.file = in.file;
    o.cert_request.role = in.role;
    o.cert_request.sip_domains = parse_sips(in.sips);
    o.cert_request.internal_web = parse_fqdn(in.internal_web, "--internal-web");
    o.cert_request.external_web = parse_fqdn(in.external_web, "--external-web");
    if (!in.ca_file.empty()) {
        if (!std::ifstream(in.ca_file)) throw UsageError("--ca-file: cannot read " + in.ca_file);
        o.plan.ca_file = in.ca_file;
    }
    if (in.expiry_warn_days < 0 || in.expiry_warn_days > 3650) {
        throw UsageError("--expiry-warn-days must be between 0 and 3650");
    }
    o.plan.expiry_warn_days = in.expiry_warn_days;
    o.gate = in.fail_on == "warn" ? Gate::Warn : Gate::Fail;

    return true;
}

}  // namespace mobcheck::cli
