// dns.*: the automatic discovery records of every SIP domain and the web services names.
// Rule sources (sources.hpp): Microsoft's "Technical requirements for mobility in Lync Server 2013",
// section "Internal and External DNS Configuration"; "DNS summary - Autodiscover in Lync Server 2013".
#include <algorithm>
#include <map>
#include <set>

#include "categories.hpp"
#include "sources.hpp"
#include "checks_common.hpp"
#include "http_common.hpp"
#include "model/names.hpp"

namespace mobcheck::checks {

namespace {

std::string join(const std::vector<std::string>& items, const std::string& sep = ", ") {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : sep) + item;
    return out;
}

// The DNS outcome tags and a check's own.
std::vector<ReasonTag> with_dns(std::vector<ReasonTag> own) {
    own.insert(own.begin(), dns_outcome_reasons().begin(), dns_outcome_reasons().end());
    return own;
}

// Says in the result's evidence which web FQDNs were learned rather than given.
void note_learned(const CheckContext& ctx, Result& r) {
    const Evidence& ev = ctx.evidence();
    if (ev.learned.internal_web || ev.learned.external_web) r.evidence["learned"] = to_json(ev.learned);
}

// One automatic discovery record per SIP domain, judged in one view; the result's subject is the domain.
void judge_discovery_records(CheckContext& ctx, DnsView view, std::string (*name_of)(std::string_view),
                             bool must_resolve, const std::string& why) {
    for (const auto& sip : ctx.plan().sip_domains) {
        const std::string name = name_of(sip);
        Result& r = must_resolve ? judge_must_resolve(ctx, view, name, sip, why + sip + ".")
                                 : judge_must_not_resolve(ctx, view, name, sip, why);
        r.subject = sip;
    }
}

void check_dns_lyncdiscoverinternal(CheckContext& ctx) {
    judge_discovery_records(ctx, DnsView::Internal, &lyncdiscoverinternal_name, true,
                            "Mobile devices on the corporate network cannot find the internal Autodiscover service for ");
}

CheckDef dns_lyncdiscoverinternal_entry() {
    return {
        .id = "dns.lyncdiscoverinternal",
        .title = "lyncdiscoverinternal.<sip> resolves in the internal DNS view",
        .severity = Status::Fail,
        .rule = "For every SIP domain, lyncdiscoverinternal.<sip> resolves (A/AAAA, directly or through a CNAME) in "
                "the internal DNS view. Mobile devices on the corporate network try it first.",
        .source = std::string(kMobilityRequirements) + ", section \"Internal and External DNS Configuration\": \"An "
                  "internal DNS record to support mobile users who connect from within your organization's network\"; "
                  + kDnsSummary,
        .remediation = "Create lyncdiscoverinternal.<sip> in the internal DNS zone of the SIP domain: an A/AAAA record "
                       "for the internal web services address of the Front End pool or Director, or a CNAME to its "
                       "internal web FQDN.",
        .fn = &check_dns_lyncdiscoverinternal,
        .prerequisites = {"dns.resolver"},
        .reasons = dns_outcome_reasons(),
    };
}

// Where lyncdiscover.<sip> leads to Skype for Business Online, the first hop under online.lync.com.
const CnameHop* skype_online_hop(const NameResolution& r) {
    const auto hop = std::find_if(r.chain.begin(), r.chain.end(), [](const CnameHop& h) { return is_skype_online(h.target); });
    return hop == r.chain.end() ? nullptr : &*hop;
}

void check_dns_lyncdiscover(CheckContext& ctx) {
    for (const auto& sip : ctx.plan().sip_domains) {
        const std::string name = lyncdiscover_name(sip);
        // A record that resolves, or fails, through Skype for Business Online: every phone on the
        // Internet is sent to Microsoft 365, whatever answers there (or whether anything does).
        const NameResolution resolution = resolve_name(ctx.evidence(), DnsView::External, name);
        const CnameHop* online = skype_online_hop(resolution);
        if (online == nullptr) {
            judge_must_resolve(ctx, DnsView::External, name, sip,
                               "Mobile devices on the Internet cannot find the Autodiscover service for " + sip + ".")
                .subject = sip;
            continue;
        }
        Result& r = ctx.broken(sip, sip,
                               name + " is a CNAME to " + online->target + " (" + resolution.describe() +
                                   "): Skype for Business Online, which Microsoft retired on 31 July 2021. Every phone on "
                                   "the Internet is sent to Microsoft 365, where users homed on this deployment cannot "
                                   "sign in.");
        r.reason = "skype-online";
        r.evidence["dns"] = to_json(resolution);
        r.remediation = "Point " + name + " at this deployment's reverse proxy: replace the CNAME to " + online->target +
                        " with an A/AAAA record for the reverse proxy's public address, or a CNAME to the external "
                        "web services FQDN" + (ctx.plan().external_web ? " (" + *ctx.plan().external_web + ")" : "") +
                        "; the reverse proxy certificate must cover " + name + " (mobcheck plan lists its names).";
    }
}

CheckDef dns_lyncdiscover_entry() {
    return {
        .id = "dns.lyncdiscover",
        .title = "lyncdiscover.<sip> resolves in the external DNS view",
        .severity = Status::Fail,
        .rule = "For every SIP domain, lyncdiscover.<sip> resolves in the public (external) DNS view. Mobile devices "
                "on the Internet reach the Autodiscover service through it, via the reverse proxy. A CNAME to Skype for "
                "Business Online (webdir.online.lync.com, any name under online.lync.com), left from a Microsoft 365 "
                "trial or a hybrid set-up, fails: that service was retired on 31 July 2021, and it sends every phone "
                "to Microsoft 365, where users homed on premises cannot sign in.",
        .source = std::string(kMobilityRequirements) + ", section \"Internal and External DNS Configuration\": \"An "
                  "external, or public, DNS record to support mobile users who connect from the Internet\"; " +
                  kDnsSummary + "; " + kSkypeOnlineRetirement + ", for the retirement of Skype for Business Online on "
                  "31 July 2021",
        .remediation = "Create lyncdiscover.<sip> in the public DNS zone of the SIP domain: an A/AAAA record for the "
                       "reverse proxy's public address, or a CNAME to the external web services FQDN.",
        .fn = &check_dns_lyncdiscover,
        .prerequisites = {"dns.resolver"},
        .reasons = with_dns({{"skype-online", "lyncdiscover.<sip> leads to Skype for Business Online (online.lync.com), "
                                              "retired in 2021: phones are sent to Microsoft 365"}}),
        .versions = "The same for every version. A hybrid deployment that still homes users in Skype for Business Online "
                    "is no longer possible since its retirement, so a lyncdiscover record leading there is a leftover "
                    "on every version.",
    };
}

void check_dns_internal_name_hidden(CheckContext& ctx) {
    judge_discovery_records(ctx, DnsView::External, &lyncdiscoverinternal_name, false,
                            "The internal automatic discovery URL should not be addressable from outside the corporate "
                            "network.");
}

CheckDef dns_internal_name_hidden_entry() {
    return {
        .id = "dns.internal-name-hidden",
        .title = "lyncdiscoverinternal.<sip> is not addressable from outside",
        .severity = Status::Warn,
        .rule = "lyncdiscoverinternal.<sip> does not resolve in the external DNS view.",
        .source = std::string(kMobilityRequirements) + ", section \"Internal and External DNS Configuration\": \"The "
                  "internal automatic discovery URL should not be addressable from outside your network.\"",
        .remediation = "Remove lyncdiscoverinternal.<sip> from the public DNS zone; keep it in the internal zone only.",
        .fn = &check_dns_internal_name_hidden,
        .prerequisites = {"dns.resolver", "dns.lyncdiscover"},
        .reasons = dns_outcome_reasons(),
    };
}

void check_dns_external_name_inside(CheckContext& ctx) {
    for (const auto& sip : ctx.plan().sip_domains) {
        Result& r = judge_must_not_resolve(
            ctx, DnsView::Internal, lyncdiscover_name(sip), sip,
            "Tolerated: mobile clients try lyncdiscoverinternal first, so this rarely affects them.");
        r.subject = sip;
        if (r.status == Status::Info) {
            r.message += " Ideally lyncdiscover." + sip + " is not addressable from inside the network.";
        }
    }
}

CheckDef dns_external_name_inside_entry() {
    return {
        .id = "dns.external-name-inside",
        .title = "lyncdiscover.<sip> resolving inside is tolerated",
        .severity = Status::Info,
        .rule = "lyncdiscover.<sip> should not resolve in the internal DNS view; when it does, clients are rarely "
                "affected because the internal URL is always tried first.",
        .source = std::string(kMobilityRequirements) + ", section \"Internal and External DNS Configuration\": \"The "
                  "external automatic discovery URL should not be addressable from within your network. However, if "
                  "you cannot meet this requirement ... mobile client functionally will probably not be affected\"",
        .remediation = "Nothing is required. Ideally, remove lyncdiscover.<sip> from the internal DNS view.",
        .fn = &check_dns_external_name_inside,
        .prerequisites = {"dns.resolver", "dns.lyncdiscoverinternal"},
        .reasons = dns_outcome_reasons(),
    };
}

void check_dns_cname_domain(CheckContext& ctx) {
    for (const auto& sip : ctx.plan().sip_domains) {
        const std::string name = lyncdiscover_name(sip);
        const NameResolution r = resolve_name(ctx.evidence(), DnsView::External, name);
        if (!r.looked_up) {
            not_in_evidence(ctx, sip, sip, "external lookup of " + name);
            continue;
        }
        Result* result = nullptr;
        auto outside = std::find_if(r.chain.begin(), r.chain.end(),
                                    [&](const CnameHop& hop) { return !is_in_domain(hop.target, sip); });
        if (const Result* online = skype_online_cause(ctx, DnsView::External, name, sip)) {
            // Leaving the SIP domain is the least of it: dns.lyncdiscover reports where it leads.
            result = &ctx.blocked(sip, sip, *online, name + " leads to Skype for Business Online");
        } else if (outside != r.chain.end()) {
            result = &ctx.broken(sip, sip,
                                 name + " is a CNAME to " + outside->target + ", outside " + sip + " (" + r.describe() +
                                     "). Mobile clients do not support CNAME redirection to another domain over "
                                     "HTTPS: the first Autodiscover request must then go over HTTP port 80.");
            result->remediation =
                "Either publish " + name + " with an A/AAAA record (or a CNAME that stays inside " + sip +
                ") and add it to the reverse proxy certificate's SAN list, or publish Autodiscover on the reverse "
                "proxy over HTTP port 80 (a web publishing rule for " + name +
                " on port 80 to the pool's port 8080, without redirecting to HTTPS).";
            // SPEC §3: fail when the HTTP port 80 path that would carry clients over does not work.
            const Port80 port80 = port80_state(ctx.evidence(), sip);
            if (port80.published) {
                result->message += " The HTTP port 80 rule is published (" + port80.why + "), so clients get through.";
            } else if (port80.probed && !port80.undecided) {
                result->status = Status::Fail;
                result->message += " And the HTTP port 80 rule is not published: " + port80.why +
                                   ". Mobile clients cannot discover " + sip + ".";
            }
        } else if (!r.chain.empty()) {
            result = &ctx.pass(sip, sip, name + " is a CNAME that stays inside " + sip + ": " + r.describe());
        } else if (r.resolves()) {
            result = &ctx.pass(sip, sip, name + " is an address record, no CNAME: " + r.describe());
        } else if (const Result* cause = resolution_cause(ctx, DnsView::External, name, sip)) {
            // The lookup that failed is dns.lyncdiscover's to report: one cause, one finding.
            result = &ctx.blocked(sip, sip, *cause, name + " has no CNAME chain to read: " + r.describe());
        } else if (is_undecided(r.outcome)) {
            result = &ctx.emit(Status::Error, sip, sip, "could not read the CNAME chain of " + name + ": " + r.describe());
        } else {
            result = &ctx.emit(Status::Skip, sip, sip, name + " does not resolve externally (" + r.describe() +
                                                            "); see dns.lyncdiscover");
        }
        result->evidence["dns"] = to_json(r);
    }
}

CheckDef dns_cname_domain_entry() {
    return {
        .id = "dns.cname-domain",
        .title = "the external lyncdiscover CNAME chain stays in the SIP domain",
        .severity = Status::Warn,
        .rule = "When lyncdiscover.<sip> is a CNAME, every target stays inside the SIP domain. A CNAME to another "
                "domain is not supported over HTTPS by mobile clients (they do not accept certificates of different "
                "domains) and needs the reverse proxy's HTTP port 80 publishing rule for the first request.",
        .source = std::string(kMobilityRequirements) + ", section \"Internal and External DNS Configuration\": \"CNAME "
                  "redirection to different domains is not supported over HTTPS ... you need to configure your reverse "
                  "proxy with a web publishing rule for port 80\"",
        .remediation = "Publish lyncdiscover.<sip> with an A/AAAA record or a CNAME inside the SIP domain (and put it "
                       "on the reverse proxy certificate), or publish the Autodiscover service over HTTP port 80 on "
                       "the reverse proxy.",
        .fn = &check_dns_cname_domain,
        .prerequisites = {"dns.resolver", "dns.lyncdiscover"},
        .reasons = {{"cname-other-domain", "the CNAME chain leaves the SIP domain; the HTTP port 80 rule carries clients over (warn) or does not work either (fail)"}},
    };
}

// The lookups a chain-health subject covers, and what went wrong with them.
struct ChainFindings {
    std::vector<std::string> broken;     // loops, dangling CNAMEs, SERVFAIL
    std::vector<std::string> undecided;  // timeouts, refusals, errors
    nlohmann::json evidence = nlohmann::json::array();
    std::size_t lookups = 0;
    const Result* blocked_by = nullptr;  // the dns.resolver result of a view whose lookups could not be made
    std::string blocked_what;            // what could not be judged because of it
};

// The lookups of names, except those a dead view's resolvers could not make: dns.resolver reports those.
ChainFindings examine_chains(const CheckContext& ctx, const std::string& subject, const std::set<std::string>& names) {
    const Evidence& evidence = ctx.evidence();
    ChainFindings findings;
    // A and AAAA usually fail alike: one line per (view, name, what happened), naming both types.
    struct Problem {
        bool broken;
        std::string where, what, types;
    };
    std::vector<Problem> problems;
    for (const auto& lookup : evidence.dns) {
        if (names.count(lookup.name) == 0) continue;
        ++findings.lookups;
        const bool broken = is_broken_chain(lookup.outcome);
        if (!broken && !is_undecided(lookup.outcome)) continue;
        if (const Result* cause = broken ? nullptr : view_cause(ctx, lookup.view)) {
            findings.blocked_by = cause;
            findings.blocked_what = "the lookups of " + subject + " in " + view_phrase(lookup.view);
            continue;
        }
        // A loop or SERVFAIL of a discovery name (or of its zone) is dns.lyncdiscover's finding: one cause, one finding.
        if (const Result* cause = broken ? reported_cause(ctx, lookup.view, lookup.name, lookup.outcome, "") : nullptr) {
            findings.blocked_by = cause;
            findings.blocked_what = lookup.name + " in " + view_phrase(lookup.view) + ": " +
                                    (lookup.detail.empty() ? to_string(lookup.outcome) : lookup.detail);
            continue;
        }
        findings.evidence.push_back(to_json(lookup));
        const std::string where = std::string(to_string(lookup.view)) + " view";
        // The engine's detail already names the hops and the reason.
        const std::string what = lookup.detail.empty() ? to_string(lookup.outcome) : lookup.detail;
        auto same = std::find_if(problems.begin(), problems.end(),
                                 [&](const Problem& p) { return p.where == where && p.what == what; });
        if (same != problems.end()) {
            same->types += "/" + lookup.type;
        } else {
            problems.push_back({broken, where, what, lookup.type});
        }
    }
    for (const auto& p : problems) {
        (p.broken ? findings.broken : findings.undecided).push_back(p.where + " (" + p.types + "): " + p.what);
    }
    return findings;
}

void judge_chains(CheckContext& ctx, const std::string& subject, const std::string& sip_domain,
                  const std::set<std::string>& names) {
    ChainFindings f = examine_chains(ctx, subject, names);
    if (f.lookups == 0) {
        not_in_evidence(ctx, subject, sip_domain, "DNS lookup for " + subject);
        return;
    }
    Result* r = nullptr;
    if (!f.broken.empty()) {
        r = &ctx.broken(subject, sip_domain, "broken DNS resolution: " + join(f.broken, "; "));
    } else if (!f.undecided.empty()) {
        r = &ctx.emit(Status::Error, subject, sip_domain, "could not complete every lookup: " + join(f.undecided, "; "));
    } else if (f.blocked_by != nullptr) {
        r = &ctx.blocked(subject, sip_domain, *f.blocked_by, f.blocked_what);
    } else {
        r = &ctx.pass(subject, sip_domain,
                      std::to_string(f.lookups) + " lookups in both views ended cleanly (no CNAME loop, dangling "
                                                  "CNAME or SERVFAIL)");
    }
    if (!f.evidence.empty()) r->evidence["lookups"] = f.evidence;
}

void check_dns_chain_health(CheckContext& ctx) {
    const Plan& plan = ctx.plan();
    for (const auto& sip : plan.sip_domains) {
        judge_chains(ctx, sip, sip, {lyncdiscover_name(sip), lyncdiscoverinternal_name(sip), federation_srv_name(sip)});
    }
    std::set<std::string> webs;
    for (const auto& web : {ctx.evidence().internal_web(), ctx.evidence().external_web()}) {
        if (web && webs.insert(*web).second) judge_chains(ctx, *web, "", {*web});
    }
}

CheckDef dns_chain_health_entry() {
    return {
        .id = "dns.chain-health",
        .title = "no CNAME loop, dangling CNAME or SERVFAIL",
        .severity = Status::Fail,
        .rule = "Every name mobcheck looks up (the automatic discovery names, the federation SRV record, the web "
                "services FQDNs) resolves without a CNAME loop, a CNAME to a name that does not exist, an over-long "
                "chain, or SERVFAIL, in either view.",
        .source = std::string(kMobilityRequirements) + ", section \"Internal and External DNS Configuration\": \"The "
                  "DNS records can be either CNAME records or A (host ...) records\"; a broken chain resolves for no "
                  "client",
        .remediation = "Fix the record named in the message: break the loop, point the CNAME at a name that exists, or "
                       "repair the zone (or delegation) the server answers SERVFAIL for.",
        .fn = &check_dns_chain_health,
        .prerequisites = {"dns.resolver", "dns.lyncdiscoverinternal", "dns.lyncdiscover"},
        .reasons = {{"broken-chain", "a CNAME loop, a dangling CNAME, an over-long chain or SERVFAIL"}},
    };
}

void check_dns_web_internal_private(CheckContext& ctx) {
    const auto web = ctx.evidence().internal_web();
    if (!web) {
        web_fqdn_unknown(ctx, false, "internal web FQDN", "", "nothing to look up");
        return;
    }
    Result& r = judge_must_not_resolve(
        ctx, DnsView::External, *web, "",
        "The internal web FQDN" + ctx.evidence().internal_web_note() +
            " must only resolve to, and be accessible from, the corporate network.");
    note_learned(ctx, r);
}

CheckDef dns_web_internal_private_entry() {
    return {
        .id = "dns.web-internal-private",
        .title = "the internal web FQDN does not resolve from outside",
        .severity = Status::Fail,
        .rule = "The pool's internal web services FQDN (--internal-web) does not resolve in the external DNS view.",
        .source = std::string(kMobilityRequirements) + ", section \"Internal and External DNS Configuration\", the "
                  "topology requirements: \"The internal web FQDN must only resolve to and be accessible from inside "
                  "the corporate network.\"",
        .remediation = "Remove the internal web services FQDN from the public DNS zone.",
        .fn = &check_dns_web_internal_private,
        .prerequisites = {"dns.resolver", "dns.lyncdiscoverinternal"},
        .reasons = with_dns({{"web-fqdn-unknown", "the internal web services FQDN was neither given nor learned"}}),
    };
}

void check_dns_web_external_public(CheckContext& ctx) {
    const auto web = ctx.evidence().external_web();
    if (!web) {
        web_fqdn_unknown(ctx, true, "external web FQDN", "", "nothing to look up");
        return;
    }
    Result& r = judge_must_resolve(ctx, DnsView::External, *web, "",
                                   "Every mobile request, from inside or outside, goes to the external web FQDN" +
                                       ctx.evidence().external_web_note() + " through the reverse proxy.");
    note_learned(ctx, r);
}

CheckDef dns_web_external_public_entry() {
    return {
        .id = "dns.web-external-public",
        .title = "the external web FQDN resolves from outside",
        .severity = Status::Fail,
        .rule = "The pool's external web services FQDN (--external-web) resolves in the external DNS view.",
        .source = std::string(kMobilityRequirements) + ", section \"Internal and External DNS Configuration\", the "
                  "topology requirements: \"The external web FQDN must only resolve to and be accessible from the "
                  "Internet.\"",
        .remediation = "Publish the external web services FQDN in the public DNS zone, pointing at the reverse proxy.",
        .fn = &check_dns_web_external_public,
        .prerequisites = {"dns.resolver", "dns.lyncdiscover"},
        .reasons = with_dns({{"web-fqdn-unknown", "the external web services FQDN was neither given nor learned"}}),
    };
}

void check_dns_web_external_via_proxy(CheckContext& ctx) {
    const Plan& plan = ctx.plan();
    const auto external_web = ctx.evidence().external_web();
    if (!external_web) {
        web_fqdn_unknown(ctx, true, "external web FQDN", "", "nothing to look up");
        return;
    }
    const std::string& web = *external_web;
    const auto internal_web = ctx.evidence().internal_web();
    const NameResolution inside = resolve_name(ctx.evidence(), DnsView::Internal, web);
    if (!inside.looked_up) {
        not_in_evidence(ctx, web, "", "internal lookup of " + web);
        return;
    }
    // The internal web services' addresses: the internal web FQDN's, and those lyncdiscoverinternal
    // points at (always the Front End pool or Director, never the reverse proxy).
    std::map<std::string, std::string> internal_addresses;  // address → the name that has it
    std::vector<std::string> internal_names;
    if (internal_web) internal_names.push_back(*internal_web);
    for (const auto& sip : plan.sip_domains) internal_names.push_back(lyncdiscoverinternal_name(sip));
    for (const auto& name : internal_names) {
        const NameResolution r = resolve_name(ctx.evidence(), DnsView::Internal, name);
        for (const auto& a : r.addresses) internal_addresses.emplace(a, name);
    }

    Result* result = nullptr;
    if (inside.resolves()) {
        std::vector<std::string> direct;
        for (const auto& a : inside.addresses) {
            auto it = internal_addresses.find(a);
            if (it != internal_addresses.end()) direct.push_back(a + " (also " + it->second + ")");
        }
        if (!direct.empty()) {
            result = &ctx.broken(web, "",
                                 "in the internal view " + web + " points straight at the internal web services: " +
                                     join(direct) + ". Mobility Service traffic from inside must still go through the "
                                                    "reverse proxy.");
            result->remediation = "In the internal DNS zone, point " + web +
                                  " at the reverse proxy's address (the hairpin), not at the Front End pool or "
                                  "Director; allow the hairpin on the reverse proxy.";
        } else {
            result = &ctx.pass(web, "", "in the internal view " + web + " resolves to " + inside.describe() +
                                            ", not to an internal web services address");
        }
    } else if (const Result* cause = is_undecided(inside.outcome) ? view_cause(ctx, DnsView::Internal) : nullptr) {
        result = &ctx.blocked(web, "", *cause, web + " could not be looked up in the internal view");
    } else if (is_undecided(inside.outcome) || inside.outcome == DnsOutcome::ServFail) {
        result = &ctx.emit(Status::Error, web, "", "could not resolve " + web + " in the internal view: " + inside.describe());
    } else {
        result = &ctx.broken(web, "",
                             web + " does not resolve in the internal view (" + inside.describe() +
                                 "): devices on the corporate network cannot reach the Mobility Service, which they "
                                 "must address through the reverse proxy.");
        result->remediation = "Add " + web + " to the internal DNS view, pointing at the reverse proxy's address (hairpin).";
    }
    result->evidence["dns"] = to_json(inside);
    nlohmann::json known = nlohmann::json::object();
    for (const auto& [address, name] : internal_addresses) known[address] = name;
    result->evidence["internal_web_services_addresses"] = known;
    note_learned(ctx, *result);
}

CheckDef dns_web_external_via_proxy_entry() {
    return {
        .id = "dns.web-external-via-proxy",
        .title = "inside, the external web FQDN goes through the reverse proxy",
        .severity = Status::Warn,
        .rule = "In the internal DNS view, the external web services FQDN does not point straight at an internal web "
                "services address (the internal web FQDN's, or what lyncdiscoverinternal.<sip> points at): mobile "
                "traffic from inside must still go through the reverse proxy (hairpin).",
        .source = std::string(kMobilityRequirements) + ": \"All Mobility Service traffic goes through the reverse "
                  "proxy, regardless of where the origination point is\"; \"Use the Domain Name System (DNS) host or "
                  "CNAME records to define the reverse proxy for the hairpin behavior\"",
        .remediation = "In the internal DNS view, point the external web services FQDN at the reverse proxy (allowing "
                       "the hairpin), not at the Front End pool or Director.",
        .fn = &check_dns_web_external_via_proxy,
        .prerequisites = {"dns.resolver", "dns.lyncdiscover"},
        .reasons = {{"not-via-proxy", "inside, the external web FQDN points at the internal web services or does not resolve"}, {"web-fqdn-unknown", "the external web services FQDN was neither given nor learned"}},
    };
}

void check_dns_federation_srv(CheckContext& ctx) {
    for (const auto& sip : ctx.plan().sip_domains) {
        const std::string name = federation_srv_name(sip);
        const DnsLookup* lookup = ctx.evidence().find_dns(DnsView::External, name, "SRV");
        if (lookup == nullptr) {
            not_in_evidence(ctx, sip, sip, "external SRV lookup of " + name);
            continue;
        }
        Result* r = nullptr;
        if (lookup->outcome == DnsOutcome::Resolved) {
            std::vector<std::string> targets;
            for (const auto& s : lookup->srv) {
                targets.push_back(std::to_string(s.priority) + " " + std::to_string(s.weight) + " " +
                                  std::to_string(s.port) + " " + s.target);
            }
            r = &ctx.pass(sip, sip, name + " SRV " + join(targets));
        } else if (is_negative(lookup->outcome)) {
            r = &ctx.broken(sip, sip,
                            "no " + name + " SRV record in the external view (" +
                                (lookup->detail.empty() ? to_string(lookup->outcome) : lookup->detail) +
                                "): push notifications for Lync 2010 Mobile go through the push notification "
                                "clearing house, which needs federation.");
        } else if (const Result* cause = is_undecided(lookup->outcome) ? view_cause(ctx, DnsView::External) : nullptr) {
            r = &ctx.blocked(sip, sip, *cause, name + " could not be looked up in the external view");
        } else if (const Result* zone = reported_cause(ctx, DnsView::External, name, lookup->outcome, "")) {
            r = &ctx.blocked(sip, sip, *zone, name + " could not be looked up in the external view: " + lookup->detail);
        } else {
            r = &ctx.emit(Status::Error, sip, sip, "could not look up " + name + ": " + lookup->detail);
            r->reason = to_string(lookup->outcome);
            r->remediation = lookup_fix(combine_lookups(DnsView::External, name, lookup, nullptr), name);
        }
        r->evidence["dns"] = to_json(*lookup);
    }
}

CheckDef dns_federation_srv_entry() {
    return {
        .id = "dns.federation-srv",
        .title = "_sipfederationtls._tcp.<sip> SRV exists externally",
        .severity = Status::Warn,
        .rule = "For every SIP domain, the _sipfederationtls._tcp.<sip> SRV record exists in the external view: push "
                "notifications for Lync 2010 Mobile go through the push notification clearing house over federation.",
        .source = std::string(kDnsSummary) + "; " + kMobilityRequirements + ", section \"Port and Firewall "
                  "Requirements\": push notifications",
        .remediation = "Publish _sipfederationtls._tcp.<sip> SRV 0 0 5061 <Edge access FQDN> in the public DNS zone.",
        .fn = &check_dns_federation_srv,
        .prerequisites = {"dns.resolver", "dns.lyncdiscover"},
        .reasons = dns_outcome_reasons(),
    };
}

}  // namespace

void register_dns_checks(Registry& registry) {
    registry.add(dns_resolver_entry());  // first: every other result about a view rests on it
    registry.add(dns_lyncdiscoverinternal_entry());
    registry.add(dns_lyncdiscover_entry());
    registry.add(dns_internal_name_hidden_entry());
    registry.add(dns_external_name_inside_entry());
    registry.add(dns_cname_domain_entry());
    registry.add(dns_chain_health_entry());
    registry.add(dns_web_internal_private_entry());
    registry.add(dns_web_external_public_entry());
    registry.add(dns_web_external_via_proxy_entry());
    registry.add(dns_federation_srv_entry());
}

}  // namespace mobcheck::checks
