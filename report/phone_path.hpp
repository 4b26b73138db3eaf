// The path a phone takes to one SIP domain, step by step, as the HTML report's diagram draws it:
// inside and outside, the DNS name it asks and what each view answered (CNAME hops, addresses), the
// server that answers TLS (Front End or reverse proxy, with the addresses probed), the Autodiscover
// root, and the web services its links lead to. Each step holds the results that judge it and what
// the run saw there, read from their evidence. Internal to report/.
#pragma once

#include <string>
#include <vector>

#include "checks/result.hpp"

namespace mobcheck::html {

// One step of the path: what the phone does there, what the run saw, and the results that judge it.
struct Step {
    std::string label;                   // "lyncdiscover.contoso.com"
    std::string role;                    // "external DNS", "reverse proxy (TLS)", ...
    std::vector<const Result*> results;  // in report order; may be empty: nothing judged it in this run
    std::vector<std::string> seen;       // from the results' evidence: "CNAME webext.contoso.com", "A 192.0.2.10"
    Status status() const;               // the worst of results (skip when none)
};

// The two paths of a SIP domain: a phone inside (lyncdiscoverinternal) and one outside (lyncdiscover).
struct PhonePath {
    std::string title;  // "a phone inside (corporate Wi-Fi)"
    std::vector<Step> steps;
};
// results: the SIP domain's own and the deployment-wide ones (the web services every SIP domain's
// phones reach), or any list that holds them. external_web: the run's --external-web, "" when it was
// not given (then the host the user link names stands for it).
std::vector<PhonePath> phone_paths(const std::string& sip_domain, const std::string& external_web,
                                   const std::vector<const Result*>& results);

}  // namespace mobcheck::html
