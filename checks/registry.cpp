#include "checks/registry.hpp"

#include <algorithm>
#include <stdexcept>

namespace mobcheck {

Result& CheckContext::emit(Status status, std::string subject, std::string sip_domain, std::string message) {
    Result result;
    result.check = def_.id;
    result.subject = std::move(subject);
    result.sip_domain = std::move(sip_domain);
    result.status = status;
    result.message = std::move(message);
    out_.push_back(std::move(result));
    return out_.back();
}

Result& CheckContext::pass(std::string subject, std::string sip_domain, std::string message) {
    return emit(Status::Pass, std::move(subject), std::move(sip_domain), std::move(message));
}

Result& CheckContext::broken(std::string subject, std::string sip_domain, std::string message) {
    return emit(def_.severity, std::move(subject), std::move(sip_domain), std::move(message));
}

const Result* CheckContext::cause(std::string_view check, std::string_view subject) const {
    const auto it = judged_.find({check, subject});
    if (it == judged_.end()) return nullptr;
    const Result& r = *it->second;
    return (is_problem(r.status) || r.blocked_by) && !r.waived() ? &r : nullptr;
}

Result& CheckContext::blocked(std::string subject, std::string sip_domain, const Result& cause, const std::string& what) {
    BlockedBy by{cause.check, cause.subject};
    if (cause.blocked_by) by = *cause.blocked_by;  // the root cause carries the fix
    const std::string chain = cause.blocked_by ? cause.check + ", blocked by " + by.check : cause.check;
    Result& r = emit(Status::Skip, std::move(subject), std::move(sip_domain), "not judged: " + what + " (" + chain + ")");
    r.reason = "blocked";
    r.blocked_by = std::move(by);
    return r;
}

const std::vector<ReasonTag>& common_reasons() {
    static const std::vector<ReasonTag> tags = {
        {"blocked", "not judged: a prerequisite failed or could not be decided (blocked_by names it, and it carries the fix)"},
        {"undecided", "mobcheck could not decide (error): the message says what it could not see"},
        {"not-applicable", "the rule does not apply to this run (skip): no such endpoint, another vantage, no --user"},
        {"not-selected", "left out by --only or --skip"},
        {"not-probed", "a replay of a run limited with --only/--skip that did not probe what this check reads"},
        {"note", "information only; nothing to fix"},
    };
    return tags;
}

const std::vector<ReasonTag>& dns_outcome_reasons() {
    static const std::vector<ReasonTag> tags = {
        {"nxdomain", "the name does not exist"},
        {"nodata", "the name exists but has no address record"},
        {"dangling-cname", "a CNAME points at a name that does not exist"},
        {"cname-loop", "the CNAME chain comes back to a name it visited"},
        {"chain-too-long", "more CNAME hops than any resolver follows"},
        {"servfail", "the server answered SERVFAIL: the zone does not load there, or its delegation is broken"},
        {"refused", "the resolvers refused the query (error)"},
        {"timeout", "no answer within the attempts (error)"},
        {"error", "the lookup failed otherwise: no listener, a malformed answer (error)"},
        {"resolves", "the name resolves where it must not"},
    };
    return tags;
}

Status CheckContext::severity() const { return def_.severity; }

const std::string& CheckContext::check_id() const { return def_.id; }

std::string CheckDef::category() const { return id.substr(0, id.find('.')); }

void Registry::add(CheckDef def) {
    if (find(def.id) != nullptr) throw std::logic_error("check registered twice: " + def.id);
    checks_.push_back(std::move(def));
}

const CheckDef* Registry::find(std::string_view id) const {
    for (const auto& def : checks_) {
        if (def.id == id) return &def;
    }
    return nullptr;
}

bool Registry::selector_matches(std::string_view selector, std::string_view check_id) {
    if (selector == check_id) return true;
    const std::string category(check_id.substr(0, check_id.find('.')));
    return selector == category || selector == category + "." || selector == category + ".*";
}

bool Registry::selector_matches(std::string_view selector, const CheckDef& def) {
    return selector_matches(selector, std::string_view(def.id));
}

bool Registry::selector_known(std::string_view selector) const {
    return std::any_of(checks_.begin(), checks_.end(), [&](const CheckDef& d) { return selector_matches(selector, d); });
}

bool Selection::selected(const CheckDef& def) const {
    auto matches = [&](const std::vector<std::string>& selectors) {
        return std::any_of(selectors.begin(), selectors.end(),
                           [&](const std::string& s) { return Registry::selector_matches(s, def); });
    };
    if (!only.empty() && !matches(only)) return false;
    return !matches(skip);
}

}  // namespace mobcheck
