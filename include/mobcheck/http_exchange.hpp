// One HTTP(S) request and what came back: evidence of the Autodiscover walk. Redirects are not
// followed here; each hop is its own exchange, so the walk can record and judge every one.
#pragma once

#include <string>
#include <utility>
#include <vector>

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
    bool operator==(const HttpExchange&) const = default;
};

}  // namespace mobcheck
