// tls.*: the certificates served for the Autodiscover and web services names (sources.hpp: Microsoft's
// "Technical requirements for mobility in Lync Server 2013", section "Certificate Requirements";
// "Certificate summary - Autodiscover in Lync Server 2013"). Judged from the recorded chain, its
// recorded verification, and the moment of the probe, so a saved run replays the same.
#include <map>
#include <unordered_map>
#include <algorithm>
#include <cstdio>

#include "model/certificate.hpp"
#include "categories.hpp"
#include "sources.hpp"
#include "http_common.hpp"
#include "checks_common.hpp"
#include "model/names.hpp"
#include "model/planned_endpoints.hpp"
#include "model/utc_time.hpp"
#include "checks/requirements.hpp"

namespace mobcheck::checks {

namespace {

// One name probed at each of its addresses (or, from mobcheck cert, one file).
struct Endpoint {
    ProbePurpose purpose;
    std::string name;
    DnsView view = DnsView::External;
    std::string sip;  // the SIP domain it belongs to; empty for the web services FQDN
    std::vector<const TlsProbe*> probes;
};

// The probes of each (purpose, name), found in one pass: with hundreds of SIP domains, a scan of
// every probe per endpoint and per check costs seconds.
std::map<std::pair<ProbePurpose, std::string>, std::vector<const TlsProbe*>> index_probes(const Evidence& e) {
    std::map<std::pair<ProbePurpose, std::string>, std::vector<const TlsProbe*>> out;
    for (const auto& p : e.tls) out[{p.purpose.id(), p.name}].push_back(&p);
    return out;
}

// The endpoints the plan calls for, in report order, then the OAuth authorities the user links named
// (learned during the run, so found by their probes: one that did not resolve has none, and
// http.modern-auth reports it).
std::vector<Endpoint> endpoints(const Evidence& e) {
    std::vector<Endpoint> out;
    for (const auto& p : planned_endpoints(e.plan, e.external_web())) out.push_back({p.purpose, p.name, p.view, p.sip_domain, {}});
    const auto index = index_probes(e);
    for (auto& ep : out) {
        auto it = index.find({ep.purpose, ep.name});
        if (it != index.end()) ep.probes = it->second;
    }
    for (const auto& [key, probes] : index) {
        if (key.first == ProbePurpose::OAuthAuthority) out.push_back({key.first, key.second, DnsView::External, "", probes});
    }
    return out;
}

std::string where(const TlsProbe& p) {
    if (!p.origin.empty()) return p.origin;
    const bool v6 = p.address.find(':') != std::string::npos;
    return (v6 ? "[" + p.address + "]" : p.address) + ":" + std::to_string(p.port);
}

std::string day_of(std::time_t t) { return format_utc(t).substr(0, 10); }

std::time_t probe_time(const TlsProbe& p) { return parse_utc_time(p.probed_at).value_or(0); }

// "CN=webext.contoso.com,O=Contoso, issued by CN=Contoso Issuing CA, valid until 2027-11-25"
std::string identify(const Certificate& c) {
    std::string text = c.subject.empty() ? "(empty subject)" : c.subject;
    if (c.is_request) return "request for " + text;
    text += ", issued by " + c.issuer;
    if (c.not_after) text += ", valid until " + day_of(*c.not_after);
    return text;
}

// A served chain, parsed. Servers behind one reverse proxy serve the same few certificates for every
// name, and every check reads them: each distinct PEM is parsed once (the cache is bounded, so a
// long-lived process, or the fuzzer, does not grow without end).
std::vector<Certificate> chain_of(const TlsProbe& p) {
    static std::unordered_map<std::string, std::optional<Certificate>> parsed;
    if (parsed.size() > 4096) parsed.clear();
    std::vector<Certificate> out;
    for (const auto& pem : p.chain) {
        auto it = parsed.find(pem);
        if (it == parsed.end()) it = parsed.emplace(pem, parse_certificate(pem)).first;
        if (it->second) out.push_back(*it->second);
    }
    return out;
}

// The leaf as a result shows it: its fingerprint, which names its entry in the report's certificate
// table (ReportHeader::certificate_table: issuer, dates, every name), and its subject to recognise it.
// A hosting provider's certificate names hundreds of SIP domains and every endpoint's eight results
// show it: listed in each, its names grew a large run's memory with SIP domains x names. A request
// (mobcheck cert) has no fingerprint and is in no table: it is shown whole.
nlohmann::json cert_json(const Certificate& c) {
    if (c.is_request) {
        nlohmann::json j = {{"subject", c.subject}, {"san", c.dns_names}};
        if (!c.ip_addresses.empty()) j["san_ip"] = c.ip_addresses;
        return j;
    }
    return {{"sha256", c.sha256}, {"subject", c.subject}, {"san_count", c.dns_names.size() + c.ip_addresses.size()}};
}

// What a result carries as evidence: per address, the handshake and the leaf (the PEMs are in the
// evidence file).
nlohmann::json probes_json(const std::vector<const TlsProbe*>& probes) {
    nlohmann::json out = nlohmann::json::array();
    for (const TlsProbe* p : probes) {
        nlohmann::json j = {{"address", p->address},   {"port", p->port},         {"outcome", to_string(p->outcome)},
                            {"probed_at", p->probed_at}, {"protocol", p->protocol}, {"detail", p->detail}};
        if (!p->origin.empty()) j["origin"] = p->origin;
        const auto chain = chain_of(*p);
        if (!chain.empty()) j["leaf"] = cert_json(chain.front());
        if (p->outcome == TlsOutcome::Handshake) {
            j["verification"] = {{"trusted", p->verification.trusted}, {"reason", p->verification.reason},
                                 {"path", p->verification.path}};
            if (p->verification.public_root) j["verification"]["public_root"] = *p->verification.public_root;
            if (p->forward_secrecy) j["forward_secrecy"] = *p->forward_secrecy;
            if (!p->tls12_suites.empty()) j["tls12_suites"] = p->tls12_suites;
        }
        out.push_back(j);
    }
    return out;
}

// One address's verdict; an endpoint's is the most serious of its addresses'.
// An endpoint's subject in the tls.* results: "lyncdiscover.contoso.com:443".
// (An OAuth authority may listen on another port: its probes say which.)
std::string endpoint_subject(const Endpoint& ep) {
    return ep.name + ":" + std::to_string(ep.probes.empty() ? 443 : ep.probes.front()->port);
}

struct Finding {
    Status status = Status::Pass;
    std::string text;
    std::string reason = {};  // the result's reason tag when this finding is the worst
    std::string remediation = {};  // its own fix, when the check's does not fit it
};

int weight(Status s) {
    switch (s) {
        case Status::Fail: return 5;
        case Status::Warn: return 4;
        case Status::Error: return 3;
        case Status::Info: return 2;
        case Status::Skip: return 1;
        case Status::Pass: return 0;
    }
    return 0;
}

// A probe that did not complete a handshake cannot be judged.
std::optional<Finding> undecided(const TlsProbe& p) {
    if (p.outcome == TlsOutcome::Handshake) return std::nullopt;
    return Finding{Status::Error, "no certificate from " + where(p) + ": " + p.detail, "no-handshake"};
}

// Judges fn at every address of ep and records one result for subject. severity is what fn's broken
// findings carry (Fail/Warn; validity yields both).
template <typename Judge>
Result& judge_endpoint(CheckContext& ctx, const Endpoint& ep, const std::string& subject, Judge fn,
                       const std::string& remediation = "") {
    if (const Result* online = skype_online_cause(ctx, ep.view, ep.name, ep.sip)) {
        return ctx.blocked(subject, ep.sip, *online, ep.name + " leads to Skype for Business Online, not to this deployment");
    }
    std::vector<Finding> findings;
    bool any_handshake = false;
    for (const TlsProbe* p : ep.probes) {
        if (auto u = undecided(*p)) {
            findings.push_back(*u);
            continue;
        }
        any_handshake = true;
        findings.push_back(fn(*p));
    }
    // No address of the endpoint completed a handshake: tls.protocol (judged first) says so once, and
    // the other tls.* results of the endpoint wait for it.
    if (const Result* cause = any_handshake ? nullptr : ctx.cause("tls.protocol", endpoint_subject(ep))) {
        return ctx.blocked(subject, ep.sip, *cause, "no TLS handshake with " + ep.name);
    }
    Status worst = Status::Pass;
    for (const auto& f : findings) {
        if (weight(f.status) > weight(worst)) worst = f.status;
    }
    std::string message;
    for (const auto& f : findings) {
        // A pass is worth repeating only when everything passed.
        if (worst != Status::Pass && f.status == Status::Pass) continue;
        if (!message.empty()) message += " ";
        message += f.text;
    }
    Result& r = ctx.emit(worst, subject, ep.sip, message);
    if ((worst == Status::Fail || worst == Status::Warn) && !remediation.empty()) r.remediation = remediation;
    // The first worst finding that gives its own reason (or fix) gives the result's.
    bool reason_given = false, fix_given = false;
    for (const auto& f : findings) {
        if (f.status != worst) continue;
        if (!reason_given && !f.reason.empty()) {
            r.reason = f.reason;
            reason_given = true;
        }
        if (!fix_given && !f.remediation.empty()) {
            r.remediation = f.remediation;
            fix_given = true;
        }
    }
    r.evidence["endpoint"] = ep.name;
    r.evidence["probes"] = probes_json(ep.probes);
    return r;
}

// Why an endpoint has no probe: its name does not resolve (a fact: skip, the dns.* checks report it),
// DNS could not tell (error), or the evidence lacks it.
Result& no_probes(CheckContext& ctx, const Endpoint& ep, const std::string& subject) {
    const NameResolution r = resolve_name(ctx.evidence(), ep.view, ep.name);
    if (!r.looked_up) return not_in_evidence(ctx, subject, ep.sip, "TLS probe of " + ep.name);
    if (r.resolves()) {
        return ctx.emit(Status::Error, subject, ep.sip,
                        ep.name + " resolves (" + r.describe() + ") but no TLS probe of it was recorded" +
                            (ctx.evidence().run.deadline_reached ? " before the run's deadline" : ""));
    }
    if (const Result* cause = resolution_cause(ctx, ep.view, ep.name, ep.sip)) {
        return ctx.blocked(subject, ep.sip, *cause,
                           ep.name + (is_undecided(r.outcome) ? " could not be looked up" : " does not resolve") +
                               ", so it has no certificate to judge");
    }
    if (is_undecided(r.outcome)) {
        return ctx.emit(Status::Error, subject, ep.sip,
                        "no certificate to judge: " + ep.name + " could not be resolved in the " + to_string(ep.view) +
                            " view: " + r.describe());
    }
    return ctx.emit(Status::Skip, subject, ep.sip,
                    "no certificate to judge: " + ep.name + " does not resolve in the " + to_string(ep.view) +
                        " view (" + r.describe() + "); the dns.* checks report it");
}


DeploymentNames deployment_of(const Plan& plan) {
    return DeploymentNames{plan.sip_domains, plan.internal_web, plan.external_web, std::nullopt};
}

// "Reissue the reverse proxy certificate with lyncdiscover.fabrikam.com added to its SAN list; for the
// SIP domains judged it needs: ..."
std::string reissue(const Plan& plan, const std::string& role, const std::string& certificate,
                    const std::string& missing) {
    std::string text = "Reissue " + certificate + " with " + missing +
                       " added to its subject alternative names (a wildcard *." + missing.substr(missing.find('.') + 1) +
                       " entry covers it too; never a wildcard subject)";
    // The whole list helps with a few SIP domains; with hundreds it would repeat a long list in every
    // result (megabytes of report), so `mobcheck plan` is where it is read then.
    constexpr std::size_t kListUpTo = 5;
    if (plan.sip_domains.size() <= kListUpTo) {
        const auto needs = certificate_needs(deployment_of(plan));
        if (const CertificateNeed* need = find_need(needs, role)) {
            text += "; for the SIP domains given it needs: " + english_list(need->names);
        }
    } else {
        text += "; for the " + std::to_string(plan.sip_domains.size()) + " SIP domains given it needs the names " +
                "`mobcheck plan` lists";
    }
    return text + ". `mobcheck plan` lists every name; `mobcheck cert FILE --role " + role +
           "` checks the new request or certificate before it is installed.";
}

// Does every address of ep serve a certificate covering name?
Result& judge_coverage(CheckContext& ctx, const Endpoint& ep, const std::string& subject, const std::string& name,
                       const std::string& certificate, const std::string& remediation) {
    if (ep.probes.empty()) return no_probes(ctx, ep, subject);
    return judge_endpoint(
        ctx, ep, subject,
        [&](const TlsProbe& p) {
            const auto chain = chain_of(p);
            const Certificate& leaf = chain.front();
            const auto coverage = leaf.covers(name);
            const std::string at = p.origin.empty() ? "served for " + ep.name + " at " + where(p) : "in " + p.origin;
            if (coverage.covered) {
                return Finding{Status::Pass, "the certificate " + at + " covers " + name + " (SAN " +
                                                 coverage.matched + "; " + identify(leaf) + ")."};
            }
            std::string text = "the " + certificate + " " + at + " (" + identify(leaf) +
                               ") does not cover " + name + ": its SAN list is " + san_list(leaf) + ".";
            if (coverage.subject_cn_only) {
                text += " The name is only in the subject CN, which current mobile platforms ignore: it must be in "
                        "the SAN list.";
            }
            return Finding{ctx.severity(), text};
        },
        remediation);
}

// ---- name coverage ------------------------------------------------------------------------------

void check_tls_lyncdiscover_san(CheckContext& ctx) {
    for (const auto& ep : endpoints(ctx.evidence())) {
        if (ep.purpose != ProbePurpose::Lyncdiscover) continue;
        Result& r = judge_coverage(ctx, ep, ep.sip, ep.name, "reverse proxy certificate",
                                   reissue(ctx.plan(), "reverse-proxy", "the reverse proxy certificate", ep.name));
        // Microsoft supports the first Autodiscover request over HTTP port 80 instead of a SAN per SIP
        // domain on the reverse proxy ("supported, but we do not recommend it"): then a missing SAN is info.
        if (r.status == Status::Fail && port80_state(ctx.evidence(), ep.sip).published) {
            r.status = Status::Info;
            r.message += " The HTTP port 80 publishing rule for " + ep.name +
                         " answers instead (http.lyncdiscover-port80), which the rules support without this SAN.";
            r.message += " Nothing is required; to serve the first request over HTTPS as recommended, " +
                         lower_first(r.remediation);
            r.remediation.clear();
        }
    }
}

CheckDef tls_lyncdiscover_san_entry() {
    return {
        .id = "tls.lyncdiscover-san",
        .title = "the reverse proxy certificate covers lyncdiscover.<sip>",
        .severity = Status::Fail,
        .rule = "For every SIP domain, the certificate served for lyncdiscover.<sip> on 443 (the reverse proxy, at "
                "each of the name's external-view addresses) covers that name in its subject alternative names (RFC "
                "6125; a wildcard *.<sip> entry covers it). A mobile device on the Internet refuses the Autodiscover "
                "service otherwise.",
        .source = std::string(kMobilityRequirements) + ", section \"Certificate Requirements\": \"You need to add "
                  "subject alternative name entries for every SIP domain in your organization\"; " + kCertificateSummary,
        .remediation = "Reissue the reverse proxy certificate with lyncdiscover.<sip> for every SIP domain in its "
                       "subject alternative names (mobcheck plan lists them), or publish the first Autodiscover "
                       "request over HTTP port 80.",
        .fn = &check_tls_lyncdiscover_san,
        .prerequisites = {"dns.resolver", "dns.lyncdiscover", "tls.protocol"},
        .reasons = {{"san-missing", "the certificate does not cover the name"}},
    };
}

void check_tls_lyncdiscoverinternal_san(CheckContext& ctx) {
    if (ctx.plan().vantage == Vantage::External) {
        for (const auto& sip : ctx.plan().sip_domains) {
            ctx.emit(Status::Skip, sip, sip,
                     lyncdiscoverinternal_name(sip) +
                         " is an internal endpoint, not expected to be reachable from this vantage (external)");
        }
        return;
    }
    for (const auto& ep : endpoints(ctx.evidence())) {
        if (ep.purpose != ProbePurpose::LyncdiscoverInternal) continue;
        judge_coverage(ctx, ep, ep.sip, ep.name, "Front End / Director certificate",
                       reissue(ctx.plan(), "front-end", "the Front End pool's (and every Director's) certificate",
                               ep.name));
    }
}

CheckDef tls_lyncdiscoverinternal_san_entry() {
    return {
        .id = "tls.lyncdiscoverinternal-san",
        .title = "the Front End / Director certificate covers lyncdiscoverinternal.<sip>",
        .severity = Status::Fail,
        .rule = "For every SIP domain, the certificate served for lyncdiscoverinternal.<sip> on 443 (the Front End "
                "pool or Director, at each of the name's internal-view addresses) covers that name. Skipped from "
                "vantage external.",
        .source = std::string(kMobilityRequirements) + ", section \"Certificate Requirements\": \"request and assign "
                  "new certificates, adding the subject alternative name entries ... for each Front End Server and "
                  "Director that runs the Autodiscover Service\"; " + kCertificateSummary,
        .remediation = "Reissue the Front End pool's and every Director's certificate with lyncdiscoverinternal.<sip> "
                       "for every SIP domain (Request-CsCertificate / the Certificate Wizard), and assign it.",
        .fn = &check_tls_lyncdiscoverinternal_san,
        .prerequisites = {"dns.resolver", "dns.lyncdiscoverinternal", "tls.protocol"},
        .reasons = {{"san-missing", "the certificate does not cover the name"}},
    };
}

void check_tls_internal_cert_lyncdiscover_san(CheckContext& ctx) {
    if (ctx.plan().vantage == Vantage::External) {
        for (const auto& sip : ctx.plan().sip_domains) {
            ctx.emit(Status::Skip, sip, sip,
                     "the Front End certificate is served at " + lyncdiscoverinternal_name(sip) +
                         ", an internal endpoint not reachable from this vantage (external)");
        }
        return;
    }
    for (const auto& ep : endpoints(ctx.evidence())) {
        if (ep.purpose != ProbePurpose::LyncdiscoverInternal) continue;
        const std::string name = lyncdiscover_name(ep.sip);
        judge_coverage(ctx, ep, ep.sip, name, "Front End / Director certificate",
                       reissue(ctx.plan(), "front-end", "the Front End pool's (and every Director's) certificate", name));
    }
}

CheckDef tls_internal_cert_lyncdiscover_san_entry() {
    return {
        .id = "tls.internal-cert-lyncdiscover-san",
        .title = "the Front End / Director certificate also covers lyncdiscover.<sip>",
        .severity = Status::Warn,
        .rule = "The certificate served for lyncdiscoverinternal.<sip> (Front End pool or Director) also covers "
                "lyncdiscover.<sip>, as Microsoft's certificate summary lists both names on it. Skipped from vantage "
                "external.",
        .source = std::string(kCertificateSummary) + ": Front End pool and Director, "
                  "\"SAN=lyncdiscoverinternal.<sipdomain>\" and \"SAN=lyncdiscover.<sipdomain>\"",
        .remediation = "Add lyncdiscover.<sip> for every SIP domain to the Front End pool's and every Director's "
                       "certificate when it is next reissued.",
        .fn = &check_tls_internal_cert_lyncdiscover_san,
        .prerequisites = {"dns.resolver", "dns.lyncdiscoverinternal", "tls.protocol"},
        .reasons = {{"san-missing", "the certificate does not cover the name"}},
    };
}

void check_tls_external_web_san(CheckContext& ctx) {
    if (!ctx.evidence().external_web()) {
        web_fqdn_unknown(ctx, true, "external web services", "", "no certificate to judge");
        return;
    }
    for (const auto& ep : endpoints(ctx.evidence())) {
        if (ep.purpose != ProbePurpose::ExternalWeb) continue;
        judge_coverage(ctx, ep, ep.name, ep.name, "certificate",
                       reissue(ctx.plan(), "reverse-proxy",
                               "the reverse proxy certificate (and the Front End's external web services certificate)",
                               ep.name));
    }
}

CheckDef tls_external_web_san_entry() {
    return {
        .id = "tls.external-web-san",
        .title = "the certificate at the external web FQDN covers it",
        .severity = Status::Fail,
        .rule = "The certificate served for the external web services FQDN (--external-web) on 443, at each of its "
                "external-view addresses, covers that name. The Mobility Service (UCWA, Mcx) is reached through it.",
        .source = std::string(kMobilityRequirements) + ", section \"Certificate Requirements\"; " +
                  kReverseProxyForMobility,
        .remediation = "Reissue the reverse proxy certificate (and the Front End's external web services certificate) "
                       "with the external web services FQDN as subject and subject alternative name.",
        .fn = &check_tls_external_web_san,
        .prerequisites = {"dns.resolver", "dns.lyncdiscover", "tls.protocol"},
        .reasons = {{"san-missing", "the certificate does not cover the name"}, {"web-fqdn-unknown", "the external web services FQDN was neither given nor learned"}},
    };
}

// ---- properties of the served certificate, per endpoint ----------------------------------------

// Runs fn over every endpoint that has probes; endpoints without are reported by the *-san checks.
template <typename Judge>
void per_endpoint(CheckContext& ctx, Judge fn, const std::string& remediation = "") {
    for (const auto& ep : endpoints(ctx.evidence())) {
        if (ep.probes.empty()) continue;
        judge_endpoint(ctx, ep, endpoint_subject(ep), [&](const TlsProbe& p) { return fn(ep, p); }, remediation);
    }
}

std::string at_text(const Endpoint& ep, const TlsProbe& p) {
    return p.origin.empty() ? ep.name + " at " + where(p) : where(p);
}

// "served for lyncdiscover.contoso.com at 127.20.0.10:443", or "in proxy.pem" for mobcheck cert.
std::string served(const Endpoint& ep, const TlsProbe& p) {
    return p.origin.empty() ? "served for " + ep.name + " at " + where(p) : "in " + p.origin;
}

// lyncdiscover.<sip>, the external web services FQDN and the OAuth authority phones sign in at: where
// phones reach from the Internet.
bool faces_internet(const Endpoint& ep) {
    return ep.purpose == ProbePurpose::Lyncdiscover || ep.purpose == ProbePurpose::ExternalWeb ||
           ep.purpose == ProbePurpose::OAuthAuthority;
}

std::string chain_path(const TlsVerification& v) {
    std::string text;
    for (const auto& s : v.path) text += (text.empty() ? "" : " → ") + s;
    return text;
}

void check_tls_chain(CheckContext& ctx) {
    per_endpoint(
        ctx,
        [&](const Endpoint& ep, const TlsProbe& p) {
            const auto chain = chain_of(p);
            const Certificate& leaf = chain.front();
            const TlsVerification& v = p.verification;
            if (leaf.is_request) return Finding{Status::Skip, "a certificate request has no chain yet."};
            // The handshake itself verifies nothing (the prober keeps any chain, to report it): this is
            // the only place a chain becomes trusted, and only when OpenSSL's verification said so without
            // an error code. A record claiming trust with an error (a hand-edited file) is untrusted.
            if (v.trusted && v.code == X509_V_OK) {
                const std::string built = "the chain " + served(ep, p) + " builds to a trusted root: " + chain_path(v) + ".";
                // Phones on the Internet, most of them unmanaged, trust the public roots they ship with.
                if (!faces_internet(ep) || v.public_root != false) return Finding{Status::Pass, built};
                if (ctx.plan().managed_devices) {
                    return Finding{Status::Pass, built + " Its root is one of --ca-file's, not a public one; the phones "
                                                         "are declared managed (--managed-devices), so they trust it."};
                }
                return Finding{Status::Warn,
                               built + " But its root is one of --ca-file's, not one of the public roots phones ship "
                                       "with: only devices that have the enterprise root installed, e.g. through MDM, "
                                       "trust it, so phones nobody manages cannot sign in from the Internet.",
                               "enterprise-root",
                               "Issue the certificate of " + ep.name + " (the reverse proxy's, for every name phones reach "
                               "from the Internet) from a public CA. If every phone is managed and has the enterprise "
                               "root, say so with --managed-devices (topology file: managed_devices)."};
            }
            std::string text = "the chain " + served(ep, p) + " does not build to a trusted root: " +
                               v.reason + " (OpenSSL verify code " + std::to_string(v.code) + " at depth " +
                               std::to_string(v.depth) + ").";
            const Certificate& last = chain.back();
            std::string reason = "chain-untrusted";
            if (chain.size() == 1 && leaf.self_signed) {
                text += " The certificate is self-signed (" + leaf.subject + "): no mobile device trusts it.";
                reason = "self-signed";
            } else if (!last.is_ca) {
                text += " The server sent only its own certificate, issued by " + last.issuer +
                        ", which is neither sent nor a trust anchor here: the intermediate certificate is not served.";
                reason = "intermediate-missing";
            } else if (!last.self_signed) {
                text += " The chain served ends at " + last.subject + ", issued by " + last.issuer +
                        ", which is not a trust anchor of this host (the system store" +
                        std::string(ctx.plan().ca_file ? " and --ca-file" : "") +
                        "): if it is an intermediate, the server must send it too; if it is an enterprise root, "
                        "deploy it to the devices and give it to mobcheck with --ca-file.";
            } else {
                text += " Its root (" + last.subject + ") is not a trust anchor of this host (the system store" +
                        std::string(ctx.plan().ca_file ? " and --ca-file" : "; add an enterprise root with --ca-file") +
                        ").";
            }
            return Finding{ctx.severity(), text, reason};
        },
        "Serve the complete chain (the certificate, then every intermediate CA certificate in order) from a CA the "
        "mobile devices trust: a public CA on the reverse proxy; on the Front End and Director, an enterprise CA "
        "whose root is deployed to the devices (give it to mobcheck with --ca-file).");
}

CheckDef tls_chain_entry() {
    return {
        .id = "tls.chain",
        .title = "the served chain builds to a trusted root",
        .severity = Status::Fail,
        .rule = "At every Autodiscover and web services endpoint, and at the OAuth authority a user link names for "
                "modern authentication, the chain the server sends builds to a trusted root "
                "(the system store plus --ca-file), with every intermediate certificate served. Mobile devices do not "
                "fetch missing intermediates. Where phones reach from the Internet (lyncdiscover.<sip> and the "
                "external web services FQDN on the reverse proxy, the OAuth authority) the root must be a public one, of the system "
                "store: a chain that only --ca-file's roots make trusted is warn (only devices given the enterprise "
                "root, e.g. through MDM, trust it), pass with --managed-devices. Internal endpoints (the Front End "
                "and Director) may chain to --ca-file. Dates, names and key usage are judged by their own checks.",
        .source = std::string(kMobilityRequirements) + ", section \"Certificate Requirements\": \"secure connections "
                  "from the mobile clients\"; a device trusts only a complete chain to a root it knows",
        .remediation = "Serve the complete chain (the certificate, then every intermediate) from a CA the devices "
                       "trust; give an enterprise root to mobcheck with --ca-file.",
        .fn = &check_tls_chain,
        .prerequisites = {"dns.lyncdiscover", "tls.protocol"},
        .reasons = {{"chain-untrusted", "the served chain does not verify against the trust anchors"},
                    {"intermediate-missing", "the server does not send the intermediate certificate"},
                    {"self-signed", "the certificate is self-signed"},
                    {"enterprise-root", "facing the Internet, the chain verifies only through --ca-file's (enterprise) roots"}},
    };
}

// How long a publicly trusted server certificate may be valid, by the day it was issued. Apple's
// platforms reject one issued from 2020-09-01 that is valid for more than 398 days; the CA/Browser
// Forum's Baseline Requirements (ballot SC-081) bring the limit down to 200 days from 2026-03-15,
// 100 from 2027-03-15 and 47 from 2029-03-15: public CAs no longer issue longer ones.
struct LifetimeLimit {
    const char* from;  // issued on or after (UTC)
    long days;
};
constexpr LifetimeLimit kApplePlatforms{"2020-09-01T00:00:00Z", 398};
constexpr LifetimeLimit kBaselineRequirements[] = {
    {"2029-03-15T00:00:00Z", 47}, {"2027-03-15T00:00:00Z", 100}, {"2026-03-15T00:00:00Z", 200}};

constexpr const char* kReissueShorter =
    "Reissue the certificate from the public CA with the lifetime public CAs issue today (the CA/Browser Forum's "
    "limit for its issue date: 200 days from 2026-03-15, 100 from 2027-03-15, 47 from 2029-03-15), and plan its "
    "renewals accordingly.";

// The lifetime problem of a publicly trusted leaf valid from not_before to not_after, if any: fail past
// Apple's limit, warn past the CA/Browser Forum's of its issue date. A validity period counts both its
// ends (RFC 5280).
std::optional<Finding> lifetime_problem(const Certificate& leaf, std::time_t not_before, std::time_t not_after) {
    const std::int64_t seconds = static_cast<std::int64_t>(not_after - not_before) + 1;
    const std::int64_t days = (seconds + 43200) / 86400;  // for the reader, to the nearest day
    const std::string lifetime = "the certificate (" + leaf.subject + ") is valid for " + std::to_string(days) +
                                 " days (" + format_utc(not_before) + " to " + format_utc(not_after) + ")";
    auto issued_from = [&](const char* day) { return not_before >= *parse_utc_time(day); };
    if (issued_from(kApplePlatforms.from) && seconds > kApplePlatforms.days * 86400) {
        return Finding{Status::Fail,
                       lifetime + ": iPhones and iPads reject a publicly trusted server certificate issued from "
                                  "2020-09-01 that is valid for more than 398 days.",
                       "lifetime", kReissueShorter};
    }
    for (const auto& limit : kBaselineRequirements) {
        if (!issued_from(limit.from)) continue;
        if (seconds <= limit.days * 86400) return std::nullopt;
        return Finding{Status::Warn,
                       lifetime + ": more than the " + std::to_string(limit.days) + " days the CA/Browser Forum allows "
                                  "a publicly trusted certificate issued from " + std::string(limit.from).substr(0, 10) +
                                  " (ballot SC-081); clients may come to reject it.",
                       "lifetime", kReissueShorter};
    }
    return std::nullopt;
}

void check_tls_validity(CheckContext& ctx) {
    const int warn_days = ctx.plan().expiry_warn_days;
    per_endpoint(
        ctx,
        [&](const Endpoint& ep, const TlsProbe& p) {
            const auto chain = chain_of(p);
            if (chain.front().is_request) return Finding{Status::Skip, "a certificate request has no validity period yet."};
            const std::time_t at = probe_time(p);
            Finding worst{Status::Pass, ""};
            std::string problems;
            for (std::size_t i = 0; i < chain.size(); ++i) {
                const Certificate& c = chain[i];
                if (!c.not_before || !c.not_after) continue;
                const std::string which = i == 0 ? "the certificate (" + c.subject + ")" : "the intermediate " + c.subject;
                // Exact seconds against the horizon; days for the reader, rounded up (9 days and 23
                // hours left reads as "in 10 days", not 9).
                const std::int64_t seconds_left = static_cast<std::int64_t>(*c.not_after - at);
                const std::int64_t days_left = (seconds_left + 86399) / 86400;
                Status s = Status::Pass;
                std::string text;
                if (at < *c.not_before) {
                    s = ctx.severity();
                    text = which + " is not valid yet: valid from " + format_utc(*c.not_before) + ".";
                } else if (at > *c.not_after) {
                    s = ctx.severity();
                    text = which + " expired on " + format_utc(*c.not_after) + " (" +
                           std::to_string((at - *c.not_after) / 86400) + " days before the probe).";
                } else if (seconds_left < static_cast<std::int64_t>(warn_days) * 86400) {
                    s = Status::Warn;
                    text = which + " expires on " + format_utc(*c.not_after) + ", in " + std::to_string(days_left) +
                           " day(s) (warning from " + std::to_string(warn_days) + " days, --expiry-warn-days).";
                }
                if (s != Status::Pass) {
                    problems += (problems.empty() ? "" : " ") + text;
                    if (weight(s) > weight(worst.status)) worst = Finding{s, "", "validity"};
                }
                // The leaf's lifetime, when it is publicly trusted: certificates that chain only to
                // --ca-file's roots are the enterprise's own business.
                if (i != 0 || p.verification.public_root != true) continue;
                if (auto lifetime = lifetime_problem(c, *c.not_before, *c.not_after)) {
                    problems += (problems.empty() ? "" : " ") + lifetime->text;
                    if (weight(lifetime->status) > weight(worst.status)) worst = *lifetime;
                }
            }
            if (worst.status == Status::Pass) {
                return Finding{Status::Pass, "the certificate " + served(ep, p) + " is valid until " +
                                                 format_utc(*chain.front().not_after) + " (checked at " + p.probed_at +
                                                 ")."};
            }
            return Finding{worst.status, "at " + at_text(ep, p) + " (checked at " + p.probed_at + "): " + problems,
                           worst.reason, worst.remediation};
        },
        "Renew the certificate named (and install it with its intermediate chain) before it expires; a certificate "
        "that is not valid yet means the server's or the CA's clock is wrong, or the wrong certificate is bound.");
}

CheckDef tls_validity_entry() {
    return {
        .id = "tls.validity",
        .title = "the served certificates are within their validity period",
        .severity = Status::Fail,
        .rule = "No served certificate is expired or not yet valid at the moment of the probe (fail); none expires "
                "within --expiry-warn-days days, 30 by default (warn). A publicly trusted server certificate (one "
                "that chains to the system store without --ca-file) issued from 2020-09-01 and valid for more than "
                "398 days fails: Apple's devices reject it. One issued from 2026-03-15 and valid for longer than the "
                "CA/Browser Forum allows (ballot SC-081: 200 days from 2026-03-15, 100 from 2027-03-15, 47 from "
                "2029-03-15) is warn. Certificates that chain only to --ca-file's roots are subject to neither.",
        .source = std::string(kMobilityRequirements) + ", section \"Certificate Requirements\": \"secure connections "
                  "from the mobile clients\" need a valid certificate; Apple, \"About upcoming limits on trusted "
                  "certificates\" (398 days from 2020-09-01); CA/Browser Forum, ballot SC-081, \"Introduce Schedule of "
                  "Reducing Validity and Data Reuse Periods\"",
        .remediation = "Renew the certificate before it expires and install it with its intermediate chain.",
        .fn = &check_tls_validity,
        .prerequisites = {"dns.lyncdiscover", "tls.protocol"},
        .reasons = {{"validity", "the certificate has expired, is not yet valid, or expires soon"},
                    {"lifetime", "a publicly trusted certificate valid for longer than Apple or the CA/Browser Forum allow"}},
    };
}

void check_tls_signature(CheckContext& ctx) {
    per_endpoint(
        ctx,
        [&](const Endpoint& ep, const TlsProbe& p) {
            const auto chain = chain_of(p);
            std::string problems;
            for (std::size_t i = 0; i < chain.size(); ++i) {
                const Certificate& c = chain[i];
                const std::string which = i == 0 ? "the certificate (" + c.subject + ")" : "the intermediate " + c.subject;
                // A root's own signature is never checked by clients: only signatures below it count.
                const bool root = c.self_signed && (i > 0 || chain.size() == 1) && c.is_ca;
                const std::string& d = c.signature_digest;
                if (!c.is_request && !root && (d == "SHA1" || d == "MD5" || d == "MD4" || d == "MD2")) {
                    problems += which + " is signed with " + c.signature_algorithm + " (" + d +
                                " is broken; clients reject or warn). ";
                }
                if (c.key_type == "RSA" && c.key_bits < 2048) {
                    problems += which + " has an RSA key of " + std::to_string(c.key_bits) + " bits (at least 2048). ";
                } else if (c.key_type == "EC" && c.key_bits < 256) {
                    problems += which + " has an EC key of " + std::to_string(c.key_bits) + " bits (at least 256). ";
                } else if (c.key_type == "DSA") {
                    problems += which + " has a DSA key, which TLS clients no longer accept. ";
                }
            }
            const Certificate& leaf = chain.front();
            if (problems.empty()) {
                return Finding{Status::Pass, at_text(ep, p) + ": " + leaf.key_type + " " +
                                                 std::to_string(leaf.key_bits) + "-bit key" +
                                                 (leaf.is_request ? "" : ", signed with " + leaf.signature_algorithm) +
                                                 "."};
            }
            problems.pop_back();
            return Finding{ctx.severity(), at_text(ep, p) + ": " + problems};
        },
        "Request a new certificate with an RSA 2048-bit (or larger) or EC P-256 key, signed with SHA-256 or "
        "stronger, from a CA whose intermediates are signed with SHA-256 too.");
}

CheckDef tls_signature_entry() {
    return {
        .id = "tls.signature",
        .title = "no weak signature or key",
        .severity = Status::Warn,
        .rule = "No certificate below the root is signed with SHA-1 or MD5, and every key is RSA of at least 2048 bits "
                "or EC of at least 256 bits.",
        .source = std::string(kMobilityRequirements) + ", section \"Certificate Requirements\"; current mobile "
                  "platforms (iOS, Android) reject SHA-1 and 1024-bit RSA certificates",
        .remediation = "Request a new certificate with an RSA 2048-bit or EC P-256 key, signed with SHA-256 or "
                       "stronger.",
        .fn = &check_tls_signature,
        .prerequisites = {"dns.lyncdiscover", "tls.protocol"},
        .reasons = {{"weak-signature", "a SHA-1 signature or a key too short"}},
    };
}

void check_tls_server_auth_eku(CheckContext& ctx) {
    per_endpoint(
        ctx,
        [&](const Endpoint& ep, const TlsProbe& p) {
            const Certificate leaf = chain_of(p).front();
            std::string list;
            for (const auto& e : leaf.ekus) list += (list.empty() ? "" : ", ") + e;
            if (leaf.server_auth) {
                return Finding{Status::Pass, "the certificate at " + at_text(ep, p) +
                                                 " allows TLS server authentication (EKU " + list + ")."};
            }
            if (!leaf.has_eku) {
                if (leaf.is_request) {
                    return Finding{Status::Pass, "the request asks for no extended key usage: the CA template (Web "
                                                 "Server) must add serverAuth."};
                }
                return Finding{ctx.severity(), "the certificate at " + at_text(ep, p) +
                                                   " has no extended key usage extension; iOS 13 and later require "
                                                   "serverAuth (id-kp-serverAuth) in it."};
            }
            return Finding{ctx.severity(), "the certificate at " + at_text(ep, p) +
                                               " does not allow TLS server authentication: its extended key usage is " +
                                               list + "."};
        },
        "Reissue the certificate from a template meant for web servers (Web Server in an enterprise CA), whose "
        "extended key usage includes Server Authentication (1.3.6.1.5.5.7.3.1).");
}

CheckDef tls_server_auth_eku_entry() {
    return {
        .id = "tls.server-auth-eku",
        .title = "the certificate allows TLS server authentication",
        .severity = Status::Fail,
        .rule = "The served certificate's extended key usage includes Server Authentication (id-kp-serverAuth); iOS 13 "
                "and later also require the extension to be present.",
        .source = std::string(kMobilityRequirements) + ", section \"Certificate Requirements\"; the certificate "
                  "secures a TLS server",
        .remediation = "Reissue the certificate from a web server template (Server Authentication EKU).",
        .fn = &check_tls_server_auth_eku,
        .prerequisites = {"dns.lyncdiscover", "tls.protocol"},
        .reasons = {{"eku-missing", "the certificate is not for server authentication"}},
    };
}

void check_tls_no_wildcard_subject(CheckContext& ctx) {
    per_endpoint(
        ctx,
        [&](const Endpoint& ep, const TlsProbe& p) {
            const Certificate leaf = chain_of(p).front();
            if (leaf.common_name.find('*') != std::string::npos) {
                return Finding{ctx.severity(), "the certificate at " + at_text(ep, p) + " has a wildcard subject (CN=" +
                                                   leaf.common_name + "); wildcards are supported only as subject "
                                                   "alternative names."};
            }
            return Finding{Status::Pass, "the certificate at " + at_text(ep, p) + " has the subject " +
                                             (leaf.subject.empty() ? "(empty)" : leaf.subject) + "."};
        },
        "Request the certificate with a fully qualified subject (the pool's or the external web services FQDN) and "
        "keep any wildcard (*.<sip>) in the subject alternative names only.");
}

CheckDef tls_no_wildcard_subject_entry() {
    return {
        .id = "tls.no-wildcard-subject",
        .title = "the subject is not a wildcard",
        .severity = Status::Warn,
        .rule = "The served certificate's subject CN is a fully qualified name: wildcards are supported only as "
                "subject alternative names.",
        .source = std::string(kCertificateSummary) + ": wildcard certificates are supported for lyncdiscover and "
                  "lyncdiscoverinternal as SAN entries, never as the subject",
        .remediation = "Request the certificate with a fully qualified subject; keep wildcards in the subject "
                       "alternative names.",
        .fn = &check_tls_no_wildcard_subject,
        .prerequisites = {"dns.lyncdiscover", "tls.protocol"},
        .reasons = {{"wildcard-subject", "the subject name is a wildcard"}},
    };
}

void check_tls_protocol(CheckContext& ctx) {
    per_endpoint(
        ctx,
        [&](const Endpoint& ep, const TlsProbe& p) {
            if (!p.origin.empty()) return Finding{Status::Skip, "a certificate file has no protocol to judge."};
            if (p.protocol == "TLSv1.2" && p.forward_secrecy == false) {
                std::string suites;
                for (const auto& s : p.tls12_suites) suites += (suites.empty() ? "" : ", ") + s;
                return Finding{Status::Warn,
                               at_text(ep, p) + " negotiated TLS 1.2 without forward secrecy: it offers no ECDHE (or "
                               "DHE) key exchange; the TLS 1.2 suites it accepts: " + (suites.empty() ? p.cipher : suites) +
                               ". TLS 1.3 is not offered either (mobcheck offered it). Apple's App Transport Security, "
                               "which the iPhone and iPad apps connect through, requires forward secrecy.",
                               "no-forward-secrecy",
                               "Enable ECDHE suites on the server named (e.g. TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 and "
                               "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256; on Windows, in the TLS cipher suite order), ahead "
                               "of the RSA key exchange, and TLS 1.3 where the server supports it."};
            }
            if (p.protocol == "TLSv1.2" && p.forward_secrecy == true) {
                return Finding{Status::Pass, at_text(ep, p) + " negotiated TLSv1.2 (" + p.cipher + ", no forward secrecy: "
                                             "the server prefers it), and accepts ECDHE, which Apple's devices ask for."};
            }
            if (p.protocol == "TLSv1.2" || p.protocol == "TLSv1.3") {
                return Finding{Status::Pass, at_text(ep, p) + " negotiated " + p.protocol + " (" + p.cipher + ")."};
            }
            return Finding{ctx.severity(), at_text(ep, p) + " negotiated " + p.protocol + " (" + p.cipher +
                                               ") although mobcheck offered up to TLS 1.3: current mobile apps "
                                               "need TLS 1.2 or newer."};
        },
        "Enable TLS 1.2 (and 1.3 where available) on the server named, and disable TLS 1.0 and 1.1 (on Windows: "
        "the SCHANNEL protocol settings, and .NET strong cryptography for the Lync/Skype web services).");
}

CheckDef tls_protocol_entry() {
    return {
        .id = "tls.protocol",
        .title = "TLS 1.2 or newer is negotiated",
        .severity = Status::Fail,
        .rule = "Every Autodiscover and web services endpoint negotiates TLS 1.2 or TLS 1.3 when offered (mobcheck "
                "offers up to TLS 1.3; fail otherwise). One that negotiates TLS 1.2 must offer a forward secret key "
                "exchange (ECDHE, or DHE): when it chose another one, mobcheck asks again offering only those, and "
                "warns, naming the suites the server accepts, when it has none.",
        .source = "Current Skype for Business and Lync mobile apps (iOS, Android) connect only with TLS 1.2 or newer; "
                  "Apple's App Transport Security, which iOS and iPadOS apps connect through, requires forward secrecy",
        .remediation = "Enable TLS 1.2 on the server named and disable TLS 1.0 and 1.1.",
        .fn = &check_tls_protocol,
        .prerequisites = {"dns.resolver", "dns.lyncdiscover"},
        .reasons = {{"old-protocol", "the best protocol offered is older than TLS 1.2"},
                    {"no-handshake", "no TLS session: the connection, or the handshake, fails"},
                    {"no-forward-secrecy", "TLS 1.2 without any ECDHE or DHE key exchange offered"}},
    };
}

}  // namespace

void register_tls_checks(Registry& registry) {
    registry.add(tls_lyncdiscover_san_entry());
    registry.add(tls_lyncdiscoverinternal_san_entry());
    registry.add(tls_internal_cert_lyncdiscover_san_entry());
    registry.add(tls_external_web_san_entry());
    registry.add(tls_chain_entry());
    registry.add(tls_validity_entry());
    registry.add(tls_signature_entry());
    registry.add(tls_server_auth_eku_entry());
    registry.add(tls_no_wildcard_subject_entry());
    registry.add(tls_protocol_entry());
}

}  // namespace mobcheck::checks
