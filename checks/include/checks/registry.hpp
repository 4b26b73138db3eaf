// The check registry: every check is declared once, with the facts --list-checks, --explain, the
// docs catalogue and the reports are generated from (DESIGN: "a check is declared once").
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/evidence.hpp"
#include "checks/result.hpp"

namespace mobcheck {

struct CheckDef;

// The results of the checks judged so far in a run, by (check, subject): what CheckContext::cause()
// looks in. The views and pointers refer to results judge() no longer changes.
using JudgedResults = std::map<std::pair<std::string_view, std::string_view>, const Result*>;

// What a check function gets: the evidence, and a way to record results. broken() uses the
// severity declared in the registry, so severities live in one place.
class CheckContext {
public:
    CheckContext(const Evidence& evidence, const CheckDef& def, std::vector<Result>& out, const JudgedResults& judged)
        : evidence_(evidence), def_(def), out_(out), judged_(judged) {}

    const Evidence& evidence() const { return evidence_; }
    const Plan& plan() const { return evidence_.plan; }
    // The ID of the check being judged.
    const std::string& check_id() const;
    // What a broken rule of this check yields (the registry's severity).
    Status severity() const;

    // Each returns the result just added, so a check can refine it (evidence, remediation).
    Result& pass(std::string subject, std::string sip_domain, std::string message);
    Result& broken(std::string subject, std::string sip_domain, std::string message);
    Result& emit(Status status, std::string subject, std::string sip_domain, std::string message);

    // The result of check about subject when it can block others: a problem (is_problem) or blocked
    // itself, and not waived; else nullptr. judge() runs the checks a result may depend on first
    // (kJudgingOrder), so a check can ask for its prerequisites.
    const Result* cause(std::string_view check, std::string_view subject) const;
    // A result this check cannot judge because cause is a problem: `skip` with reason "blocked" and
    // blocked_by naming the cause (the root cause, when cause is itself blocked), a one-line message
    // "not judged: WHAT (check)", and no fix of its own: the cause carries the one fix.
    Result& blocked(std::string subject, std::string sip_domain, const Result& cause, const std::string& what);

private:
    const Evidence& evidence_;
    const CheckDef& def_;
    std::vector<Result>& out_;
    const JudgedResults& judged_;
};

using CheckFn = void (*)(CheckContext&);

// A stable reason tag a check's results carry ("san-missing"), and what it means.
struct ReasonTag {
    std::string tag;
    std::string meaning;
};

// The tags any check's results may carry, beside its own (judge() gives them where a check gave none):
// blocked, undecided, not-applicable, not-selected, note.
const std::vector<ReasonTag>& common_reasons();
// The tags of how a DNS lookup ended (nxdomain, cname-loop, servfail, timeout, ...), for the checks
// that judge a lookup.
const std::vector<ReasonTag>& dns_outcome_reasons();

struct CheckDef {
    std::string id;           // stable: "dns.lyncdiscover"
    std::string title;        // one line
    Status severity;          // what a broken rule yields: Fail or Warn
    std::string rule;         // the rule, as the admin should read it
    std::string source;       // where the rule comes from: Microsoft's document by title and address, its section
    std::string remediation;  // default fix, used when a result does not give a more specific one
    CheckFn fn;
    // The checks whose problem leaves this one's results blocked (its direct prerequisites; blocked_by
    // names the root cause, which may be a prerequisite's own).
    std::vector<std::string> prerequisites = {};
    // Its own reason tags; the first is what a broken result (warn, fail) carries unless it says more.
    std::vector<ReasonTag> reasons = {};
    // Where the rule differs between the server versions mobcheck covers (Lync Server 2013, Skype for
    // Business Server 2015, 2019, Subscription Edition); empty when it is the same for all.
    std::string versions = {};

    std::string category() const;  // "dns" for "dns.lyncdiscover"
};

class Registry {
public:
    void add(CheckDef def);  // throws std::logic_error on a duplicate ID
    const std::vector<CheckDef>& all() const { return checks_; }
    const CheckDef* find(std::string_view id) const;

    // Does selector (an ID or a category such as "tls") name at least one check?
    bool selector_known(std::string_view selector) const;
    static bool selector_matches(std::string_view selector, const CheckDef& def);
    static bool selector_matches(std::string_view selector, std::string_view check_id);

private:
    std::vector<CheckDef> checks_;
};

// The built-in catalogue, in the order it is listed and reported.
void register_builtin_checks(Registry& registry);
const Registry& builtin_registry();

// Which checks a run judges (--only / --skip). Empty only = all.
struct Selection {
    std::vector<std::string> only;
    std::vector<std::string> skip;
    bool selected(const CheckDef& def) const;
};

// Runs the selected checks over the evidence, prerequisites first, and returns the results in
// catalogue order. A check not selected yields one `skip` result whose
// subject is "*". A check that throws yields an `error` result instead of ending the run.
std::vector<Result> judge(const Evidence& evidence, const Registry& registry, const Selection& selection);

}  // namespace mobcheck
