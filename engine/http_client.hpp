// HTTP(S) requests on libcurl's multi interface, driven by the run's EventLoop: curl tells us which
// sockets to watch and when to wake it; many transfers share the loop with DNS and TCP probes.
// Every request is pinned to an address mobcheck resolved itself (CURLOPT_CONNECT_TO): libcurl on
// Debian resolves on its own otherwise, in the wrong view. Host and SNI stay the name.
#pragma once

#include <curl/curl.h>
#include <openssl/x509.h>

#include <chrono>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "admission_queue.hpp"
#include "in_flight.hpp"
#include "engine/event_loop.hpp"
#include "model/http_exchange.hpp"
#include "model/x509_util.hpp"

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

    // max_connections, max_per_host: requests in flight at once, overall and to one host name and port
    // (0: no cap). A request waits its turn here, so that its timeout starts when it is sent. A host
    // that answered over HTTP/2 takes kStreamsPerConnection requests per connection of its cap, all
    // multiplexed on those connections.
    static constexpr std::size_t kStreamsPerConnection = 16;
    HttpClient(EventLoop& loop, InFlight& in_flight, std::size_t max_connections = 0, std::size_t max_per_host = 0);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // done is called exactly once, from the loop (or from cancel_all).
    void fetch(HttpRequest request, Done done);

    // Requests with this ca_file ("" for none) verify with store (the run's TrustStore, the system's
    // anchors plus that file's), rather than one built at the first connection in the middle of a run.
    void prepare_trust(const std::string& ca_file, X509_STORE* store) {
        X509_STORE_up_ref(store);
        stores_.insert_or_assign(ca_file, Store(store, &X509_STORE_free));
    }

    // Ends every transfer under way with failure "timeout" and reason.
    void cancel_all(const std::string& reason);

private:
    struct Transfer;
    using Store = std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)>;
    // The system's anchors plus a --ca-file's ("" for none), built once per run rather than once per
    // connection (nullptr when the file holds no certificate).
    X509_STORE* store_with(const std::string& ca_file);
    static int on_socket(CURL* easy, curl_socket_t fd, int what, void* client, void* socket_data);
    static int on_timer(CURLM* multi, long timeout_ms, void* client);
    void start_waiting();
    bool prepare_handle(Transfer& t);  // the request's curl handle and options; false when curl has no memory
    void act(curl_socket_t fd, int events);
    void collect_finished();
    void finish(Transfer& t, CURLcode code);

    EventLoop& loop_;
    InFlight& in_flight_;
    CURLM* multi_ = nullptr;
    CURLSH* share_ = nullptr;  // TLS sessions, resumed by the next connection to the same name and address
    std::size_t max_per_host_ = 0;
    std::set<std::string> multiplexing_;  // "host:port" that answered over HTTP/2
    EventLoop::TimerId timer_ = 0;
    std::list<std::unique_ptr<Transfer>> transfers_;  // waiting and running
    AdmissionQueue<Transfer*> queue_;                 // not handed to curl yet, by "host:port"
    std::map<std::string, Store> stores_;
};

}  // namespace mobcheck
