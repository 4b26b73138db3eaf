// The topology file (--config): every key read, every bad value refused with the file and the key's path.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "config_file.hpp"

using namespace mobcheck;
using namespace mobcheck::cli;

namespace {

ConfigFile parse(const std::string& text) { return parse_config_file(text, "mobility.json", builtin_registry()); }

// The one-line reason a file is refused for.
std::string refusal(const std::string& text) {
    try {
        parse(text);
    } catch (const ConfigFileError& e) {
        return e.what();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("config: the example file of the repository reads whole") {
    const std::string path = std::string(MOBCHECK_TESTDATA) + "/config/contoso.json";
    const ConfigFile c = load_config_file(path, builtin_registry());
    CHECK(c.sip_domains == std::vector<std::string>{"contoso.com", "fabrikam.com"});
    REQUIRE(c.internal_dns);
    CHECK(c.internal_dns->front().to_string() == "127.0.0.53:53");
    CHECK(c.external_web == "webext.contoso.com");
    CHECK(c.director == "dir01.contoso.net");
    CHECK(c.sbas == std::vector<std::string>{"sba-oslo.contoso.net", "sba-lima.contoso.net"});
    CHECK(c.vantage == Vantage::Internal);
    CHECK(c.timeout == std::chrono::milliseconds(1000));
    CHECK(c.fail_on == Gate::Fail);
    // A relative ca_file is taken from the file's directory, not from where mobcheck runs.
    REQUIRE(c.ca_file);
    CHECK(std::filesystem::equivalent(*c.ca_file, std::string(MOBCHECK_TESTDATA) + "/lab/tls/lab-root-ca.pem"));
    REQUIRE(c.policy.severity.size() == 1);
    CHECK(c.policy.severity[0].selector == "dns.federation-srv");
    CHECK(c.policy.severity[0].status == Status::Info);
    REQUIRE(c.policy.waivers.size() == 1);
    CHECK(c.policy.waivers[0].subject == "sba-lima.contoso.net:5089");
    CHECK(c.policy.waivers[0].origin == path + ": /waivers/0");
    CHECK(c.policy.waivers[0].expires_at);
}

TEST_CASE("config: values are normalised as on the command line") {
    const ConfigFile c = parse(R"({"sip_domains": ["Contoso.COM.", "contoso.com"], "apns": "[::1]:5223",
                                    "user": "alice@Contoso.com", "attempts": 3, "max_connections": 64,
                                    "deadline": 7.5, "only": ["dns", "tls.chain"], "expiry_warn_days": 0})");
    CHECK(c.sip_domains == std::vector<std::string>{"contoso.com"});
    REQUIRE(c.apns);
    CHECK(c.apns->host == "::1");
    CHECK(c.user == "alice@contoso.com");
    CHECK(c.attempts == 3);
    CHECK(c.max_connections == 64u);
    CHECK(c.deadline == std::chrono::milliseconds(7500));
    CHECK(c.only == std::vector<std::string>{"dns", "tls.chain"});
    CHECK(c.expiry_warn_days == 0);
    CHECK_FALSE(c.skip);
    CHECK(parse("{}").policy.waivers.empty());
}

TEST_CASE("config: every refusal names the file and the key's path") {
    struct Case {
        const char* text;
        const char* says;
    };
    const Case cases[] = {
        {R"({"sip_domain": ["contoso.com"]})", "mobility.json: /sip_domain: unknown key (did you mean 'sip_domains'?)"},
        {R"({"colour": "never"})", "mobility.json: /colour: unknown key; the keys are sip_domains, internal_dns"},
        {R"({"sip_domains": ["contoso.com", "bad domain!"]})", "mobility.json: /sip_domains/1: domain 'bad domain!'"},
        {R"({"sip_domains": "contoso.com"})", "mobility.json: /sip_domains: expected an array"},
        {R"({"sip_domains": []})", "mobility.json: /sip_domains: empty"},
        {R"({"internal_dns": ["dns.contoso.com"]})", "mobility.json: /internal_dns/0: "},
        {R"({"timeout": 0})", "mobility.json: /timeout: must be between 0.1 and 300 seconds"},
        {R"({"timeout": "3"})", "mobility.json: /timeout: expected a number of seconds"},
        {R"({"attempts": 2.5})", "mobility.json: /attempts: expected a whole number"},
        {R"({"max_per_host": 18446744073709551615})", "mobility.json: /max_per_host: must be between 1 and 256"},
        {R"({"vantage": "mars"})", "mobility.json: /vantage: expected 'internal' or 'external', got 'mars'"},
        {R"({"fail_on": "info"})", "mobility.json: /fail_on: expected 'fail' or 'warn'"},
        {R"({"only": ["dns", "dnss"]})", "mobility.json: /only/1: no check or category is called 'dnss'"},
        {R"({"severity": {"dns.nope": "warn"}})", "mobility.json: /severity/dns.nope: no check or category"},
        {R"({"severity": {"dns.lyncdiscover": "pass"}})", "mobility.json: /severity/dns.lyncdiscover: expected 'fail' or 'warn' or 'info'"},
        {R"({"severity": ["dns"]})", "mobility.json: /severity: expected an object"},
        {R"({"waivers": {}})", "mobility.json: /waivers: expected an array"},
        {R"({"waivers": [{"check": "dns.lyncdiscover", "subject": "contoso.com"}]})",
         "mobility.json: /waivers/0/reason: missing"},
        {R"({"waivers": [{"check": "dns.lyncdiscover", "subject": "contoso.com", "reason": " "}]})",
         "mobility.json: /waivers/0/reason: must not be empty"},
        {R"({"waivers": [{"check": "dns", "subject": "*", "reason": "x"}]})",
         "mobility.json: /waivers/0/check: 'dns' is a category: a waiver names one check"},
        {R"({"waivers": [{"check": "dns.nope", "subject": "*", "reason": "x"}]})",
         "mobility.json: /waivers/0/check: no check is called 'dns.nope'"},
        {R"({"waivers": [{"check": "dns.lyncdiscover", "subject": "*", "reason": "x", "expires": "next week"}]})",
         "mobility.json: /waivers/0/expires: expected a date YYYY-MM-DD"},
        {R"({"waivers": [{"check": "dns.lyncdiscover", "subject": "*", "tag": "san-missing", "reason": "x"}]})",
         "mobility.json: /waivers/0/tag: 'san-missing' is not a reason dns.lyncdiscover gives (nxdomain, "},
        {R"({"waivers": [{"check": "dns.lyncdiscover", "subject": "*", "reason": "x", "until": "2027-01-01"}]})",
         "mobility.json: /waivers/0/until: unknown key"},
        {R"({"password": "hunter2"})", "mobility.json: /password: a password never goes in the topology file"},
        {R"({"ca_file": "no-such-file.pem"})", "mobility.json: /ca_file: cannot read no-such-file.pem"},
        {R"({"a/b": 1})", "mobility.json: /a~1b: unknown key"},
        {R"(["contoso.com"])", "mobility.json: /: expected a JSON object"},
        {"{\"sip_domains\": [\"contoso.com\",]}", "mobility.json: not valid JSON: line 1, column 32: unexpected ']'"},
        {"", "mobility.json: not valid JSON"},
    };
    for (const auto& c : cases) {
        const std::string text = c.text;
        CAPTURE(text);
        const std::string said = refusal(c.text);
        CHECK_MESSAGE(said.find(c.says) == 0, said);
        CHECK(said.find('\n') == std::string::npos);
    }
}

TEST_CASE("config: comments are allowed and the file's size and kind are checked before it is read") {
    CHECK(parse("// the pool\n{ /* two domains */ \"sip_domains\": [\"contoso.com\"] }").sip_domains);
    const auto dir = std::filesystem::temp_directory_path();
    CHECK_THROWS_WITH_AS(load_config_file(dir.string(), builtin_registry()), doctest::Contains("is a directory"),
                         ConfigFileError);
    CHECK_THROWS_WITH_AS(load_config_file("/nonexistent/mobility.json", builtin_registry()),
                         doctest::Contains("cannot read /nonexistent/mobility.json"), ConfigFileError);
}

TEST_CASE("config: the documented keys are the keys the file takes") {
    std::ifstream doc(std::string(MOBCHECK_DOCS) + "/config.md");
    REQUIRE(doc.good());
    const std::string text((std::istreambuf_iterator<char>(doc)), std::istreambuf_iterator<char>());
    REQUIRE(!config_file_keys().empty());
    for (const auto& key : config_file_keys()) {
        CAPTURE(key);
        CHECK(text.find("| `" + key + "`") != std::string::npos);
    }
}
