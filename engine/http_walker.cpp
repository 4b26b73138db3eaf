#include "http_walker.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "model/autodiscover.hpp"
#include "model/names.hpp"

namespace mobcheck {

namespace {

struct Walk {
    ProbeContext& ctx;
    WalkRequest request;
    std::function<void(HttpWalk)> done;
    HttpWalk result;

    void finish(HttpWalkEnd end, std::string detail = {}) {
        result.end = end;
        result.detail = std::move(detail);
        auto callback = std::move(done);
        if (callback) callback(std::move(result));
        ctx.in_flight.end();
    }
};

std::string scheme_of(const std::string& url) {
    const auto colon = url.find(':');
    if (colon == std::string::npos) return "";
    std::string s = url.substr(0, colon);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The port a URL reaches (its scheme's default when it names none); 0 when it is not a URL.
long port_of(const std::string& url) {
    CURLU* u = curl_url();
    long port = 0;
    char* text = nullptr;
    if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_PORT, &text, CURLU_DEFAULT_PORT) == CURLUE_OK && text != nullptr) {
        port = std::strtol(text, nullptr, 10);
    }
    curl_free(text);
    curl_url_cleanup(u);
    return port;
}

long default_port(const std::string& scheme) { return scheme == "https" ? 443 : 80; }

bool is_redirect(long status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

void step(const std::shared_ptr<Walk>& walk, const std::string& url);
void fetch(const std::shared_ptr<Walk>& walk, const std::string& url, const std::string& host, const NameResolution& r);
void answered(const std::shared_ptr<Walk>& walk, const std::string& url, HttpExchange x);

// What to request next after a response, or "" to stop here (the walk's end is then already set).
void after_response(const std::shared_ptr<Walk>& walk, const std::string& url, const HttpExchange& x) {
    Walk& w = *walk;
    std::string next;
    bool document_redirect = false;
    if (!w.request.follow) return w.finish(HttpWalkEnd::Response);
    if (is_redirect(x.status)) {
        const std::string location = x.header("Location");
        if (location.empty()) return w.finish(HttpWalkEnd::Response, "a redirect without a Location header");
        next = resolve_location(url, location);
        if (next.empty()) return w.finish(HttpWalkEnd::RedirectBadScheme, "a redirect to \"" + location + "\", not a URL");
    } else if (x.status == 200) {
        // An Autodiscover root may send the client to another pool or to Office 365 instead.
        const AutodiscoverDocument doc = parse_autodiscover(x.body, x.header("Content-Type"));
        if (doc.kind != AutodiscoverDocument::Kind::Redirect) return w.finish(HttpWalkEnd::Response);
        next = doc.link("redirect");
        document_redirect = true;
    } else {
        return w.finish(HttpWalkEnd::Response);
    }
    const std::string scheme = scheme_of(next);
    if (scheme != "http" && scheme != "https") {
        return w.finish(HttpWalkEnd::RedirectBadScheme, "a redirect to " + next + ": mobile clients follow only http(s)");
    }
    for (const auto& hop : w.result.hops) {
        if (hop.url == next) return w.finish(HttpWalkEnd::RedirectLoop, "a redirect back to " + next + ", already requested");
    }
    if (w.result.hops.size() >= kMaxWalkHops) {
        return w.finish(HttpWalkEnd::TooManyRedirects,
                        "still redirected after " + std::to_string(kMaxWalkHops) + " requests (next: " + next + ")");
    }
    // An HTTP redirect to a port other than the one asked and other than its scheme's own (https://...:4443/,
    // the Front End's port leaking through a proxy that does not translate links) is a failed hop: the
    // reverse proxy publishes Autodiscover on 443 and 80 only, a phone on the Internet reaches nothing
    // else (mobcheck, inside, might), and another port is another service, as browsers count origins.
    // http → https on 443 (and back to 80) stays a hop the walk follows.
    const long next_port = port_of(next);
    if (!document_redirect && next_port != port_of(url) && next_port != default_port(scheme)) {
        return w.finish(HttpWalkEnd::RedirectOtherPort,
                        "a redirect to " + next + ", another port (" + std::to_string(next_port) + ") of " +
                            url_host(next) + ": mobile clients reach Autodiscover on 443 and 80 only and treat it "
                            "as a failed hop");
    }
    // An HTTP redirect to another domain is a failed hop for a mobile client (SPEC §4); an Autodiscover
    // Redirect document is how a root sends clients to another pool or Office 365, which they follow.
    const std::string host = url_host(next);
    if (!document_redirect && host != url_host(url) && !is_in_domain(host, w.request.sip_domain)) {
        return w.finish(HttpWalkEnd::RedirectOtherDomain,
                        "a redirect to " + next + ", outside " +
                            (w.request.sip_domain.empty() ? url_host(url) : w.request.sip_domain) +
                            ": mobile clients treat it as a failed hop");
    }
    step(walk, next);
}

void step(const std::shared_ptr<Walk>& walk, const std::string& url) {
    Walk& w = *walk;
    const std::string host = url_host(url);
    if (!w.request.credential_host.empty() && (scheme_of(url) != "https" || host != w.request.credential_host)) {
        return w.finish(HttpWalkEnd::NotSent, "credentials are sent only over HTTPS to " + w.request.credential_host +
                                                  ", not to " + url);
    }
    if (w.ctx.deadline_passed) return w.finish(HttpWalkEnd::Failed, "not sent: the run's deadline passed");
    if (host.empty()) return w.finish(HttpWalkEnd::RedirectBadScheme, "\"" + url + "\" is not an http(s) URL");
    w.ctx.names.resolve(w.request.view, host, [walk, url, host](const NameResolution& r) { fetch(walk, url, host, r); });
}

void fetch(const std::shared_ptr<Walk>& walk, const std::string& url, const std::string& host, const NameResolution& r) {
    Walk& w = *walk;
    if (!r.resolves()) {
        return w.finish(HttpWalkEnd::Unresolved,
                        host + " gives no address in the " + to_string(w.request.view) + " view: " + r.describe());
    }
    HttpRequest req;
    req.url = url;
    req.address = r.addresses.front();
    req.headers = w.request.headers;
    req.timeout = w.ctx.plan.timeout;
    req.max_body = kMaxBodyBytes;
    req.ca_file = w.ctx.plan.ca_file.value_or("");
    req.post_body = w.request.post_body;
    req.fresh_connection = w.request.fresh_connection;
    w.ctx.http.fetch(std::move(req), [walk, url](HttpExchange x) { answered(walk, url, std::move(x)); });
}

void answered(const std::shared_ptr<Walk>& walk, const std::string& url, HttpExchange x) {
    Walk& w = *walk;
    w.result.hops.push_back(std::move(x));
    const HttpExchange& last = w.result.hops.back();
    if (!last.answered()) {
        return w.finish(HttpWalkEnd::Failed, last.url + ": " + (last.error.empty() ? last.failure : last.error));
    }
    after_response(walk, url, last);
}

}  // namespace

std::string resolve_location(const std::string& base, const std::string& location) {
    CURLU* u = curl_url();
    std::string out;
    if (curl_url_set(u, CURLUPART_URL, base.c_str(), 0) == CURLUE_OK &&
        curl_url_set(u, CURLUPART_URL, location.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
        char* full = nullptr;
        if (curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK && full != nullptr) out = full;
        curl_free(full);
    }
    curl_url_cleanup(u);
    return out;
}

void walk_http(ProbeContext& ctx, WalkRequest request, std::function<void(HttpWalk)> done) {
    auto walk = std::make_shared<Walk>(Walk{ctx, std::move(request), std::move(done), {}});
    walk->result.purpose = walk->request.purpose;
    walk->result.sip_domain = walk->request.sip_domain;
    walk->result.via = walk->request.via;
    walk->result.view = walk->request.view;
    walk->result.start_url = walk->request.url;
    ctx.in_flight.begin();
    step(walk, walk->request.url);
}

void record_walk(ProbeContext& ctx, WalkRequest request) {
    walk_http(ctx, std::move(request), [&ctx](HttpWalk w) { ctx.evidence.http.push_back(std::move(w)); });
}

}  // namespace mobcheck
