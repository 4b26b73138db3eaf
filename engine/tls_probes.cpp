// TLS probes (SPEC §3 tls, Microsoft's "Certificate Requirements"): the certificate each Autodiscover and
// web services name serves. Every address of a name is probed on its own (a load-balanced VIP with
// one member serving an old certificate is common), as soon as the name's addresses are known.
#include <algorithm>
#include <memory>

#include "engine/engine.hpp"
#include "model/planned_endpoints.hpp"
#include "probe_context.hpp"

namespace mobcheck {

namespace {

constexpr std::uint16_t kHttpsPort = 443;
// How many TLS 1.2 suites a server without forward secrecy is asked for, one handshake each: enough
// to name what it offers, few enough to cost little.
constexpr std::size_t kSuitesNamed = 4;

// OpenSSL names a TLS 1.2 suite by its key exchange first: ECDHE-..., DHE-...; "AES256-GCM-SHA384" is RSA.
bool forward_secret(const std::string& cipher) { return cipher.rfind("ECDHE-", 0) == 0 || cipher.rfind("DHE-", 0) == 0; }

// The next TLS 1.2 suite the server accepts, leaving out those already seen; the probe is recorded
// when no other is accepted or enough are named.
void next_suite(ProbeContext& ctx, TlsProber::Target target, std::shared_ptr<TlsProbe> probe) {
    if (probe->tls12_suites.size() >= kSuitesNamed) {
        ctx.evidence.tls.push_back(std::move(*probe));
        return;
    }
    std::string list = "ALL";
    for (const auto& suite : probe->tls12_suites) list += ":!" + suite;
    target.tls12_only = true;
    target.cipher_list = list + ":@SECLEVEL=0";
    ctx.tls.probe(target, [&ctx, target, probe](TlsProbe other) {
        const auto& seen = probe->tls12_suites;
        if (other.outcome == TlsOutcome::Handshake && !other.cipher.empty() &&
            std::find(seen.begin(), seen.end(), other.cipher) == seen.end()) {
            probe->tls12_suites.push_back(other.cipher);
            return next_suite(ctx, target, probe);
        }
        ctx.evidence.tls.push_back(std::move(*probe));
    });
}

// TLS 1.2 without forward secrecy although mobcheck offered ECDHE first: the server either offers no
// ECDHE or prefers another key exchange. Apple's App Transport Security offers nothing but forward
// secret suites, so one handshake limited to ECDHE and DHE tells which; when it fails, the suites the
// server does accept are named.
void ask_forward_secrecy(ProbeContext& ctx, const TlsProber::Target& target, TlsProbe first) {
    auto probe = std::make_shared<TlsProbe>(std::move(first));
    TlsProber::Target limited = target;
    limited.tls12_only = true;
    limited.cipher_list = "kECDHE:kDHE:@SECLEVEL=0";
    ctx.tls.probe(limited, [&ctx, target, probe](TlsProbe answer) {
        // Only a handshake that completed or was refused tells; a timeout or a reset says nothing.
        if (answer.outcome == TlsOutcome::Handshake) probe->forward_secrecy = true;
        if (answer.outcome == TlsOutcome::Failed) probe->forward_secrecy = false;
        if (probe->forward_secrecy != false) {
            ctx.evidence.tls.push_back(std::move(*probe));
            return;
        }
        probe->tls12_suites = {probe->cipher};
        next_suite(ctx, target, probe);
    });
}

void probe_endpoint(ProbeContext& ctx, const PlannedEndpoint& endpoint, std::uint16_t port = kHttpsPort) {
    ctx.names.resolve(endpoint.view, endpoint.name, [&ctx, endpoint, port](const NameResolution& r) {
        // A name that does not resolve has no certificate to look at; the checks read why from the DNS evidence.
        if (!r.resolves()) return;
        for (const auto& address : r.addresses) {
            const TlsProber::Target target{endpoint.purpose, endpoint.name, endpoint.view, address, port};
            ctx.tls.probe(target, [&ctx, target](TlsProbe probe) {
                if (probe.outcome == TlsOutcome::Handshake && probe.protocol == "TLSv1.2" && !forward_secret(probe.cipher)) {
                    return ask_forward_secrecy(ctx, target, std::move(probe));
                }
                ctx.evidence.tls.push_back(std::move(probe));
            });
        }
    });
}

}  // namespace

void start_tls_probes(ProbeContext& ctx) {
    // The external web FQDN when given; a learned one is probed once the discovery has found it.
    for (const auto& endpoint : planned_endpoints(ctx.plan, ctx.plan.external_web)) probe_endpoint(ctx, endpoint);
}

void probe_external_web_certificate(ProbeContext& ctx, const std::string& name) {
    probe_endpoint(ctx, external_web_endpoint(name));
}

void probe_authority_certificate(ProbeContext& ctx, const std::string& host, std::uint16_t port) {
    probe_endpoint(ctx, {ProbePurpose::OAuthAuthority, host, DnsView::External, ""}, port);
}

}  // namespace mobcheck
