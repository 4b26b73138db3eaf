#include "http_client.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "model/file_path.hpp"
#include "trust_store.hpp"

namespace mobcheck {

namespace {

void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("cannot initialise libcurl");
    });
}

// "host:port" of a URL, "" when it is not one.
std::string host_port(const std::string& url) {
    CURLU* u = curl_url();
    std::string out;
    if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
        char* host = nullptr;
        char* port = nullptr;
        curl_url_get(u, CURLUPART_HOST, &host, 0);
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
        if (host != nullptr && port != nullptr) out = std::string(host) + ":" + port;
        curl_free(host);
        curl_free(port);
    }
    curl_url_cleanup(u);
    return out;
}

// "host:port:address:port" for CURLOPT_CONNECT_TO; an IPv6 address goes in brackets. Unlike
// CURLOPT_RESOLVE, which fills the one DNS cache of the multi handle (the internal and the external
// address of one name would overwrite each other), curl only reuses a connection for a request that
// names the same connect-to address.
std::string connect_to_entry(const std::string& host_and_port, const std::string& address) {
    const bool v6 = address.find(':') != std::string::npos;
    const std::string port = host_and_port.substr(host_and_port.rfind(':') + 1);
    return host_and_port + ":" + (v6 ? "[" + address + "]" : address) + ":" + port;
}

}  // namespace

struct HttpClient::Transfer {
    HttpClient* owner = nullptr;
    HttpRequest request;
    Done done;
    CURL* easy = nullptr;
    curl_slist* connect_to = nullptr;
    curl_slist* headers = nullptr;
    HttpExchange exchange;
    std::string host;      // "host:port", what the per-host cap counts
    bool running = false;  // handed to curl
    bool queued = false;   // in queue_
    std::list<std::unique_ptr<Transfer>>::iterator self;  // in transfers_
    std::size_t header_bytes = 0;
    bool headers_too_large = false;
    bool cancelled = false;  // ended by cancel_all, not by curl
    // When the response's bytes came, to tell a server that stopped (stalled) from one that kept
    // sending too slowly to finish (trickled) when the transfer's time runs out.
    std::optional<Clock::time_point> first_data, last_data;
    std::size_t pieces = 0;
    char error[CURL_ERROR_SIZE] = {};

    void received() {
        last_data = Clock::now();
        if (!first_data) first_data = last_data;
        ++pieces;
    }

    // The words for a transfer whose time ran out after some of the response came.
    std::string describe_timeout() const {
        const auto ms = [](Clock::duration d) {
            return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()) + " ms";
        };
        const auto now = Clock::now();
        const auto allowed = request.timeout;
        const std::string what = std::to_string(exchange.body.size()) + " bytes of body" +
                                 (exchange.headers.empty() ? "" : " after the headers");
        // Still arriving at the end, spread over a good part of the time: a slowloris-like trickle that
        // a client without a whole-transfer timeout would wait on for ever.
        if (pieces >= 3 && *last_data - *first_data >= allowed / 3 && now - *last_data < allowed / 2) {
            return "trickled: " + what + " in " + std::to_string(pieces) + " pieces over " + ms(*last_data - *first_data) +
                   ", still coming when the " + ms(allowed) + " allowed ran out: too slow to ever finish (" + error + ")";
        }
        return "stalled: " + what + ", then nothing for " + ms(now - *last_data) + " until the " + ms(allowed) +
               " allowed ran out (" + error + ")";
    }

    ~Transfer() {
        if (easy != nullptr) curl_easy_cleanup(easy);
        curl_slist_free_all(connect_to);
        curl_slist_free_all(headers);
    }

    static size_t on_body(char* data, size_t size, size_t count, void* self) {
        auto* t = static_cast<Transfer*>(self);
        const std::size_t n = size * count;
        t->received();
        const std::size_t room = t->request.max_body - t->exchange.body.size();
        t->exchange.body.append(data, std::min(n, room));
        if (n > room) {
            t->exchange.body_truncated = true;
            return 0;  // stop reading: a huge body must not cost memory or time
        }
        return n;
    }

    static size_t on_header(char* data, size_t size, size_t count, void* self) {
        auto* t = static_cast<Transfer*>(self);
        const std::size_t n = size * count;
        t->received();
        t->header_bytes += n;
        if (t->header_bytes > t->request.max_header_bytes) {
            t->headers_too_large = true;
            return 0;
        }
        std::string line(data, n);
        while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
        if (line.rfind("HTTP/", 0) == 0) {
            t->note_tls_version();
            t->exchange.headers.clear();  // a new response (after 100 Continue): keep the last one only
        } else if (const auto colon = line.find(':'); colon != std::string::npos) {
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(" \t"));
            t->exchange.headers.emplace_back(line.substr(0, colon), value);
        }
        return n;
    }

    // The protocol of the connection the answer comes on (a reused one too), from curl's own TLS
    // session: only while the transfer holds its connection, so at the first status line.
    void note_tls_version() {
        curl_tlssessioninfo* session = nullptr;
        if (exchange.tls_version.empty() && curl_easy_getinfo(easy, CURLINFO_TLS_SSL_PTR, &session) == CURLE_OK &&
            session != nullptr && session->backend == CURLSSLBACKEND_OPENSSL && session->internals != nullptr) {
            exchange.tls_version = SSL_get_version(static_cast<SSL*>(session->internals));
        }
    }

    // Verifies with the run's store (the system's anchors, plus --ca-file's), built once.
    static CURLcode on_ssl_context(CURL*, void* ssl_ctx, void* self) {
        auto* t = static_cast<Transfer*>(self);
        auto* ctx = static_cast<SSL_CTX*>(ssl_ctx);
        X509_STORE* store = t->owner->store_with(t->request.ca_file);
        if (store == nullptr) return CURLE_SSL_CACERT_BADFILE;
        SSL_CTX_set1_cert_store(ctx, store);
        // What curl sets on the stores it builds itself, here on this context alone: the store may be
        // the TLS probes' too (prepare_trust).
        X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(ctx), X509_V_FLAG_TRUSTED_FIRST | X509_V_FLAG_PARTIAL_CHAIN);
        // A kept-alive connection waiting for its next request holds no buffers (hundreds are open at once).
        SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
        return CURLE_OK;
    }
};

HttpClient::HttpClient(EventLoop& loop, InFlight& in_flight, std::size_t max_connections, std::size_t max_per_host)
    : loop_(loop), in_flight_(in_flight), max_per_host_(max_per_host), queue_(max_connections, max_per_host) {
    init_curl_once();
    multi_ = curl_multi_init();
    if (multi_ == nullptr) throw std::runtime_error("cannot create a libcurl multi handle");
    // A second connection to a name and address resumes the first one's TLS session (an abbreviated
    // handshake, no certificate sent again): the user links of hundreds of SIP domains on one pool, the
    // affinity check's fresh connections. curl keys its sessions by name, pinned address, port and
    // trust, so a session never crosses VIP members or --ca-file. One thread: no lock.
    share_ = curl_share_init();
    if (share_ == nullptr) throw std::runtime_error("cannot create a libcurl share handle");
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &HttpClient::on_socket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &HttpClient::on_timer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(max_connections));
    // Idle connections kept for reuse hold descriptors too: no more of them than the cap.
    if (max_connections > 0) curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(max_connections));
    // No CURLMOPT_MAX_HOST_CONNECTIONS: the queue of start_waiting keeps max_per_host per host name. curl
    // would count by the CONNECT_TO address instead (its connection bundles are keyed by it), so the 500
    // lyncdiscover names of one reverse proxy would share 8 connections with its web services FQDN and
    // close its kept-alive ones to make room.
}

HttpClient::~HttpClient() {
    cancel_all("the run ended");
    if (timer_ != 0) loop_.cancel_timer(timer_);
    curl_multi_cleanup(multi_);
    curl_share_cleanup(share_);  // after every handle that used it
}

X509_STORE* HttpClient::store_with(const std::string& ca_file) {
    auto it = stores_.find(ca_file);
    if (it == stores_.end()) {
        std::ostringstream text;
        if (!ca_file.empty()) {
            std::ifstream in(file_path(ca_file), std::ios::binary);
            if (in) text << in.rdbuf();
        }
        const auto certs = read_pem_certificates(text.str());
        Store store(!ca_file.empty() && certs.empty() ? nullptr : X509_STORE_new(), &X509_STORE_free);
        if (store) {
            add_system_anchors(store.get());
            for (const auto& cert : certs) X509_STORE_add_cert(store.get(), cert.get());
        }
        ERR_clear_error();
        it = stores_.emplace(ca_file, std::move(store)).first;
    }
    return it->second.get();
}

void HttpClient::fetch(HttpRequest request, Done done) {
    auto owned = std::make_unique<Transfer>();
    Transfer& t = *owned;
    t.owner = this;
    t.request = std::move(request);
    t.done = std::move(done);
    t.exchange.url = t.request.url;
    t.exchange.address = t.request.address;
    in_flight_.begin();
    t.self = transfers_.insert(transfers_.end(), std::move(owned));
    t.host = host_port(t.request.url);
    if (t.host.empty()) return finish(t, CURLE_URL_MALFORMAT);
    // The curl handle is made when the request is let through (start_waiting): a handle holds its
    // buffers, and at 500 SIP domains on one pool a thousand requests wait their turn.
    queue_.push_back(&t, t.host);
    t.queued = true;
    start_waiting();
}

bool HttpClient::prepare_handle(Transfer& t) {
    t.easy = curl_easy_init();
    if (t.easy == nullptr) return false;
    t.connect_to = curl_slist_append(nullptr, connect_to_entry(t.host, t.request.address).c_str());
    for (const auto& h : t.request.headers) t.headers = curl_slist_append(t.headers, h.c_str());

    CURL* e = t.easy;
    curl_easy_setopt(e, CURLOPT_URL, t.request.url.c_str());
    curl_easy_setopt(e, CURLOPT_CONNECT_TO, t.connect_to);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);  // every hop is evidence: the walk follows them
    curl_easy_setopt(e, CURLOPT_PROXY, "");           // straight to the pinned address, whatever the environment says
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(t.request.timeout.count()));
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(t.request.timeout.count()));
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    // Debian's libcurl would parse its whole CA bundle (and list its CA directory) for every
    // connection: most of a 500-domain run's CPU, and tens of milliseconds of a stalled loop at the
    // first one. It loads nothing itself here; every connection verifies with the store built once
    // (store_with). A request with --ca-file names that file to curl all the same, so that curl
    // never reuses a connection or a TLS session across different trust.
    curl_easy_setopt(e, CURLOPT_CAPATH, nullptr);
    curl_easy_setopt(e, CURLOPT_CAINFO, t.request.ca_file.empty() ? nullptr : t.request.ca_file.c_str());
    curl_easy_setopt(e, CURLOPT_SSL_CTX_FUNCTION, &Transfer::on_ssl_context);
    curl_easy_setopt(e, CURLOPT_SSL_CTX_DATA, &t);
    curl_easy_setopt(e, CURLOPT_SHARE, share_);
    // To a host known to answer over HTTP/2 (ALPN), a request waits for a connection already being
    // made to it and shares it, rather than opening one of its own. Not before: to a host that turns
    // out to speak HTTP/1.1 it would wait for nothing, a round trip or two on a run's longest chain.
    if (multiplexing_.count(t.host) != 0) curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.error);
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "mobcheck/" MOBCHECK_VERSION);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, nullptr);  // bodies as sent: no decompression bombs
    if (!t.request.post_body.empty()) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(t.request.post_body.size()));
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, t.request.post_body.c_str());
    }
    if (t.request.fresh_connection) {
        curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
    }
    return true;
}


void HttpClient::start_waiting() {
    // curl would queue a request over its caps itself, but its timeout runs from the moment it is
    // added: at 500 SIP domains on one pool, requests timed out before they were ever sent.
    std::vector<Transfer*> failed;
    while (const auto next = queue_.admit()) {
        Transfer* t = *next;
        t->queued = false;
        t->running = true;
        if (!prepare_handle(*t) || curl_multi_add_handle(multi_, t->easy) != CURLM_OK) failed.push_back(t);
    }
    for (Transfer* t : failed) finish(*t, t->easy == nullptr ? CURLE_OUT_OF_MEMORY : CURLE_FAILED_INIT);
}

int HttpClient::on_socket(CURL*, curl_socket_t socket, int what, void* client, void*) {
    auto* self = static_cast<HttpClient*>(client);
    const int fd = static_cast<int>(socket);  // the loop's sockets are ints (engine/sockets.hpp)
    if (what == CURL_POLL_REMOVE) {
        self->loop_.unwatch(fd);
        return 0;
    }
    unsigned interest = 0;
    if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) interest |= EventLoop::Readable;
    if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT) interest |= EventLoop::Writable;
    self->loop_.watch(fd, interest, [self](int ready_fd, unsigned ready) {
        int events = 0;
        if (ready & EventLoop::Readable) events |= CURL_CSELECT_IN;
        if (ready & EventLoop::Writable) events |= CURL_CSELECT_OUT;
        self->act(static_cast<curl_socket_t>(ready_fd), events);
    });
    return 0;
}

int HttpClient::on_timer(CURLM*, long timeout_ms, void* client) {
    auto* self = static_cast<HttpClient*>(client);
    if (self->timer_ != 0) {
        self->loop_.cancel_timer(self->timer_);
        self->timer_ = 0;
    }
    if (timeout_ms >= 0) {
        self->timer_ = self->loop_.add_timer(Clock::now() + std::chrono::milliseconds(timeout_ms), [self] {
            self->timer_ = 0;
            self->act(CURL_SOCKET_TIMEOUT, 0);
        });
    }
    return 0;
}

void HttpClient::act(curl_socket_t fd, int events) {
    int running = 0;
    curl_multi_socket_action(multi_, fd, events, &running);
    collect_finished();
}

void HttpClient::collect_finished() {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        Transfer* t = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
        const CURLcode code = msg->data.result;
        if (t != nullptr) finish(*t, code);
    }
}

void HttpClient::finish(Transfer& t, CURLcode code) {
    HttpExchange& x = t.exchange;
    std::string wrong_peer;  // set when the answer came from another address than the pinned one
    if (t.running) {
        curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &x.status);
        double seconds = 0;
        curl_easy_getinfo(t.easy, CURLINFO_TOTAL_TIME, &seconds);
        x.elapsed_ms = seconds * 1000;
        // The answer must come from the pinned address, or it says nothing about that address.
        char* peer = nullptr;
        if (code == CURLE_OK && curl_easy_getinfo(t.easy, CURLINFO_PRIMARY_IP, &peer) == CURLE_OK && peer != nullptr &&
            *peer != '\0' && t.request.address != peer) {
            wrong_peer = peer;
        }
        // A host that answers over HTTP/2 multiplexes: more requests to it may be in flight at once,
        // on the connections its cap allows, instead of queueing 63 deep behind 8 of them.
        long version = 0;
        if (max_per_host_ != 0 && curl_easy_getinfo(t.easy, CURLINFO_HTTP_VERSION, &version) == CURLE_OK &&
            version == CURL_HTTP_VERSION_2_0 && multiplexing_.insert(t.host).second) {
            queue_.set_key_cap(t.host, max_per_host_ * kStreamsPerConnection);
        }
        curl_multi_remove_handle(multi_, t.easy);
        queue_.release(t.host);
    } else if (t.queued) {
        queue_.remove(&t);
    }
    if (code != CURLE_OK) {
        x.error = t.error[0] != '\0' ? t.error : curl_easy_strerror(code);
        switch (code) {
            case CURLE_OPERATION_TIMEDOUT:
                x.failure = "timeout";
                if (!t.cancelled && t.first_data) x.error = t.describe_timeout();
                break;
            case CURLE_COULDNT_CONNECT: x.failure = "connect"; break;
            case CURLE_PEER_FAILED_VERIFICATION: x.failure = "tls-verify"; break;
            case CURLE_SSL_CONNECT_ERROR:
            case CURLE_SSL_CERTPROBLEM:
            case CURLE_SSL_CIPHER:
            case CURLE_SSL_CACERT_BADFILE: x.failure = "tls"; break;
            case CURLE_WRITE_ERROR:
                x.failure = t.headers_too_large ? "headers-too-large" : x.body_truncated ? "too-large" : "error";
                if (t.headers_too_large) {
                    x.error = "headers over " + std::to_string(t.request.max_header_bytes / 1024) + " KiB: more than " +
                              std::to_string(t.request.max_header_bytes) +
                              " bytes of header lines without an end to them, so the transfer was stopped";
                }
                if (x.body_truncated) x.error = "body larger than " + std::to_string(t.request.max_body) + " bytes";
                break;
            case CURLE_WEIRD_SERVER_REPLY:
            case CURLE_RECV_ERROR:
            case CURLE_GOT_NOTHING:
            case CURLE_HTTP2:
            case CURLE_PARTIAL_FILE: x.failure = "protocol"; break;
            default: x.failure = "error"; break;
        }
    }
    if (!wrong_peer.empty()) {
        x.failure = "error";
        x.error = "the answer came from " + wrong_peer + ", not from the pinned address " + t.request.address;
    }
    Done done = std::move(t.done);
    HttpExchange result = std::move(x);
    const bool freed = t.running;
    transfers_.erase(t.self);  // t is gone now
    if (done) done(std::move(result));
    in_flight_.end();
    if (freed) start_waiting();
}

void HttpClient::cancel_all(const std::string& reason) {
    // None of the waiting ones is started while the running ones end.
    for (Transfer* t : queue_.take_waiting()) t->queued = false;
    while (!transfers_.empty()) {
        Transfer& t = *transfers_.front();
        std::snprintf(t.error, sizeof t.error, "no complete answer before %s", reason.c_str());
        t.cancelled = true;
        finish(t, CURLE_OPERATION_TIMEDOUT);
    }
}

}  // namespace mobcheck
