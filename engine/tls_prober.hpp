// Non-blocking TLS handshakes in the shared event loop: connect through the TcpConnector (its caps
// and connect timeout), then a handshake with SNI that has its own timeout, so a port that accepts
// TCP and never speaks TLS ends as a timeout, never a hang. The served chain is always kept:
// nothing is verified during the handshake; the chain is checked against the trust store after it.
#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "in_flight.hpp"
#include "engine/event_loop.hpp"
#include "model/evidence.hpp"
#include "tcp_connector.hpp"
#include "trust_store.hpp"

namespace mobcheck {

class TlsProber {
public:
    struct Target {
        ProbePurpose purpose = ProbePurpose::None;
        std::string name;  // SNI
        DnsView view = DnsView::External;
        std::string address;
        std::uint16_t port = 443;
        // A follow-up handshake's limits: TLS 1.2 at most, and OpenSSL's cipher list (empty: everything).
        bool tls12_only = false;
        std::string cipher_list = {};
    };
    using Done = std::function<void(TlsProbe)>;

    TlsProber(EventLoop& loop, InFlight& in_flight, TcpConnector& tcp, const TrustStore& trust,
              std::chrono::milliseconds timeout);
    ~TlsProber();
    TlsProber(const TlsProber&) = delete;
    TlsProber& operator=(const TlsProber&) = delete;

    // done is called exactly once, from the loop or from cancel_all().
    void probe(Target target, Done done);

    // Ends every handshake in progress with TlsOutcome::Error and reason (connects still waiting in
    // the TcpConnector end through its own cancel_all).
    void cancel_all(const std::string& reason);

private:
    struct Handshake;
    void step(Handshake& h);
    void finish(Handshake& h, TlsOutcome outcome, std::string detail);
    const TlsVerification& verify(const PemChain& pems, STACK_OF(X509) * chain);

    EventLoop& loop_;
    InFlight& in_flight_;
    TcpConnector& tcp_;
    const TrustStore& trust_;
    std::chrono::milliseconds timeout_;
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx_;
    std::list<std::unique_ptr<Handshake>> running_;
    std::unordered_map<std::string, TlsVerification> verified_;  // by the served chain's PEMs
};

}  // namespace mobcheck
