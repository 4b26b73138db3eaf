#include "tls_prober.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <cstring>
#include <ctime>

#include "model/utc_time.hpp"
#include "sockets.hpp"

namespace mobcheck {

struct TlsProber::Handshake {
    Target target;
    Done done;
    int fd = -1;
    SSL* ssl = nullptr;
    EventLoop::TimerId timer = 0;
    Clock::time_point started;
    double connect_ms = 0;
    TlsProbe result;
    std::list<std::unique_ptr<Handshake>>::iterator self;  // in running_
};

namespace {

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string pem_of(X509* cert) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) return "";
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

// OpenSSL's reason for the first error in its queue ("tlsv1 alert protocol version").
std::string openssl_reason() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return "";
    const char* reason = ERR_reason_error_string(code);
    return reason != nullptr ? reason : "error " + std::to_string(code);
}

// Why a handshake failed, from OpenSSL's whole error queue. A certificate that is not DER at all
// (garbage where the Certificate message should be) leaves ASN.1 decoding errors under the TLS one:
// that is said in words, with the decoder's reasons, rather than as "too long".
std::string handshake_failure() {
    std::string asn1, first;
    while (const unsigned long code = ERR_get_error()) {
        const char* reason = ERR_reason_error_string(code);
        const std::string text = reason != nullptr ? reason : "error " + std::to_string(code);
        if (first.empty()) first = text;
        if (ERR_GET_LIB(code) == ERR_LIB_ASN1) asn1 += (asn1.empty() ? "" : ", ") + text;
    }
    if (!asn1.empty()) return "the certificate the server sent is not DER that can be decoded (ASN.1: " + asn1 + ")";
    return first;
}

TlsOutcome outcome_of_connect(PortState state) {
    return state == PortState::Error ? TlsOutcome::Error : TlsOutcome::NoConnect;
}

}  // namespace

TlsProber::TlsProber(EventLoop& loop, InFlight& in_flight, TcpConnector& tcp, const TrustStore& trust,
                     std::chrono::milliseconds timeout)
    : loop_(loop), in_flight_(in_flight), tcp_(tcp), trust_(trust), timeout_(timeout),
      ctx_(SSL_CTX_new(TLS_client_method()), &SSL_CTX_free) {
    if (!ctx_) throw std::runtime_error("cannot create a TLS context: " + openssl_reason());
    // mobcheck observes what a server offers and the checks judge it: it must be able to complete a
    // handshake with a TLS 1.0 server or an RSA 1024 certificate to report them (tls.protocol,
    // tls.signature), so this client accepts everything OpenSSL can still speak. It sends nothing
    // secret over these connections.
    SSL_CTX_set_security_level(ctx_.get(), 0);
    SSL_CTX_set_min_proto_version(ctx_.get(), TLS1_VERSION);
    SSL_CTX_set_cipher_list(ctx_.get(), "ALL:@SECLEVEL=0");
    // No verification during the handshake, on purpose: a client that verified would abort on an
    // untrusted or expired chain and have nothing to report. The chain is kept whatever is wrong with
    // it, TrustStore::verify checks it afterwards into TlsProbe::verification, and tls.chain passes
    // only when that verification succeeded. Nothing else is ever sent over these connections: every
    // request that carries data goes through HttpClient, which always verifies the peer and the name.
    SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_NONE, nullptr);
    // Hundreds of handshakes are in flight at once: their buffers go as soon as each is idle.
    SSL_CTX_set_mode(ctx_.get(), SSL_MODE_RELEASE_BUFFERS);
    ERR_clear_error();
}

TlsProber::~TlsProber() {
    cancel_all("the run ended");
}

void TlsProber::probe(Target target, Done done) {
    in_flight_.begin();
    tcp_.connect(target.address, target.port, true,
                 [this, target, done = std::move(done)](TcpOutcome o) mutable {
                     if (o.state != PortState::Open || o.fd < 0) {
                         TlsProbe p;
                         p.purpose = target.purpose;
                         p.name = target.name;
                         p.view = target.view;
                         p.address = target.address;
                         p.port = target.port;
                         p.outcome = outcome_of_connect(o.state);
                         p.tcp_state = o.state;
                         p.probed_at = format_utc(std::time(nullptr));
                         p.connect_ms = o.latency_ms;
                         p.detail = "TCP connect " + std::string(to_string(o.state)) + ": " + o.detail;
                         if (o.fd >= 0) sockets::close(o.fd);
                         done(std::move(p));
                         in_flight_.end();
                         return;
                     }
                     auto owned = std::make_unique<Handshake>();
                     Handshake& h = *owned;
                     h.self = running_.insert(running_.end(), std::move(owned));
                     h.target = std::move(target);
                     h.done = std::move(done);
                     h.fd = o.fd;
                     h.connect_ms = o.latency_ms;
                     h.started = Clock::now();
                     h.ssl = SSL_new(ctx_.get());
                     if (h.ssl == nullptr || SSL_set_fd(h.ssl, h.fd) != 1 ||
                         SSL_set_tlsext_host_name(h.ssl, h.target.name.c_str()) != 1 ||
                         (h.target.tls12_only && SSL_set_max_proto_version(h.ssl, TLS1_2_VERSION) != 1) ||
                         (!h.target.cipher_list.empty() && SSL_set_cipher_list(h.ssl, h.target.cipher_list.c_str()) != 1)) {
                         return finish(h, TlsOutcome::Error, "cannot set up the TLS connection: " + openssl_reason());
                     }
                     SSL_set_connect_state(h.ssl);
                     h.timer = loop_.add_timer(h.started + timeout_, [this, &h] {
                         h.timer = 0;
                         finish(h, TlsOutcome::Timeout,
                                "connected, but no TLS handshake within " + std::to_string(timeout_.count()) +
                                    " ms: the port does not speak TLS, or the server is stuck");
                     });
                     step(h);
                 });
}

void TlsProber::step(Handshake& h) {
    ERR_clear_error();
    sockets::clear_error();
    const int rc = SSL_do_handshake(h.ssl);
    if (rc == 1) {
        TlsProbe& p = h.result;
        p.protocol = SSL_get_version(h.ssl);
        p.cipher = SSL_get_cipher_name(h.ssl);
        // The client side's peer chain holds the leaf first, then whatever else the server sent.
        STACK_OF(X509)* chain = SSL_get_peer_cert_chain(h.ssl);
        for (int i = 0; chain != nullptr && i < sk_X509_num(chain); ++i) p.chain.push_back(pem_of(sk_X509_value(chain, i)));
        p.verification = verify(p.chain, chain);
        return finish(h, TlsOutcome::Handshake,
                      "handshake completed: " + p.protocol + ", " + p.cipher + ", " + std::to_string(p.chain.size()) +
                          " certificate(s) served");
    }
    const int error = SSL_get_error(h.ssl, rc);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
        loop_.watch(h.fd, error == SSL_ERROR_WANT_READ ? EventLoop::Readable : EventLoop::Writable,
                    [this, &h](int, unsigned) { step(h); });
        return;
    }
    std::string why;
    if (error == SSL_ERROR_SSL) {
        why = handshake_failure();
    } else if (error == SSL_ERROR_SYSCALL) {
        const int saved = sockets::last_error();
        why = openssl_reason();
        if (why.empty()) {
            why = saved != 0 ? sockets::describe(saved) : "the server closed the connection during the handshake";
        }
    } else if (error == SSL_ERROR_ZERO_RETURN) {
        why = "the server closed the connection during the handshake";
    } else {
        why = "OpenSSL error " + std::to_string(error) + " " + openssl_reason();
    }
    finish(h, TlsOutcome::Failed, "handshake failed: " + why);
}

// A hosting provider's 500 SIP domains are served a handful of certificates: each distinct chain is
// verified once (X509_verify_cert was an eighth of such a run's CPU). The verdict depends on nothing
// but the chain and the trust store.
const TlsVerification& TlsProber::verify(const PemChain& pems, STACK_OF(X509) * chain) {
    std::string key;
    for (const auto& pem : pems) key += pem.str();
    auto it = verified_.find(key);
    if (it == verified_.end()) it = verified_.emplace(std::move(key), trust_.verify(chain)).first;
    return it->second;
}

void TlsProber::finish(Handshake& h, TlsOutcome outcome, std::string detail) {
    if (h.timer != 0) loop_.cancel_timer(h.timer);
    TlsProbe p = std::move(h.result);
    p.purpose = h.target.purpose;
    p.name = h.target.name;
    p.view = h.target.view;
    p.address = h.target.address;
    p.port = h.target.port;
    p.outcome = outcome;
    p.tcp_state = PortState::Open;
    p.probed_at = format_utc(std::time(nullptr));
    p.connect_ms = h.connect_ms;
    p.handshake_ms = ms_since(h.started);
    p.detail = std::move(detail);
    if (h.fd >= 0) {
        loop_.unwatch(h.fd);
        if (h.ssl != nullptr && outcome == TlsOutcome::Handshake) {
            SSL_shutdown(h.ssl);  // one close_notify, not waited for
        }
        sockets::close(h.fd);
    }
    if (h.ssl != nullptr) SSL_free(h.ssl);
    ERR_clear_error();
    Done done = std::move(h.done);
    running_.erase(h.self);  // h is gone now
    done(std::move(p));
    in_flight_.end();
}

void TlsProber::cancel_all(const std::string& reason) {
    while (!running_.empty()) {
        finish(*running_.front(), TlsOutcome::Error, "no TLS handshake before " + reason);
    }
}

}  // namespace mobcheck
