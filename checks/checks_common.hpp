// Helpers shared by the checks of several categories. Internal to checks/.
#pragma once

#include <string>
#include <string_view>

#include "model/evidence.hpp"
#include "model/evidence_json.hpp"
#include "checks/registry.hpp"

namespace mobcheck::checks {

// "the internal view", "the external view"
std::string view_phrase(DnsView view);

// The fix for a lookup of name that ended in r's outcome, naming what to change ("The CNAME chain of X ends at
// Y, which does not exist ..."); "" for NXDOMAIN and a resolved name, where the check's own fix says it.
std::string lookup_fix(const NameResolution& r, const std::string& name);

// Judges the rule "NAME resolves in VIEW". why_it_matters is appended to a broken result's message.
// Returns the result it added.
Result& judge_must_resolve(CheckContext& ctx, DnsView view, const std::string& name, const std::string& sip_domain,
                           const std::string& why_it_matters);

// Judges the rule "NAME does not resolve in VIEW": a resolving name is broken().
Result& judge_must_not_resolve(CheckContext& ctx, DnsView view, const std::string& name, const std::string& sip_domain,
                               const std::string& why_it_matters);

// The resolvers the run asked in view, as used: "10.0.0.10:53, 10.0.0.11:53"; "" when the evidence names none.
std::string resolver_list(const Evidence& evidence, DnsView view);

// The subject of the dns.resolver result of a view: "internal view (10.0.0.10:53)".
std::string resolver_subject(const Evidence& evidence, DnsView view);

// The dns.resolver result of view when its resolvers answered nothing (a cause), else nullptr.
const Result* view_cause(const CheckContext& ctx, DnsView view);

// The result that says why NAME has no answer in VIEW, when another check reports it and a result about
// the name is to be blocked by it: dns.resolver when the view's resolvers answered nothing; else, when
// it is a problem, dns.lyncdiscover for lyncdiscover.<sip> in the external view or
// dns.lyncdiscoverinternal for lyncdiscoverinternal.<sip> in the internal view; else nullptr.
const Result* resolution_cause(const CheckContext& ctx, DnsView view, const std::string& name, const std::string& sip_domain);

// Skype for Business Online's names (webdir.online.lync.com, anything under online.lync.com): the
// service Microsoft retired on 31 July 2021, where lyncdiscover records of many SIP domains still lead.
bool is_skype_online(const std::string& name);
// lyncdiscover.<sip> (external view) that leads to Skype for Business Online (dns.lyncdiscover's
// "skype-online"): whatever answers there is Microsoft's, not this deployment, so nothing reached
// through the name is judged and dns.lyncdiscover carries the fix. nullptr for any other name.
const Result* skype_online_cause(const CheckContext& ctx, DnsView view, const std::string& name, const std::string& sip_domain);

// The result of a check that needs a web services FQDN (external: --external-web, else --internal-web)
// that was neither given nor learned: blocked by what kept it from being learned (the discovery name of
// the first SIP domain that does not resolve, or whose walk failed), else a skip (reason "web-fqdn-unknown")
// that asks for the flag. what: what cannot be judged without it ("no hairpin to test").
Result& web_fqdn_unknown(CheckContext& ctx, bool external, const std::string& subject, const std::string& sip_domain,
                         const std::string& what);

// The dns.* result that already reports why a lookup of name in view ended in outcome, when it is a
// problem: the discovery check of that name with the same reason (dns.lyncdiscover for a looping
// lyncdiscover.<sip>), or, for SERVFAIL, the discovery check of the SIP domain whose zone holds the name
// and answers SERVFAIL too (the zone does not load: one finding); else nullptr. exclude: the check asking.
const Result* reported_cause(const CheckContext& ctx, DnsView view, const std::string& name, DnsOutcome outcome,
                             std::string_view exclude);

// The result for a rule whose evidence is missing from the evidence (a partial or hand-made file).
Result& not_in_evidence(CheckContext& ctx, const std::string& subject, const std::string& sip_domain,
                        const std::string& what);

}  // namespace mobcheck::checks
