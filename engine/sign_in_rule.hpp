// When mobcheck --user may send the password at all (issue rules, SPEC §4): only from an
// Autodiscover root a phone at this vantage asks first, fetched over verified HTTPS from hosts inside
// the SIP domain from the first request to the last, and not steered by an Autodiscover Redirect
// document; and only to an https:// user link. The links of such a root are the deployment's own
// word, as they are for a phone. The token and the user document then go only to the host that
// challenged (WalkRequest::credential_host).
#pragma once

#include <string>

#include "model/http_exchange.hpp"

namespace mobcheck {

// "" when the password may be sent through the user link user_url of root; else why not, one line.
std::string sign_in_refusal(const HttpWalk& root, const std::string& user_url);

}  // namespace mobcheck
