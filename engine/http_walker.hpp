// Walks an HTTP(S) URL the way a mobile client does: each host resolved in the walk's DNS view,
// each request pinned to that address, every redirect followed by us (never by libcurl) and
// recorded as its own hop. A redirect that leaves the SIP domain, goes to another port, loops, or
// leaves http(s) ends the walk as a failed hop; so does a walk longer than a client would follow.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "probe_context.hpp"
#include "walk_request.hpp"

namespace mobcheck {

// At most this many requests in one walk (the first one included).
constexpr std::size_t kMaxWalkHops = 6;
// Bytes of a response body kept: Autodiscover documents are a few kilobytes.
constexpr std::size_t kMaxBodyBytes = 64 * 1024;

// Starts the walk; done gets the finished walk (called exactly once, from the loop). The walk is
// not added to the evidence: the caller decides.
void walk_http(ProbeContext& ctx, WalkRequest request, std::function<void(HttpWalk)> done);

// Starts the walk, and adds it to the evidence when it is finished.
void record_walk(ProbeContext& ctx, WalkRequest request);

// The absolute URL a Location header (absolute or relative) names, seen from base; "" when it is
// not a URL at all.
std::string resolve_location(const std::string& base, const std::string& location);

}  // namespace mobcheck
