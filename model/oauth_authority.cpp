#include "model/oauth_authority.hpp"

#include "model/autodiscover.hpp"
#include "model/strings.hpp"

namespace mobcheck {

namespace {

bool same_scheme(const Challenge& c, std::string_view scheme) { return iequals(c.scheme, scheme); }

}  // namespace

OAuthAuthority describe_oauth_authority(const std::string& authorization_uri) {
    OAuthAuthority a;
    a.authorization_uri = authorization_uri;
    a.host = url_host(authorization_uri);
    const std::string_view uri = authorization_uri;
    a.https = lower(uri.substr(0, 8)) == "https://" && !a.host.empty();
    if (!a.https) return a;
    std::string_view rest = uri.substr(8);
    const auto authority_end = rest.find_first_of("/?#");
    a.port = url_port(uri);
    if (a.port == 0) a.port = 443;  // a port that is not one: the scheme's, as a client would fall back to
    const std::string_view path =
        authority_end == std::string_view::npos || rest[authority_end] != '/'
            ? std::string_view()
            : rest.substr(authority_end, rest.find_first_of("?#", authority_end) - authority_end);
    const std::string path_lower = lower(path);
    a.adfs = path_lower.starts_with("/adfs/");
    const bool v6 = a.host.find(':') != std::string::npos;
    std::string origin = "https://";
    origin += v6 ? "[" : "";
    origin += a.host;
    origin += v6 ? "]" : "";
    if (a.port != 443) origin.append(":").append(std::to_string(a.port));
    std::string issuer_path;
    if (a.adfs) {
        issuer_path = "/adfs";
    } else if (const auto oauth2 = path_lower.find("/oauth2/"); oauth2 != std::string::npos) {
        issuer_path = std::string(path.substr(0, oauth2));
        if (path_lower.compare(oauth2, 13, "/oauth2/v2.0/") == 0) issuer_path += "/v2.0";
    }
    a.openid_configuration = origin + issuer_path + "/.well-known/openid-configuration";
    return a;
}

std::optional<OAuthAuthority> named_oauth_authority(const std::vector<Challenge>& challenges) {
    for (const auto& c : challenges) {
        if (!same_scheme(c, "bearer")) continue;
        const std::string uri = c.param("authorization_uri");
        if (!uri.empty()) return describe_oauth_authority(uri);
    }
    return std::nullopt;
}

bool offers_passive_grant(const std::vector<Challenge>& challenges) {
    for (const auto& c : challenges) {
        if (!same_scheme(c, "msrtcoauth")) continue;
        const std::string list = c.param("grant_type");
        std::string_view grants = list;
        while (!grants.empty()) {
            const auto comma = grants.find(',');
            std::string_view grant = grants.substr(0, comma);
            while (!grant.empty() && grant.front() == ' ') grant.remove_prefix(1);
            while (!grant.empty() && grant.back() == ' ') grant.remove_suffix(1);
            if (iequals(grant, "urn:microsoft.rtc:passive")) return true;
            if (comma == std::string_view::npos) break;
            grants.remove_prefix(comma + 1);
        }
    }
    return false;
}

}  // namespace mobcheck
