// The names whose certificates a plan calls for (SPEC §3 tls), worked out in one place: the TLS
// probes start from them, the evidence lists their probes in their order, the tls.* checks judge
// them, and a certificate file is judged at the ones its role serves.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/plan.hpp"
#include "model/probe_purpose.hpp"

namespace mobcheck {

// One name whose served certificate is looked at, on 443 at each of its addresses in view.
struct PlannedEndpoint {
    ProbePurpose purpose = ProbePurpose::None;  // Lyncdiscover, LyncdiscoverInternal or ExternalWeb
    std::string name;
    DnsView view = DnsView::External;
    std::string sip_domain;  // the SIP domain the name belongs to; "" for the external web FQDN
    bool operator==(const PlannedEndpoint&) const = default;
};

// For each SIP domain of the plan, in order: lyncdiscover.<sip> in the external view (the reverse
// proxy publishes it to the Internet), then lyncdiscoverinternal.<sip> in the internal view (the Front
// End or Director, from vantage internal only: not reachable from outside by design); last, when
// known, the external web FQDN (given, or learned during the run).
std::vector<PlannedEndpoint> planned_endpoints(const Plan& plan, const std::optional<std::string>& external_web);

// The external web FQDN as an endpoint: its public (external-view) addresses.
PlannedEndpoint external_web_endpoint(const std::string& name);

}  // namespace mobcheck
