// Autodiscover documents (SPEC §4): what lyncdiscover[internal].<sip>/ and the user link answer,
// in their JSON (`_links`) and XML (`AutodiscoverResponse`) forms. Parsing never throws: garbage
// becomes a document of kind Invalid with the reason, which the checks report.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mobcheck {

struct AutodiscoverLink {
    std::string token;  // as served: "user", "User", "Internal/Mcx", "redirect", ...
    std::string href;
};

struct AutodiscoverDocument {
    enum class Format { Json, Xml, Unknown };
    enum class Kind {
        Root,      // the root document: a link to the user resource (and self, xframe, domain, oauth)
        Redirect,  // a root that sends the client elsewhere (another pool, Office 365)
        User,      // the user document: Mcx/Ucwa/Autodiscover links per access location
        Invalid,   // not an Autodiscover document
    };
    Format format = Format::Unknown;
    Kind kind = Kind::Invalid;
    std::vector<AutodiscoverLink> links;
    std::string access_location;  // user document: "Internal" or "External" when given
    std::string error;            // for Invalid: why, in one line

    // The href of the first link whose token equals token, ignoring case; empty when none.
    std::string link(std::string_view token) const;
};

const char* to_string(AutodiscoverDocument::Kind kind);
const char* to_string(AutodiscoverDocument::Format format);

// Parses a response body. content_type picks the parser when it says JSON or XML; otherwise the
// body's first non-blank character decides ('{' JSON, '<' XML).
AutodiscoverDocument parse_autodiscover(std::string_view body, std::string_view content_type);

// The host of an absolute http(s) URL, lower-cased ("" when it is not one): the web services FQDN
// learned from a link.
std::string url_host(std::string_view url);
// The port of an absolute http(s) URL: the one written, else the scheme's (443, 80); 0 when it is not
// such a URL or the port written is not one.
std::uint16_t url_port(std::string_view url);

}  // namespace mobcheck
