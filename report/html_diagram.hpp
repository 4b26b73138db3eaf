// The path a phone takes to one SIP domain, drawn as an SVG diagram for the HTML report: inside and
// outside, the DNS name it asks, the server that answers, the Autodiscover root and where it leads.
// Each step is coloured by the worst result of the checks that judge it. Internal to report/.
#pragma once

#include <string>
#include <vector>

#include "checks/result.hpp"

namespace mobcheck::html {

// One step of the path: what the phone does there, and the results that judge it.
struct Step {
    std::string label;                   // "lyncdiscover.contoso.com"
    std::string role;                    // "external DNS", "reverse proxy", ...
    std::vector<const Result*> results;  // may be empty: nothing judged it in this run
    Status status() const;               // the worst of results (skip when none)
};

// The two paths of a SIP domain: a phone inside (lyncdiscoverinternal) and one outside (lyncdiscover).
struct PhonePath {
    std::string title;  // "a phone inside (corporate Wi-Fi)"
    std::vector<Step> steps;
};
// results: the SIP domain's own (its group), or any list that holds them.
std::vector<PhonePath> phone_paths(const std::string& sip_domain, const std::vector<const Result*>& results);

// The SVG of the paths; each step links to its first result's element (id "r<index>" in results).
std::string diagram_svg(const std::vector<PhonePath>& paths, const std::vector<Result>& results);

// The colour a status is drawn in (the same in the diagram and the page).
const char* colour_of(Status status);

}  // namespace mobcheck::html
