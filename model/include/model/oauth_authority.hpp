// The OAuth authority a user link's 401 names for modern authentication (Skype for Business Server
// 2015 CU5 and later, with AD FS or, in a hybrid deployment, Microsoft Entra ID): the Bearer
// challenge's authorization_uri, e.g. https://sts.contoso.com/adfs/oauth2/authorize. Phones on the
// Internet sign in there, so the engine probes it and http.modern-auth judges it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/www_authenticate.hpp"

namespace mobcheck {

struct OAuthAuthority {
    std::string authorization_uri;     // as the challenge named it
    bool https = false;                // phones send passwords and tokens only over HTTPS
    std::string host;                  // lower case, no port
    std::uint16_t port = 443;
    bool adfs = false;                 // the path is under /adfs/ (AD FS), else an issuer's (Entra ID's /<tenant>/)
    std::string openid_configuration;  // where its OpenID Provider metadata is: "" when it is not HTTPS
};

// The authority of the first Bearer challenge that names an authorization_uri; nullopt when none does
// ("Windows and password sign-in only").
std::optional<OAuthAuthority> named_oauth_authority(const std::vector<Challenge>& challenges);

// What an authorization_uri says: its host and port, and where its OpenID configuration is.
// AD FS: https://HOST/adfs/.well-known/openid-configuration. Anything else: the issuer is the URI
// without its "/oauth2/authorize" (or "/oauth2/v2.0/authorize", keeping "/v2.0"), with
// "/.well-known/openid-configuration" added (OpenID Connect Discovery 1.0, section 4):
// https://login.microsoftonline.com/common/oauth2/authorize gives
// https://login.microsoftonline.com/common/.well-known/openid-configuration.
OAuthAuthority describe_oauth_authority(const std::string& authorization_uri);

// The MsRtcOAuth challenge's grant_type list offers urn:microsoft.rtc:passive: passive (AD FS,
// browser-based) authentication is enabled on the pool.
bool offers_passive_grant(const std::vector<Challenge>& challenges);

}  // namespace mobcheck
