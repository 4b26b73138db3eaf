// dns.resolver: the resolvers of each DNS view answer at all. Every other result about a view rests on
// its resolvers: when none of them answers, that is one finding here, and the results that needed the
// view are blocked by it instead of each reporting the same timeout (issue: one cause, one finding).
#include <algorithm>

#include "categories.hpp"
#include "sources.hpp"
#include "checks_common.hpp"

namespace mobcheck::checks {

namespace {

// A reply a resolver sent for the view: any rcode but REFUSED (NXDOMAIN and SERVFAIL are answers too).
bool answered(const DnsQuery& q) { return !q.rcode.empty() && q.rcode != "REFUSED"; }

// Did the view's resolvers answer this lookup? Evidence that records no queries (older files, tests
// built by hand) still tells by the outcome: only timeouts, refusals and errors are no answer.
bool answered(const DnsLookup& l) {
    if (l.queries.empty()) return !is_undecided(l.outcome);
    return std::any_of(l.queries.begin(), l.queries.end(), [](const DnsQuery& q) { return answered(q); });
}

bool refused(const DnsLookup& l) {
    if (l.outcome == DnsOutcome::Refused) return true;
    return !l.queries.empty() && std::all_of(l.queries.begin(), l.queries.end(), [](const DnsQuery& q) {
        return q.rcode == "REFUSED" || q.result == "connection refused" || q.result == "refused";
    });
}

bool timed_out(const DnsLookup& l) { return l.outcome == DnsOutcome::Timeout; }

std::string count_of(std::size_t n, const char* one) { return std::to_string(n) + " " + one + (n == 1 ? "" : "s"); }


void judge_view(CheckContext& ctx, DnsView view) {
    const Evidence& ev = ctx.evidence();
    const std::string subject = resolver_subject(ev, view);
    const std::string servers = resolver_list(ev, view);
    std::vector<const DnsLookup*> lookups;
    for (const auto& lookup : ev.dns) {
        if (lookup.view == view) lookups.push_back(&lookup);
    }
    if (lookups.empty()) {
        ctx.emit(Status::Skip, subject, "", "no DNS lookup was made in " + view_phrase(view) + " in this run");
        return;
    }
    const auto answers = static_cast<std::size_t>(
        std::count_if(lookups.begin(), lookups.end(), [](const DnsLookup* l) { return answered(*l); }));
    if (answers > 0) {
        ctx.pass(subject, "", (servers.empty() ? "the resolvers of " + view_phrase(view) : servers) + " answered " +
                                  std::to_string(answers) + " of " + count_of(lookups.size(), "lookup"));
        return;
    }
    const auto refusals = static_cast<std::size_t>(
        std::count_if(lookups.begin(), lookups.end(), [](const DnsLookup* l) { return refused(*l); }));
    const auto timeouts = static_cast<std::size_t>(
        std::count_if(lookups.begin(), lookups.end(), [](const DnsLookup* l) { return timed_out(*l); }));
    const std::string flag = view == DnsView::Internal ? "--internal-dns" : "--external-dns";
    const std::string source = view == DnsView::Internal ? ev.run.internal_resolvers_source : ev.run.external_resolvers_source;
    std::string what;
    if (refusals > 0) what += std::to_string(refusals) + " refused";
    if (timeouts > 0) what += (what.empty() ? "" : ", ") + std::to_string(timeouts) + " timed out";
    if (refusals + timeouts < lookups.size()) {
        what += (what.empty() ? "" : ", ") + std::to_string(lookups.size() - refusals - timeouts) + " failed otherwise";
    }
    const std::string& example = lookups.front()->detail;
    Result& r = ctx.emit(Status::Error, subject, "",
                         "the resolvers of " + view_phrase(view) + (servers.empty() ? "" : ", " + servers) +
                             (source.empty() ? "" : " (from " + source + ")") + (servers.empty() ? "" : ",") + " answered none of " +
                             count_of(lookups.size(), "lookup") + " (" + what + ")" +
                             (example.empty() ? "" : ": " + example) +
                             ". Nothing that needs " + view_phrase(view) + " can be judged.");
    if (refusals > 0) {
        // A refused connection (ICMP port unreachable) or an rcode REFUSED: nothing listens, or it will not serve us.
        r.reason = "resolver-refused";
        r.remediation = "Give " + flag + " the address of a DNS server that serves " + view_phrase(view) +
                        " and answers recursive queries from this host; if it is the right server, check that it "
                        "runs and listens on that port, and that its recursion or query ACL allows this host.";
    } else if (timeouts == lookups.size()) {
        r.reason = "resolver-timeout";
        r.remediation = "Check the address given to " + flag + " and that the firewalls between this host and it let "
                        "DNS through (UDP and TCP port 53); on a slow link raise --timeout" +
                        std::string(ev.run.deadline_reached ? " and --deadline." : ".");
    } else {
        r.reason = "resolver-unusable";
        r.remediation = "Give " + flag + " the address of a DNS server that serves " + view_phrase(view) +
                        " and answers this host, and check the firewalls between them (UDP and TCP port 53).";
    }
    r.evidence["lookups"] = lookups.size();
    r.evidence["refused"] = refusals;
    r.evidence["timed_out"] = timeouts;
}

void check_dns_resolver(CheckContext& ctx) {
    judge_view(ctx, DnsView::Internal);
    judge_view(ctx, DnsView::External);
}

}  // namespace

CheckDef dns_resolver_entry() {
    return {
        .id = "dns.resolver",
        .title = "the resolvers of each DNS view answer",
        .severity = Status::Fail,
        .rule = "The resolvers mobcheck asks for each view (--internal-dns, --external-dns) answer its queries. When "
                "none answers, nothing can be decided about that view: the results that need it are blocked by "
                "this one.",
        .source = "mobcheck's own precondition: every DNS rule of " + std::string(kMobilityRequirements) +
                  " is judged through these resolvers",
        .remediation = "Give --internal-dns and --external-dns resolvers that serve each view and answer this host.",
        .fn = &check_dns_resolver,
        .prerequisites = {},
        .reasons = {{"resolver-refused", "every lookup in the view was refused, or found nothing listening"}, {"resolver-timeout", "no lookup in the view got an answer in time"}, {"resolver-unusable", "no usable answer: refusals, timeouts and malformed answers together"}},
    };
}

}  // namespace mobcheck::checks
