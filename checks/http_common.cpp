#include "http_common.hpp"

#include "checks_common.hpp"

#include <algorithm>
#include <cctype>

#include "model/certificate.hpp"
#include "model/names.hpp"

namespace mobcheck::checks {

const HttpWalk* find_walk(const Evidence& evidence, ProbePurpose purpose, std::string_view sip_domain) {
    for (const auto& w : evidence.http) {
        if (w.purpose == purpose && w.sip_domain == sip_domain) return &w;
    }
    return nullptr;
}

std::vector<const HttpWalk*> find_walks(const Evidence& evidence, ProbePurpose purpose) {
    std::vector<const HttpWalk*> out;
    for (const auto& w : evidence.http) {
        if (w.purpose == purpose) out.push_back(&w);
    }
    return out;
}

std::string describe_hops(const HttpWalk& walk) {
    std::string text;
    for (const auto& hop : walk.hops) {
        if (!text.empty()) text += " → ";
        text += "GET " + hop.url + (hop.address.empty() ? "" : " at " + hop.address) + ": ";
        if (hop.answered()) {
            text += std::to_string(hop.status);
            const std::string location = hop.header("Location");
            if (!location.empty() && hop.status >= 300 && hop.status < 400) text += " to " + location;
        } else {
            text += hop.error.empty() ? hop.failure : hop.error;
        }
    }
    if (walk.hops.empty()) text = "GET " + walk.start_url + ": not sent";
    if (walk.end != HttpWalkEnd::Response && walk.end != HttpWalkEnd::Failed && !walk.detail.empty()) {
        text += " (" + walk.detail + ")";
    }
    return text;
}

namespace {

bool deadline_cut(const Evidence& evidence, const HttpWalk& walk) {
    if (!evidence.run.deadline_reached) return false;
    const HttpExchange* last = walk.last();
    return walk.detail.find("deadline") != std::string::npos ||
           (last != nullptr && last->error.find("deadline") != std::string::npos);
}

std::string describe_document(const HttpExchange& x, const AutodiscoverDocument& doc) {
    if (doc.kind == AutodiscoverDocument::Kind::Invalid) {
        std::string type = x.header("Content-Type");
        return "not an Autodiscover document (" + doc.error + (type.empty() ? "" : "; Content-Type " + type) + ")";
    }
    return std::string("an Autodiscover ") + to_string(doc.kind) + " document (" + to_string(doc.format) + ")";
}

}  // namespace

Discovery judge_discovery(const Evidence& evidence, const HttpWalk* walk) {
    Discovery d;
    if (walk == nullptr) return d;
    d.found = true;
    d.summary = describe_hops(*walk);
    const HttpExchange* last = walk->last();
    if (last != nullptr && last->answered() && !last->body.empty()) {
        d.document = parse_autodiscover(last->body, last->header("Content-Type"));
    }
    switch (walk->end) {
        case HttpWalkEnd::Response:
            if (last == nullptr) {  // only a hand-edited evidence file says so
                d.problem = "the walk records a response but no request";
            } else if (last->status == 200 && d.document.kind == AutodiscoverDocument::Kind::Root) {
                d.root = true;
            } else if (last->status == 200) {
                d.problem = "the answer is " + describe_document(*last, d.document);
            } else {
                d.problem = "the answer is HTTP " + std::to_string(last->status) + ", not an Autodiscover root";
                if (!last->body.empty()) {
                    const auto doc = d.document;
                    if (doc.kind == AutodiscoverDocument::Kind::Root) d.problem += " (although its body is one)";
                }
            }
            break;
        case HttpWalkEnd::Unresolved: {
            const NameResolution r = resolve_name(evidence, walk->view, url_host(walk->hops.empty() ? walk->start_url
                                                                                                    : walk->hops.back().url));
            d.unresolved = walk->hops.empty() && !is_undecided(r.outcome);
            d.undecided = is_undecided(r.outcome);
            d.problem = walk->detail;
            break;
        }
        case HttpWalkEnd::Failed:
            d.undecided = deadline_cut(evidence, *walk);
            d.problem = last != nullptr ? "no complete answer: " + (last->error.empty() ? last->failure : last->error)
                                        : walk->detail;
            break;
        default: d.problem = walk->detail; break;
    }
    return d;
}

Port80 port80_state(const Evidence& evidence, std::string_view sip_domain) {
    Port80 p;
    const HttpWalk* walk = find_walk(evidence, ProbePurpose::LyncdiscoverPort80, sip_domain);
    if (walk == nullptr) return p;
    p.probed = true;
    const Discovery d = judge_discovery(evidence, walk);
    const auto to_https = std::find_if(walk->hops.begin(), walk->hops.end(),
                                       [](const HttpExchange& x) { return x.url.rfind("https:", 0) == 0; });
    if (to_https != walk->hops.end()) {
        p.why = "http://" + lyncdiscover_name(sip_domain) + "/ redirects to HTTPS (" + to_https->url +
                "): the HTTP rule must not redirect, or the certificate problem it avoids comes back";
    } else if (d.root) {
        p.published = true;
        p.why = "http://" + lyncdiscover_name(sip_domain) + "/ answers an Autodiscover root over HTTP (" + d.summary + ")";
    } else {
        p.undecided = d.undecided;
        p.why = "http://" + lyncdiscover_name(sip_domain) + "/ gives no Autodiscover root: " + d.problem;
    }
    return p;
}

std::string port80_required_because(const Evidence& evidence, std::string_view sip_domain) {
    const std::string name = lyncdiscover_name(sip_domain);
    const NameResolution r = resolve_name(evidence, DnsView::External, name);
    for (const auto& hop : r.chain) {
        if (!is_in_domain(hop.target, sip_domain)) {
            return name + " is a CNAME to " + hop.target + ", outside " + std::string(sip_domain) +
                   ", which mobile clients do not follow over HTTPS";
        }
    }
    for (const auto& probe : evidence.tls) {
        if (probe.purpose != ProbePurpose::Lyncdiscover || probe.name != name || probe.chain.empty()) continue;
        const auto leaf = parse_certificate(probe.chain.front());
        if (leaf && !leaf->covers(name).covered) {
            return "the reverse proxy certificate at " + probe.address + " does not cover " + name;
        }
    }
    return "";
}

namespace {

// The result of the check that judges whether the certificate served for host covers it:
// tls.lyncdiscover-san and tls.lyncdiscoverinternal-san per SIP domain, tls.external-web-san for
// the external web FQDN; nullptr when it is not a problem (or no check judges the name).
const Result* coverage_cause(const CheckContext& ctx, const std::string& host) {
    for (const auto& sip : ctx.plan().sip_domains) {
        if (host == lyncdiscover_name(sip)) return ctx.cause("tls.lyncdiscover-san", sip);
        if (host == lyncdiscoverinternal_name(sip)) return ctx.cause("tls.lyncdiscoverinternal-san", sip);
    }
    return ctx.cause("tls.external-web-san", host);
}

}  // namespace

const Result* transport_cause(const CheckContext& ctx, const HttpWalk& walk, std::string& what) {
    if (walk.end == HttpWalkEnd::Unresolved) {
        // No request at all: the host has no address. Blocked when a dns.* result reports why.
        what = walk.detail;
        const std::string host = url_host(walk.hops.empty() ? walk.start_url : walk.hops.back().url);
        return host.empty() ? nullptr : resolution_cause(ctx, walk.view, host, walk.sip_domain);
    }
    const HttpExchange* request = walk.last();
    if (request == nullptr || request->answered()) return nullptr;
    const std::string host = url_host(request->url);
    if (host.empty()) return nullptr;
    const std::string endpoint = host + ":" + std::to_string(url_port(request->url));  // as the tls.* checks name it
    const Result* cause = nullptr;
    if (request->failure == "tls-verify") {
        // A certificate that does not cover the name, or is out of date, fails verification as an
        // untrusted chain does: when the check of the name's coverage failed, that is the cause (its
        // fix reissues the certificate), else an expired or not yet valid certificate (tls.validity's
        // fail for its dates; expiring soon, a warning, and a lifetime too long still verify), else the chain's.
        cause = coverage_cause(ctx, host);
        what = "the certificate served for " + host + " does not cover it";
        if (const Result* validity = cause == nullptr ? ctx.cause("tls.validity", endpoint) : nullptr;
            validity != nullptr && validity->status == Status::Fail && validity->reason == "validity") {
            cause = validity;
            what = "the certificate served for " + host + " is out of date";
        }
        if (cause == nullptr) {
            cause = ctx.cause("tls.chain", endpoint);
            what = "the chain served for " + host + " does not verify";
        }
    } else if (request->failure == "tls") {
        cause = ctx.cause("tls.protocol", endpoint);
        what = "no TLS session with " + host;
    } else if (request->failure == "connect" || request->failure == "timeout") {
        // Only when the TLS probe of the same endpoint could not connect either: one cause, reported there.
        cause = ctx.cause("tls.protocol", endpoint);
        if (cause != nullptr && cause->reason != "no-handshake") cause = nullptr;
        what = "no connection to " + host;
    }
    return cause;
}

std::string lower_first(std::string text) {
    if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

}  // namespace mobcheck::checks
