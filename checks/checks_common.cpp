#include "checks_common.hpp"

#include "model/names.hpp"

namespace mobcheck::checks {

std::string view_phrase(DnsView view) { return std::string("the ") + to_string(view) + " view"; }

Result& not_in_evidence(CheckContext& ctx, const std::string& subject, const std::string& sip_domain,
                        const std::string& what) {
    return ctx.emit(Status::Error, subject, sip_domain, "the evidence holds no " + what + " (was it cut short?)");
}

const Result* resolution_cause(const CheckContext& ctx, DnsView view, const std::string& name, const std::string& sip_domain) {
    if (view == DnsView::External && name == lyncdiscover_name(sip_domain)) return ctx.cause("dns.lyncdiscover", sip_domain);
    if (view == DnsView::Internal && name == lyncdiscoverinternal_name(sip_domain)) {
        return ctx.cause("dns.lyncdiscoverinternal", sip_domain);
    }
    return nullptr;
}

Result& judge_must_resolve(CheckContext& ctx, DnsView view, const std::string& name, const std::string& sip_domain,
                           const std::string& why_it_matters) {
    const NameResolution r = resolve_name(ctx.evidence(), view, name);
    if (!r.looked_up) return not_in_evidence(ctx, name, sip_domain, "lookup of " + name + " in " + view_phrase(view));
    Result* result = nullptr;
    if (r.resolves()) {
        result = &ctx.pass(name, sip_domain, name + " resolves in " + view_phrase(view) + ": " + r.describe());
    } else if (is_undecided(r.outcome)) {
        result = &ctx.emit(Status::Error, name, sip_domain,
                           "could not resolve " + name + " in " + view_phrase(view) + ": " + r.describe());
    } else {
        result = &ctx.broken(name, sip_domain,
                             name + " does not resolve in " + view_phrase(view) + ": " + r.describe() + ". " + why_it_matters);
    }
    if (result->status != Status::Pass) result->reason = to_string(r.outcome);  // "nxdomain", "cname-loop", ...
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
    } else {
        // SERVFAIL, timeout, refused: not resolvable right now is not the same as absent.
        result = &ctx.emit(Status::Error, name, sip_domain,
                           "could not tell whether " + name + " resolves in " + view_phrase(view) + ": " + r.describe());
    }
    if (result->status == Status::Error) result->reason = to_string(r.outcome);
    if (result->status != Status::Pass && r.resolves()) result->reason = "resolves";
    result->evidence["dns"] = to_json(r);
    return *result;
}

}  // namespace mobcheck::checks
