// The "tls" part of the evidence file: one TLS probe ⇄ JSON (docs/evidence.md). Loading is strict:
// every served certificate must be PEM that OpenSSL reads, and the probe time must be ISO 8601 UTC,
// because the checks judge from exactly these facts.
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

#include "json_read.hpp"
#include "model/enum_names.hpp"
#include "model/evidence_json.hpp"
#include "model/utc_time.hpp"

namespace mobcheck {

using nlohmann::json;
using namespace json_read;

namespace {

constexpr EnumNames<TlsOutcome, 5> kTlsOutcomeNames{{
    {TlsOutcome::Handshake, "handshake"},
    {TlsOutcome::Failed, "failed"},
    {TlsOutcome::Timeout, "timeout"},
    {TlsOutcome::NoConnect, "no-connect"},
    {TlsOutcome::Error, "error"},
}};

// A served certificate (or, from mobcheck cert, a request) that OpenSSL can read.
bool readable_pem(const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    if (!bio) return false;
    if (pem.find("-----BEGIN CERTIFICATE REQUEST-----") != std::string::npos) {
        X509_REQ* req = PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr);
        X509_REQ_free(req);
        return req != nullptr;
    }
    X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    X509_free(cert);
    return cert != nullptr;
}

}  // namespace

const char* to_string(TlsOutcome outcome) { return enum_name(kTlsOutcomeNames, outcome); }

std::optional<TlsOutcome> tls_outcome_from_string(std::string_view text) {
    return enum_from_name(kTlsOutcomeNames, text);
}

json to_json(const TlsProbe& p) {
    const TlsVerification& v = p.verification;
    json j = {{"purpose", p.purpose.text()},
              {"name", p.name},
              {"view", to_string(p.view)},
              {"address", p.address},
              {"port", p.port},
              {"outcome", to_string(p.outcome)},
              {"tcp_state", to_string(p.tcp_state)},
              {"probed_at", p.probed_at},
              {"connect_ms", p.connect_ms},
              {"handshake_ms", p.handshake_ms},
              {"protocol", p.protocol},
              {"cipher", p.cipher},
              {"chain", p.chain},
              {"verification",
               {{"trusted", v.trusted}, {"code", v.code}, {"reason", v.reason}, {"depth", v.depth}, {"path", v.path}}},
              {"detail", p.detail}};
    if (v.public_root) j["verification"]["public_root"] = *v.public_root;
    if (p.forward_secrecy) j["forward_secrecy"] = *p.forward_secrecy;
    if (!p.tls12_suites.empty()) j["tls12_suites"] = p.tls12_suites;
    if (!p.origin.empty()) j["origin"] = p.origin;
    return j;
}

TlsProbe tls_probe_from_json(const json& j, const std::string& path) {
    TlsProbe p;
    p.purpose = get_purpose(j, "purpose", path);
    p.name = get_domain(j, "name", path);
    p.view = get_view(j, "view", path);
    p.address = get_optional_string(j, "address", path).value_or("");
    p.port = get_number<std::uint16_t>(j, "port", path, 1, 65535);
    p.outcome = get_enum(j, "outcome", path, &tls_outcome_from_string, "TLS outcome");
    const std::string tcp = get_optional_string(j, "tcp_state", path).value_or("error");
    auto state = port_state_from_string(tcp);
    if (!state) bad_member(path, "tcp_state", "unknown port state \"" + tcp + "\"");
    p.tcp_state = *state;
    p.probed_at = get_string(j, "probed_at", path);
    if (!parse_utc_time(p.probed_at)) bad_member(path, "probed_at", "expected a UTC time such as 2026-11-25T09:30:00Z");
    p.connect_ms = get_number_or<double>(j, "connect_ms", path, 0, 1e9, 0);
    p.handshake_ms = get_number_or<double>(j, "handshake_ms", path, 0, 1e9, 0);
    p.protocol = get_optional_string(j, "protocol", path).value_or("");
    p.cipher = get_optional_string(j, "cipher", path).value_or("");
    for (std::string& pem : get_strings(j, "chain", path)) p.chain.emplace_back(std::move(pem));
    for (std::size_t i = 0; i < p.chain.size(); ++i) {
        if (!readable_pem(p.chain[i])) bad_element(path, "chain", i, "not a PEM certificate");
    }
    if (p.outcome == TlsOutcome::Handshake && p.chain.empty()) {
        bad_member(path, "chain", "a completed handshake must record the served chain");
    }
    if (j.contains("verification")) {
        const json& v = member(j, "verification", path);
        const std::string vp = path + ".verification";
        if (!v.is_object()) bad(vp, "expected an object");
        if (v.contains("trusted")) {
            if (!v.at("trusted").is_boolean()) bad_member(vp, "trusted", "expected true or false");
            p.verification.trusted = v.at("trusted").get<bool>();
        }
        p.verification.code = get_number_or<int>(v, "code", vp, 0, 1e6, 0);
        p.verification.reason = get_optional_string(v, "reason", vp).value_or("");
        p.verification.depth = get_number_or<int>(v, "depth", vp, -1, 1000, -1);
        p.verification.path = get_strings(v, "path", vp);
        if (v.contains("public_root")) {
            if (!v.at("public_root").is_boolean()) bad_member(vp, "public_root", "expected true or false");
            p.verification.public_root = v.at("public_root").get<bool>();
        }
    }
    p.detail = get_optional_string(j, "detail", path).value_or("");
    p.origin = get_optional_string(j, "origin", path).value_or("");
    if (j.contains("forward_secrecy")) {
        if (!j.at("forward_secrecy").is_boolean()) bad_member(path, "forward_secrecy", "expected true or false");
        p.forward_secrecy = j.at("forward_secrecy").get<bool>();
    }
    if (j.contains("tls12_suites")) p.tls12_suites = get_strings(j, "tls12_suites", path);
    return p;
}

}  // namespace mobcheck
