#include "model/json_text.hpp"
#include "targets.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include <openssl/evp.h>

#include "model/certificate.hpp"
#include "config_file.hpp"
#include "dns_wire.hpp"
#include "model/autodiscover.hpp"
#include "model/evidence_json.hpp"
#include "model/names.hpp"
#include "model/oauth_authority.hpp"
#include "model/www_authenticate.hpp"
#include "checks/registry.hpp"
#include "report/report.hpp"

namespace mobcheck::fuzz {

void dns_wire(const std::uint8_t* data, std::size_t size) {
    std::string error;
    (void)wire::parse_answer(data, static_cast<int>(size), &error);
}

void autodiscover(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return;
    // The first byte picks the Content-Type the server claimed.
    static constexpr const char* kTypes[] = {"", "application/json", "application/vnd.microsoft.rtc.autodiscover+xml; v=1",
                                             "text/html"};
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    const auto d = parse_autodiscover(body, kTypes[data[0] % 4]);
    for (const auto& l : d.links) (void)url_host(l.href);
}

void evidence(const std::uint8_t* data, std::size_t size) {
    const auto json = nlohmann::json::parse(data, data + size, nullptr, false);
    if (json.is_discarded()) return;
    try {
        const Evidence e = evidence_from_json(json);
        // Whatever loads must also judge and report without trouble.
        const auto results = judge(e, builtin_registry(), {});
        (void)json_text(json_report({report_header(e), results, builtin_registry()}));
    } catch (const EvidenceFormatError&) {
        // the expected answer to a bad file: exit 2 with its path
    }
}

void names(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)normalize_domain(text);
    (void)parse_resolver(text);
    (void)parse_host(text);
    (void)parse_endpoint(text, 5223);
    (void)url_host(text);
    const auto normalised = normalize_domain(text);
    if (normalised) (void)is_in_domain(*normalised, "contoso.com");
    // What a server sends: a WWW-Authenticate value, and the authorization_uri it names.
    (void)describe_oauth_authority(std::string(text));
    const auto challenges = parse_challenges({std::string(text)});
    (void)named_oauth_authority(challenges);
    (void)offers_passive_grant(challenges);
}

void certificate(const std::uint8_t* data, std::size_t size) {
    // PEM as given, or DER (what a TLS server sends) wrapped into PEM, as the TLS probe stores it.
    std::string pem(reinterpret_cast<const char*>(data), size);
    if (pem.find("-----BEGIN") == std::string::npos) {
        std::string b64(4 * ((size + 2) / 3) + 1, '\0');
        const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), data, static_cast<int>(size));
        b64.resize(static_cast<std::size_t>(n));
        pem = "-----BEGIN CERTIFICATE-----\n";
        for (std::size_t i = 0; i < b64.size(); i += 64) pem += b64.substr(i, 64) + "\n";
        pem += "-----END CERTIFICATE-----\n";
    }
    const auto cert = parse_certificate(pem);
    if (!cert) return;
    for (const char* name : {"lyncdiscover.contoso.com", "*.contoso.com", "contoso.com.", "127.0.0.1", ""}) {
        (void)cert->covers(name);
    }
    (void)san_list(*cert);
}

void config_file(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const cli::ConfigFile config = cli::parse_config_file(text, "fuzz/mobility.json", builtin_registry());
        // Whatever loads must also apply: its overrides and waivers over a judged run.
        static const Evidence evidence = [] {
            Evidence e;
            e.plan.sip_domains = {"contoso.com"};
            return e;
        }();
        auto results = judge(evidence, builtin_registry(), {});
        apply_severity_overrides(results, config.policy.severity);
        (void)apply_waivers(results, config.policy.waivers, 1800000000);
    } catch (const cli::ConfigFileError&) {
        // the expected answer to a bad file: exit 2 with the key's path
    }
}

}  // namespace mobcheck::fuzz
