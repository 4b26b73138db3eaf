#include "checks_common.hpp"

#include "model/names.hpp"

namespace mobcheck::checks {

std::string view_phrase(DnsView view) { return std::string("the ") + to_string(view) + " view"; }

Result& not_in_evidence(CheckContext& ctx, const std::string& subject, const std::string& sip_domain,
                        const std::string& what) {
    return ctx.emit(Status::Error, subject, sip_domain, "the evidence holds no " + what + " (was it cut short?)");
}

std::string resolver_list(const Evidence& evidence, DnsView view) {
    const auto& servers = view == DnsView::Internal ? evidence.run.internal_resolvers : evidence.run.external_resolvers;
    std::string list;
    for (const auto& s : servers) list += (list.empty() ? "" : ", ") + s;
    return list;
}

std::string resolver_subject(const Evidence& evidence, DnsView view) {
    const std::string list = resolver_list(evidence, view);
    return std::string(to_string(view)) + " view" + (list.empty() ? "" : " (" + list + ")");
}

const Result* view_cause(const CheckContext& ctx, DnsView view) {
    return ctx.cause("dns.resolver", resolver_subject(ctx.evidence(), view));
}

const Result* resolution_cause(const CheckContext& ctx, DnsView view, const std::string& name, const std::string& sip_domain) {
    if (const Result* resolvers = view_cause(ctx, view)) return resolvers;
    if (view == DnsView::External && name == lyncdiscover_name(sip_domain)) return ctx.cause("dns.lyncdiscover", sip_domain);
    if (view == DnsView::Internal && name == lyncdiscoverinternal_name(sip_domain)) {
        return ctx.cause("dns.lyncdiscoverinternal", sip_domain);
    }
    return nullptr;
}

bool is_skype_online(const std::string& name) {
    return is_in_domain(canonical_name(name), "online.lync.com");
}

const Result* skype_online_cause(const CheckContext& ctx, DnsView view, const std::string& name, const std::string& sip_domain) {
    if (view != DnsView::External || name != lyncdiscover_name(sip_domain)) return nullptr;
    const Result* cause = ctx.cause("dns.lyncdiscover", sip_domain);
    return cause != nullptr && cause->reason == "skype-online" ? cause : nullptr;
}

Result& web_fqdn_unknown(CheckContext& ctx, bool external, const std::string& subject, const std::string& sip_domain,
                         const std::string& what) {
    const std::string which = external ? "external" : "internal";
    const std::string flag = external ? "--external-web" : "--internal-web";
    // It is learned from the Autodiscover root's links or the CNAME target of the discovery name; the
    // http.* walk is judged after the dns.* checks, so a dns.* check sees only the DNS cause.
    for (const auto& sip : ctx.plan().sip_domains) {
        for (const char* check : {external ? "dns.lyncdiscover" : "dns.lyncdiscoverinternal",
                                  external ? "http.lyncdiscover" : "http.lyncdiscoverinternal"}) {
            if (const Result* cause = ctx.cause(check, sip)) {
                return ctx.blocked(subject, sip_domain, *cause,
                                   "the " + which + " web services FQDN could not be learned (give " + flag + "): " + what);
            }
        }
    }
    Result& r = ctx.emit(Status::Skip, subject, sip_domain,
                         "the " + which + " web services FQDN is not known (give " + flag + "; it is learned from the "
                         "Autodiscover links when " + (external ? "lyncdiscover" : "lyncdiscoverinternal") +
                         " answers): " + what);
    r.reason = "web-fqdn-unknown";
    return r;
}

const Result* reported_cause(const CheckContext& ctx, DnsView view, const std::string& name, DnsOutcome outcome,
                             std::string_view exclude) {
    const char* check = view == DnsView::External ? "dns.lyncdiscover" : "dns.lyncdiscoverinternal";
    if (exclude == check) return nullptr;
    const std::string tag = to_string(outcome);
    for (const auto& sip : ctx.plan().sip_domains) {
        const std::string discovery = view == DnsView::External ? lyncdiscover_name(sip) : lyncdiscoverinternal_name(sip);
        const bool same_name = name == discovery;
        if (!same_name && !(outcome == DnsOutcome::ServFail && is_in_domain(name, sip))) continue;
        const Result* cause = ctx.cause(check, sip);
        if (cause != nullptr && cause->reason == tag) return cause;
    }
    return nullptr;
}

std::string lookup_fix(const NameResolution& r, const std::string& name) {
    const std::string zone = "the " + std::string(to_string(r.view)) + " DNS zone";
    const std::string end = r.chain.empty() ? name : r.chain.back().target;
    switch (r.outcome) {
        case DnsOutcome::DanglingCname:
            return "The CNAME chain of " + name + " ends at " + end + ", which does not exist in " + zone +
                   ": point the CNAME at a name that exists (the web services FQDN), or create " + end + ".";
        case DnsOutcome::CnameLoop:
            return "Break the CNAME loop of " + name + " in " + zone + ": the last CNAME must point at a name with an "
                   "A/AAAA record (the web services FQDN or the reverse proxy).";
        case DnsOutcome::ChainTooLong:
            return "Shorten the CNAME chain of " + name + " in " + zone + " to a few hops that end in an A/AAAA record.";
        case DnsOutcome::ServFail:
            return "The server answers SERVFAIL for " + end + ": the zone that holds it does not load on that server "
                   "(check the zone file, for example with named-checkzone, and the server's log) or its delegation "
                   "is broken; fix the zone and reload it.";
        case DnsOutcome::NoData:
            return name + " exists in " + zone + " but has no A/AAAA record: add one (or a CNAME to a name that has one).";
        case DnsOutcome::Timeout:
            return "The resolvers of " + std::string(to_string(r.view)) + " view did not answer for " + name +
                   " in time, though they answered other lookups: check the server authoritative for its zone, "
                   "and raise --timeout on a slow link.";
        case DnsOutcome::Refused:
            return "The resolvers refused to answer for " + name + ", though they answered other lookups: let them "
                   "resolve its zone for this host (recursion or forwarding for that zone).";
        default: return "";
    }
}

Result& judge_must_resolve(CheckContext& ctx, DnsView view, const std::string& name, const std::string& sip_domain,
                           const std::string& why_it_matters) {
    const NameResolution r = resolve_name(ctx.evidence(), view, name);
    if (!r.looked_up) return not_in_evidence(ctx, name, sip_domain, "lookup of " + name + " in " + view_phrase(view));
    Result* result = nullptr;
    if (r.resolves()) {
        result = &ctx.pass(name, sip_domain, name + " resolves in " + view_phrase(view) + ": " + r.describe());
    } else if (const Result* cause = is_undecided(r.outcome) ? view_cause(ctx, view) : nullptr) {
        result = &ctx.blocked(name, sip_domain, *cause, name + " could not be looked up in " + view_phrase(view));
    } else if (is_undecided(r.outcome)) {
        result = &ctx.emit(Status::Error, name, sip_domain,
                           "could not resolve " + name + " in " + view_phrase(view) + ": " + r.describe());
    } else {
        result = &ctx.broken(name, sip_domain,
                             name + " does not resolve in " + view_phrase(view) + ": " + r.describe() + ". " + why_it_matters);
    }
    if (result->status != Status::Pass && !result->blocked_by) {
        result->reason = to_string(r.outcome);  // "nxdomain", ...
        result->remediation = lookup_fix(r, name);  // "" leaves the check's own (NXDOMAIN: create the record)
    }
    result->evidence["dns"] = to_json(r);
    return *result;
}

Result& judge_must_not_resolve(CheckContext& ctx, DnsView view, const std::string& name, const std::string& sip_domain,
                               const std::string& why_it_matters) {
    const NameResolution r = resolve_name(ctx.evidence(), view, name);
    if (!r.looked_up) return not_in_evidence(ctx, name, sip_domain, "lookup of " + name + " in " + view_phrase(view));
    Result* result = nullptr;
    if (r.resolves()) {
        result = &ctx.broken(name, sip_domain,
                             name + " resolves in " + view_phrase(view) + ": " + r.describe() + ". " + why_it_matters);
    } else if (is_negative(r.outcome)) {
        result = &ctx.pass(name, sip_domain, name + " does not resolve in " + view_phrase(view) + ": " + r.describe());
    } else if (const Result* cause = is_undecided(r.outcome) ? view_cause(ctx, view) : nullptr) {
        result = &ctx.blocked(name, sip_domain, *cause, name + " could not be looked up in " + view_phrase(view));
    } else if (const Result* zone = reported_cause(ctx, view, name, r.outcome, ctx.check_id())) {
        result = &ctx.blocked(name, sip_domain, *zone, name + " could not be looked up in " + view_phrase(view) + ": " +
                                                           r.describe());
    } else {
        // SERVFAIL, timeout, refused: not resolvable right now is not the same as absent.
        result = &ctx.emit(Status::Error, name, sip_domain,
                           "could not tell whether " + name + " resolves in " + view_phrase(view) + ": " + r.describe());
    }
    if (result->status == Status::Error) {
        result->reason = to_string(r.outcome);
        result->remediation = lookup_fix(r, name);
    }
    if (result->status != Status::Pass && r.resolves()) result->reason = "resolves";
    result->evidence["dns"] = to_json(r);
    return *result;
}

}  // namespace mobcheck::checks
