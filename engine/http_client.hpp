// HTTP(S) requests on libcurl's multi interface, driven by the run's EventLoop: curl tells us which
// sockets to watch and when to wake it; many transfers share the loop with DNS and TCP probes.
// Every request is pinned to an address mobcheck resolved itself (CURLOPT_RESOLVE): libcurl on
// Debian resolves on its own otherwise, in the wrong view. Host and SNI stay the name.
#pragma once

#include <curl/curl.h>
#include <openssl/x509.h>

#include <chrono>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "in_flight.hpp"
#include "mobcheck/event_loop.hpp"
#include "mobcheck/http_exchange.hpp"

namespace mobcheck {

struct HttpRequest {
    std::string url;                   // absolute http:// or https:// URL
    std::string address;               // numeric address to connect to
    std::vector<std::string> headers;  // "Accept: application/json", ...
    std::chrono::milliseconds timeout{3000};  // the whole transfer, connect included
    std::size_t max_body = 1024 * 1024;       // bytes kept; a larger body ends the transfer
    std::size_t max_header_bytes = 64 * 1024;  // all header lines together
    std::string ca_file;               // extra trust anchors, added to the system store
    std::string post_body;             // non-empty: a POST of this form body (the token request)
    bool fresh_connection = false;     // a new TCP connection, not reused afterwards (load balancer affinity)
};

class HttpClient {
public:
    using Done = std::function<void(HttpExchange)>;

    // max_connections, max_per_host: curl's own caps on connections open at once (0: no cap).
    HttpClient(EventLoop& loop, InFlight& in_flight, std::size_t max_connections = 0, std::size_t max_per_host = 0);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // done is called exactly once, from the loop (or from cancel_all).
    void fetch(HttpRequest request, Done done);

    // Ends every transfer under way with failure "timeout" and reason.
    void cancel_all(const std::string& reason);

private:
    struct Transfer;
    X509_STORE* trust_store(const std::string& ca_file);  // nullptr when ca_file cannot be read
    static int on_socket(CURL* easy, curl_socket_t fd, int what, void* client, void* socket_data);
    static int on_timer(CURLM* multi, long timeout_ms, void* client);
    void act(curl_socket_t fd, int events);
    void collect_finished();
    void finish(Transfer& t, CURLcode code);

    EventLoop& loop_;
    InFlight& in_flight_;
    CURLM* multi_ = nullptr;
    EventLoop::TimerId timer_ = 0;
    std::list<std::unique_ptr<Transfer>> transfers_;
    std::map<std::string, X509_STORE*> stores_;  // by --ca-file ("" for the system store alone)
};

}  // namespace mobcheck
