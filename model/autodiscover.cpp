// Autodiscover documents, JSON and XML (SPEC §4). Tokens are matched without regard to case:
// servers in the field send "user" and "User", "redirect" and "Redirect".
#include "model/autodiscover.hpp"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <nlohmann/json.hpp>

#include "model/strings.hpp"
#include "xml_scan.hpp"

namespace mobcheck {

namespace {

AutodiscoverDocument invalid(AutodiscoverDocument::Format format, std::string why) {
    AutodiscoverDocument d;
    d.format = format;
    d.kind = AutodiscoverDocument::Kind::Invalid;
    d.error = std::move(why);
    return d;
}

// Root, Redirect or User from the links a document holds.
void classify(AutodiscoverDocument& d, bool user_section) {
    using Kind = AutodiscoverDocument::Kind;
    if (user_section) {
        d.kind = Kind::User;
    } else if (!d.link("user").empty()) {
        d.kind = Kind::Root;
    } else if (!d.link("redirect").empty()) {
        d.kind = Kind::Redirect;
    } else {
        d.kind = Kind::Invalid;
        d.error = "no user link and no redirect link";
    }
}

AutodiscoverDocument parse_json(std::string_view body) {
    using Format = AutodiscoverDocument::Format;
    const auto json = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
    if (json.is_discarded()) return invalid(Format::Json, "not valid JSON");
    if (!json.is_object()) return invalid(Format::Json, "JSON, but not an object");
    const auto links = json.find("_links");
    if (links == json.end() || !links->is_object()) return invalid(Format::Json, "JSON without a _links object");
    AutodiscoverDocument d;
    d.format = Format::Json;
    for (const auto& [token, value] : links->items()) {
        if (!value.is_object()) continue;
        const auto href = value.find("href");
        if (href != value.end() && href->is_string()) d.links.push_back({token, href->get<std::string>()});
    }
    bool user_section = false;
    for (const auto& [key, value] : json.items()) {
        if (iequals(key, "AccessLocation") && value.is_string()) {
            d.access_location = value.get<std::string>();
            user_section = true;
        }
    }
    if (!d.link("applications").empty()) user_section = true;
    classify(d, user_section);
    return d;
}

AutodiscoverDocument parse_xml(std::string_view body) {
    using Format = AutodiscoverDocument::Format;
    const xml::Document doc = xml::scan(body);
    if (!doc.error.empty()) return invalid(Format::Xml, "not well-formed XML: " + doc.error);
    const xml::Element& top = doc.elements.front();
    if (!iequals(top.name, "AutodiscoverResponse")) {
        return invalid(Format::Xml, "XML, but its document element is <" + top.name + ">, not <AutodiscoverResponse>");
    }
    AutodiscoverDocument d;
    d.format = Format::Xml;
    d.access_location = top.attr("AccessLocation");
    bool user_section = false;
    for (const auto& e : doc.elements) {
        if (!iequals(e.name, "Link")) continue;
        const std::string token = e.attr("token");
        const std::string href = e.attr("href");
        if (token.empty() || href.empty()) continue;
        if (iequals(e.parent, "User")) user_section = true;
        d.links.push_back({token, href});
    }
    classify(d, user_section);
    return d;
}

}  // namespace

std::string AutodiscoverDocument::link(std::string_view token) const {
    for (const auto& l : links) {
        if (iequals(l.token, token)) return l.href;
    }
    return "";
}

const char* to_string(AutodiscoverDocument::Kind kind) {
    switch (kind) {
        case AutodiscoverDocument::Kind::Root: return "root";
        case AutodiscoverDocument::Kind::Redirect: return "redirect";
        case AutodiscoverDocument::Kind::User: return "user";
        case AutodiscoverDocument::Kind::Invalid: return "invalid";
    }
    return "invalid";
}

const char* to_string(AutodiscoverDocument::Format format) {
    switch (format) {
        case AutodiscoverDocument::Format::Json: return "json";
        case AutodiscoverDocument::Format::Xml: return "xml";
        case AutodiscoverDocument::Format::Unknown: return "unknown";
    }
    return "unknown";
}

AutodiscoverDocument parse_autodiscover(std::string_view body, std::string_view content_type) {
    const std::string type = lower(content_type);
    if (type.find("json") != std::string::npos) return parse_json(body);
    if (type.find("xml") != std::string::npos) return parse_xml(body);
    const auto first = std::find_if(body.begin(), body.end(), [](char c) { return !std::isspace(static_cast<unsigned char>(c)); });
    if (first != body.end() && *first == '{') return parse_json(body);
    if (first != body.end() && *first == '<') return parse_xml(body);
    if (first == body.end()) return invalid(AutodiscoverDocument::Format::Unknown, "empty body");
    return invalid(AutodiscoverDocument::Format::Unknown,
                   "neither JSON nor XML (Content-Type " + (content_type.empty() ? std::string("absent") : std::string(content_type)) + ")");
}

std::string url_host(std::string_view url) {
    const std::string l = lower(url.substr(0, 8));
    std::size_t start = 0;
    if (l.starts_with("https://")) {
        start = 8;
    } else if (l.starts_with("http://")) {
        start = 7;
    } else {
        return "";
    }
    std::string_view rest = url.substr(start);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);  // user info
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        return close == std::string_view::npos ? "" : lower(rest.substr(1, close - 1));
    }
    std::string host = lower(rest.substr(0, rest.find(':')));
    if (!host.empty() && host.back() == '.') host.pop_back();
    return host;
}

std::uint16_t url_port(std::string_view url) {
    const std::string l = lower(url.substr(0, 8));
    const bool https = l.starts_with("https://");
    if (!https && !l.starts_with("http://")) return 0;
    std::string_view authority = url.substr(https ? 8 : 7);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
    const auto close = authority.rfind(']');
    const auto colon = authority.rfind(':');
    if (colon == std::string_view::npos || (close != std::string_view::npos && colon < close)) return https ? 443 : 80;
    const auto digits = authority.substr(colon + 1);
    if (digits.empty()) return https ? 443 : 80;  // "host:" (RFC 3986: an empty port is the scheme's)
    unsigned value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size() || value == 0 || value > 65535) return 0;
    return static_cast<std::uint16_t>(value);
}

}  // namespace mobcheck
