// HTTP evidence of the Autodiscover walk: one request and what came back (HttpExchange), the
// requests that follow each other through redirects (HttpWalk), and the web services names the
// run learned from the answers when they were not given.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/plan.hpp"
#include "model/probe_purpose.hpp"

namespace mobcheck {

struct HttpExchange {
    std::string url;      // as requested
    std::string address;  // the address it was pinned to (the resolved one, in the proper view)
    long status = 0;      // 0: no HTTP response came back
    std::vector<std::pair<std::string, std::string>> headers;  // as sent, in order, of the final response
    std::string body;     // at most the body cap
    bool body_truncated = false;  // the body was larger than the cap (the rest was not read)
    std::string failure;  // "", "timeout", "connect", "tls", "tls-verify", "too-large", "headers-too-large", "protocol", "error"
    std::string error;    // the transport's own message, when failure is set
    std::string tls_version;  // "TLSv1.3", ... for https
    double elapsed_ms = 0;

    // The first header named name (case-insensitive), or "".
    std::string header(std::string_view name) const;
    // Every header named name, in order (WWW-Authenticate comes once per challenge).
    std::vector<std::string> headers_named(std::string_view name) const;
    // A complete HTTP response came back (whatever its status).
    bool answered() const { return status > 0 && failure.empty(); }
    bool operator==(const HttpExchange&) const = default;
};

// How a walk ended.
enum class HttpWalkEnd {
    Response,             // the last request got a complete response, not followed further
    Failed,               // the last request got no complete response: see its failure
    Unresolved,           // a host of the walk has no address in the walk's DNS view
    RedirectLoop,         // a redirect came back to a URL already requested
    RedirectOtherDomain,  // a redirect left the SIP domain (a failed hop for a mobile client)
    RedirectOtherPort,    // a redirect to a port neither the one asked nor its scheme's own (https://x:4443/)
    RedirectBadScheme,    // a redirect to something other than http(s) (file://, ftp://, ...)
    TooManyRedirects,     // more hops than a client follows
    NotSent,              // mobcheck refused to send the request (credentials over HTTP or to another host)
};

const char* to_string(HttpWalkEnd end);
std::optional<HttpWalkEnd> http_walk_end_from_string(std::string_view text);

// Requests that follow each other: the discovery of lyncdiscover.<sip> through its redirects, or one
// request with no follow-up (the user link, /ucwa/, a hairpin connection).
struct HttpWalk {
    RecordedPurpose purpose;  // LyncdiscoverInternal, Lyncdiscover, LyncdiscoverPort80, UserChallenge, Token,
                              // UserDocument, Hairpin, Ucwa, Mcx, Affinity
    std::string sip_domain;   // the SIP domain it is about; "" for the web services' own probes
    RecordedPurpose via;      // the walk whose document gave this URL (Lyncdiscover, ...), or None
    DnsView view = DnsView::External;  // where every host of the walk was resolved
    std::string start_url;
    std::vector<HttpExchange> hops;  // every request, in order
    HttpWalkEnd end = HttpWalkEnd::Failed;
    std::string detail;  // one human line on how it ended, when not a plain response

    const HttpExchange* last() const { return hops.empty() ? nullptr : &hops.back(); }
    bool operator==(const HttpWalk&) const = default;
};

// A web services FQDN learned during the run, and from what.
struct LearnedName {
    std::string name;
    std::string source;  // "the links of https://lyncdiscover.contoso.com/", "the CNAME target of ..."
    bool operator==(const LearnedName&) const = default;
};

struct LearnedWebNames {
    std::optional<LearnedName> internal_web;
    std::optional<LearnedName> external_web;
    bool operator==(const LearnedWebNames&) const = default;
};

}  // namespace mobcheck
