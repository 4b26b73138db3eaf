// The path a phone takes to one SIP domain (phone_path.hpp), drawn as an SVG diagram for the HTML
// report: a row per phone, a box per step in the colour of its status, showing what the run saw there
// and linking to the step's first result. Internal to report/.
#pragma once

#include <string>
#include <vector>

#include "phone_path.hpp"

namespace mobcheck::html {

// The SVG of the paths; each step links to its first result's element (id "r<index>" in results).
std::string diagram_svg(const std::vector<PhonePath>& paths, const std::vector<Result>& results);

// The colour a status is drawn in (the same in the diagram and the page).
const char* colour_of(Status status);

}  // namespace mobcheck::html
