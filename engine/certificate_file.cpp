#include "engine/certificate_file.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "model/file_path.hpp"
#include "engine/engine.hpp"
#include "model/planned_endpoints.hpp"
#include "model/utc_time.hpp"
#include "trust_store.hpp"

namespace mobcheck {

namespace {

constexpr std::streamsize kMaxBytes = 1024 * 1024;

// The PEM blocks of text, each with its BEGIN and END line.
std::vector<std::string> pem_blocks(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while ((at = text.find("-----BEGIN ", at)) != std::string::npos) {
        const std::size_t end_line = text.find("-----END ", at);
        if (end_line == std::string::npos) break;
        std::size_t end = text.find("-----", end_line + 9);
        if (end == std::string::npos) break;
        end += 5;
        out.push_back(text.substr(at, end - at) + "\n");
        at = end;
    }
    return out;
}

// A DER file (a Windows .cer, a .der request) as one PEM block, the form the rest of mobcheck reads; ""
// with why when the bytes are neither a DER certificate nor a DER request.
std::string der_as_pem(const std::string& bytes, std::string& why) {
    const auto* start = reinterpret_cast<const unsigned char*>(bytes.data());
    const long size = static_cast<long>(bytes.size());
    std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
    const unsigned char* p = start;
    bool written = false;
    if (X509* cert = d2i_X509(nullptr, &p, size); cert != nullptr) {
        written = p == start + size && PEM_write_bio_X509(out.get(), cert) == 1;
        X509_free(cert);
    } else {
        const unsigned long code = ERR_peek_error();
        const char* reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
        why = reason != nullptr ? std::string("ASN.1: ") + reason : "not DER";
        ERR_clear_error();
        p = start;
        if (X509_REQ* req = d2i_X509_REQ(nullptr, &p, size); req != nullptr) {
            written = p == start + size && PEM_write_bio_X509_REQ(out.get(), req) == 1;
            X509_REQ_free(req);
        }
    }
    ERR_clear_error();
    if (!written) {
        if (why.empty()) why = "bytes after the DER object";
        return "";
    }
    char* data = nullptr;
    const long len = BIO_get_mem_data(out.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

bool is_request(const std::string& block) {
    return block.rfind("-----BEGIN CERTIFICATE REQUEST-----", 0) == 0 ||
           block.rfind("-----BEGIN NEW CERTIFICATE REQUEST-----", 0) == 0;
}

}  // namespace

Evidence evidence_from_certificate_file(const CertificateFileRequest& request) {
    std::ifstream in(file_path(request.path), std::ios::binary);
    if (!in) throw ConfigError("cannot read " + request.path + ": " + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (text.size() > static_cast<std::size_t>(kMaxBytes)) throw ConfigError(request.path + " is larger than 1 MiB");

    std::vector<std::string> chain;
    bool request_file = false;
    std::vector<std::string> blocks = pem_blocks(text);
    if (blocks.empty()) {
        std::string why;
        const std::string pem = der_as_pem(text, why);
        if (pem.empty()) {
            throw ConfigError(request.path + " holds no PEM CERTIFICATE or CERTIFICATE REQUEST block, and is not a DER "
                                             "certificate or request either (" + why + ")");
        }
        blocks = {pem};
    }
    for (const auto& block : blocks) {
        if (is_request(block)) {
            request_file = true;
            chain = {block};
            break;
        }
        if (block.rfind("-----BEGIN CERTIFICATE-----", 0) == 0) chain.push_back(block);
    }
    if (chain.empty()) {
        throw ConfigError(request.path + " holds no PEM CERTIFICATE or CERTIFICATE REQUEST block");
    }

    Evidence evidence;
    evidence.plan = request.plan;
    evidence.plan.vantage = Vantage::Internal;
    evidence.run.tool_version = MOBCHECK_VERSION;
    const std::time_t now = std::time(nullptr);
    evidence.run.started_at = format_utc(now);

    TlsProbe probe;
    probe.origin = request.path;
    probe.port = 443;
    probe.outcome = TlsOutcome::Handshake;
    probe.tcp_state = PortState::Open;
    probe.probed_at = format_utc(now);
    probe.detail = request_file ? "certificate request read from " + request.path
                                : std::to_string(chain.size()) + " certificate(s) read from " + request.path;
    if (!request_file) {
        std::unique_ptr<TrustStore> trust;
        try {
            trust = std::make_unique<TrustStore>(request.plan.ca_file);
        } catch (const TrustStoreError& e) {
            throw ConfigError(e.what());
        }
        evidence.run.extra_trust_anchors = trust->extra_anchors();
        std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)> stack(
            sk_X509_new_null(), [](STACK_OF(X509)* s) { sk_X509_pop_free(s, X509_free); });
        for (const auto& pem : chain) {
            auto certs = read_pem_certificates(pem);
            if (certs.empty()) throw ConfigError(request.path + ": a CERTIFICATE block OpenSSL cannot read");
            sk_X509_push(stack.get(), certs.front().release());
        }
        probe.verification = trust->verify(stack.get());
    } else {
        std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(chain[0].data(), static_cast<int>(chain[0].size())),
                                                      &BIO_free);
        X509_REQ* req = PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr);
        ERR_clear_error();
        if (req == nullptr) throw ConfigError(request.path + ": a CERTIFICATE REQUEST block OpenSSL cannot read");
        X509_REQ_free(req);
    }
    probe.chain = chain;

    // The same certificate, judged at every name its role serves: a Front End's or Director's at the
    // lyncdiscoverinternal names, any other's at the names the Internet reaches.
    const bool internal = request.role == "front-end" || request.role == "director";
    for (const auto& endpoint : planned_endpoints(evidence.plan, evidence.plan.external_web)) {
        if ((endpoint.purpose == ProbePurpose::LyncdiscoverInternal) != internal) continue;
        TlsProbe p = probe;
        p.purpose = endpoint.purpose;
        p.name = endpoint.name;
        p.view = endpoint.view;
        evidence.tls.push_back(p);
    }
    return evidence;
}

}  // namespace mobcheck
