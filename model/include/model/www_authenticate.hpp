// The challenges of WWW-Authenticate headers (RFC 9110, section 11.6.1), in every shape servers send
// them: one header per challenge, several challenges folded into one header, quoted and unquoted
// parameter values, a token68 instead of parameters. What http.user-challenge reads the user link's
// 401 with: "MsRtcOAuth href=...,grant_type=...", "Bearer trusted_issuers=..., client_id=...".
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mobcheck {

struct Challenge {
    std::string scheme;  // as sent: "MsRtcOAuth", "Bearer"
    // Parameters in order, names lower-cased, values unquoted ("grant_type", "urn:microsoft.rtc:windows,...").
    std::vector<std::pair<std::string, std::string>> params;
    std::string token68;  // "Negotiate abc==": the blob after the scheme, when there are no parameters

    // The value of parameter name (lower case), "" when absent.
    std::string param(std::string_view name) const;
};

// Every challenge of the headers' values, in order. Text that is not a challenge (a stray comma, an
// unterminated quoted string) ends the value it is in; what came before it is kept.
std::vector<Challenge> parse_challenges(const std::vector<std::string>& values);

}  // namespace mobcheck
