#include "model/oauth_authority.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "model/autodiscover.hpp"

namespace mobcheck {

namespace {

std::string lower(std::string_view text) {
    std::string s(text);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool same_scheme(const Challenge& c, std::string_view scheme) { return lower(c.scheme) == scheme; }

// The port of an URL's authority ("host:8443", "[2001:db8::1]:8443"); 443 when none or unreadable.
std::uint16_t authority_port(std::string_view authority) {
    const auto close = authority.rfind(']');
    const auto colon = authority.rfind(':');
    if (colon == std::string_view::npos || (close != std::string_view::npos && colon < close)) return 443;
    unsigned value = 0;
    const auto digits = authority.substr(colon + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size() || value == 0 || value > 65535) return 443;
    return static_cast<std::uint16_t>(value);
}

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
    std::string_view authority = rest.substr(0, authority_end);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
    a.port = authority_port(authority);
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
            if (lower(grant) == "urn:microsoft.rtc:passive") return true;
            if (comma == std::string_view::npos) break;
            grants.remove_prefix(comma + 1);
        }
    }
    return false;
}

}  // namespace mobcheck
