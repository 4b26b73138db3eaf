// Helpers shared by the checks of several categories. Internal to checks/.
#pragma once

#include <string>

#include "model/evidence.hpp"
#include "model/evidence_json.hpp"
#include "checks/registry.hpp"

namespace mobcheck::checks {

// "the internal view", "the external view"
std::string view_phrase(DnsView view);

// Judges the rule "NAME resolves in VIEW". why_it_matters is appended to a broken result's message.
// Returns the result it added.
Result& judge_must_resolve(CheckContext& ctx, DnsView view, const std::string& name, const std::string& sip_domain,
                           const std::string& why_it_matters);

// Judges the rule "NAME does not resolve in VIEW": a resolving name is broken().
Result& judge_must_not_resolve(CheckContext& ctx, DnsView view, const std::string& name, const std::string& sip_domain,
                               const std::string& why_it_matters);

// The dns.* result that says whether an Autodiscover name resolves, when it is a problem a result
// about that name is blocked by: dns.lyncdiscover for lyncdiscover.<sip> in the external view,
// dns.lyncdiscoverinternal for lyncdiscoverinternal.<sip> in the internal view; else nullptr.
const Result* resolution_cause(const CheckContext& ctx, DnsView view, const std::string& name, const std::string& sip_domain);

// The result for a rule whose evidence is missing from the evidence (a partial or hand-made file).
Result& not_in_evidence(CheckContext& ctx, const std::string& subject, const std::string& sip_domain,
                        const std::string& what);

}  // namespace mobcheck::checks
