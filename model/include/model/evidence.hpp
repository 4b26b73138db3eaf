// Evidence: everything a run observed, as plain data. The engine fills it; the checks read only
// it; it serialises to JSON (--save-evidence) and back (--replay), so every check can be judged
// offline from a fixture.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/http_exchange.hpp"
#include "model/plan.hpp"
#include "model/probe_purpose.hpp"
#include "model/shared_pem.hpp"

namespace mobcheck {

// How a DNS lookup ended, after following CNAMEs hop by hop.
enum class DnsOutcome {
    Resolved,       // the chain ends in at least one record of the asked type
    NoData,         // the name exists but has no record of the asked type (NOERROR, empty answer)
    NxDomain,       // the name (or the end of its CNAME chain) does not exist
    DanglingCname,  // a CNAME points at a name that does not exist
    CnameLoop,      // a CNAME chain comes back to a name it already visited
    ChainTooLong,   // more CNAME hops than any resolver would follow
    ServFail,       // a server answered SERVFAIL
    Refused,        // every server refused the query
    Timeout,        // no answer within the attempts
    Error,          // anything else: malformed answer, connection refused, ...
};

const char* to_string(DnsOutcome outcome);
std::optional<DnsOutcome> dns_outcome_from_string(std::string_view text);

// "The name does not resolve, and that is a fact about the zone" (as opposed to "we could not tell").
bool is_negative(DnsOutcome outcome);
// The chain itself is broken: a loop, a dangling CNAME, an over-long chain or SERVFAIL (dns.chain-health).
bool is_broken_chain(DnsOutcome outcome);
// We could not decide: timeout, refused, error.
bool is_undecided(DnsOutcome outcome);

struct CnameHop {
    std::string name;    // owner of the CNAME record
    std::string target;  // where it points
    std::uint32_t ttl = 0;
    bool operator==(const CnameHop&) const = default;
};

struct SrvTarget {
    std::uint16_t priority = 0;
    std::uint16_t weight = 0;
    std::uint16_t port = 0;
    std::string target;
    std::uint32_t ttl = 0;
    bool operator==(const SrvTarget&) const = default;
};

// One question sent to the resolvers of a view (a lookup sends several when it follows a chain).
struct DnsQuery {
    std::string qname;
    std::string qtype;
    std::string rcode;    // NOERROR, NXDOMAIN, SERVFAIL, REFUSED, ... ; empty when nothing came back
    std::string result;   // what the resolver library said ("success", "timeout", "connection refused", ...)
    int attempts = 0;     // how many times it was sent before that result
    double elapsed_ms = 0;
    bool operator==(const DnsQuery&) const = default;
};

// The resolution of one name, of one type, in one view.
struct DnsLookup {
    DnsView view = DnsView::Internal;
    std::string name;   // the name asked for (normalised)
    std::string type;   // "A", "AAAA" or "SRV"
    DnsOutcome outcome = DnsOutcome::Error;
    std::vector<CnameHop> chain;         // CNAME hops from name onwards, in order
    std::vector<std::string> addresses;  // A/AAAA at the end of the chain
    std::vector<SrvTarget> srv;          // SRV records at the end of the chain
    std::vector<DnsQuery> queries;       // every question sent for this lookup
    std::string detail;                  // one human line: "timeout after 2 attempts of 3000 ms", ...
    double elapsed_ms = 0;

    // The name at the end of the CNAME chain (the name itself when there is no CNAME).
    std::string final_name() const;
    bool operator==(const DnsLookup&) const = default;
};

// What a TCP connect attempt found (SPEC §3 ports: open, closed, filtered, unreachable, unresolved).
enum class PortState {
    Open,         // the handshake completed
    Closed,       // refused: nothing listens (RST)
    Filtered,     // no answer before the timeout: a firewall drops it
    Unreachable,  // the network said no route (ICMP host/network unreachable)
    Unresolved,   // the host name gave no address to try
    Error,        // could not be attempted (local error, the run's deadline)
};

const char* to_string(PortState state);
std::optional<PortState> port_state_from_string(std::string_view text);

// One TCP connect to one address of an endpoint (a name with several addresses gives several).
struct PortProbe {
    RecordedPurpose purpose;  // why it was probed: Apns, Sba
    std::string host;     // the endpoint as given (FQDN or address)
    DnsView view = DnsView::Internal;  // the DNS view the host was resolved in
    std::string address;  // empty when unresolved
    std::uint16_t port = 0;
    PortState state = PortState::Error;
    double latency_ms = 0;  // until the connect completed, was refused, or gave up
    std::string detail;     // one human line: "connection refused", "no answer within 3000 ms", ...
    bool operator==(const PortProbe&) const = default;
};

// How a TLS probe of one address of a name ended.
enum class TlsOutcome {
    Handshake,  // the handshake completed: the served chain, protocol and cipher are recorded
    Failed,     // the TCP connect worked, the handshake did not (an alert, the server closed, not TLS)
    Timeout,    // connected, but no handshake within the timeout (a port that never speaks TLS)
    NoConnect,  // the TCP connect itself did not succeed: see tcp_state
    Error,      // not attempted to the end: a local error, or the run's deadline
};

const char* to_string(TlsOutcome outcome);
std::optional<TlsOutcome> tls_outcome_from_string(std::string_view text);

// The served chain checked against the trust anchors (the system store plus --ca-file), at the
// moment of the probe. Dates, host name and key usage are left out on purpose: the tls.validity,
// tls.*-san and tls.server-auth-eku checks judge those from the chain itself, so each rule is
// reported once, by its own check.
struct TlsVerification {
    bool trusted = false;           // a path from the leaf to a trust anchor exists
    int code = 0;                   // OpenSSL's X509_V_ERR_* code (0: ok)
    std::string reason;             // OpenSSL's own words: "unable to get local issuer certificate"
    int depth = -1;                 // the chain position the reason is about (0: the leaf)
    std::vector<std::string> path;  // subjects of the chain OpenSSL built, leaf first, anchor last when trusted
    // Trusted through the system's anchors alone, without --ca-file's: what phones nobody manages
    // trust. Absent in evidence recorded before it was (then no rule depends on it).
    std::optional<bool> public_root;
    bool operator==(const TlsVerification&) const = default;
};

// One TLS handshake to one address of a name, with SNI = the name.
struct TlsProbe {
    RecordedPurpose purpose;  // Lyncdiscover, LyncdiscoverInternal, ExternalWeb
    std::string name;     // the name asked for (SNI): the certificate must cover it
    DnsView view = DnsView::External;  // the DNS view the name was resolved in
    std::string address;
    std::uint16_t port = 443;
    TlsOutcome outcome = TlsOutcome::Error;
    PortState tcp_state = PortState::Error;  // how the TCP connect ended
    std::string probed_at;  // ISO 8601 UTC, when the handshake ended: validity is judged at this moment
    double connect_ms = 0;
    double handshake_ms = 0;
    std::string protocol;            // "TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"
    std::string cipher;              // "TLS_AES_256_GCM_SHA384", ...
    PemChain chain;  // the certificates as served, PEM, leaf first (each text kept once per run)
    TlsVerification verification;
    std::string detail;  // one human line: "handshake failed: tlsv1 alert protocol version", ...
    std::string origin;  // where the chain came from when not from the network (mobcheck cert FILE)
    // TLS 1.2 negotiated without forward secrecy (mobcheck offered ECDHE first): whether a handshake
    // limited to ECDHE and DHE succeeded (absent when not asked, or when that handshake could not tell),
    // and when it did not, the TLS 1.2 suites the server accepted, one handshake each, the first one first.
    std::optional<bool> forward_secrecy;
    std::vector<std::string> tls12_suites;
    bool operator==(const TlsProbe&) const = default;
};

// The run's own facts: what was asked, from where, by which version.
struct RunInfo {
    std::string tool_version;
    std::string started_at;  // ISO 8601 UTC
    double duration_ms = 0;
    std::vector<std::string> internal_resolvers;  // as used ("127.0.0.53:53")
    std::vector<std::string> external_resolvers;
    std::string internal_resolvers_source;  // "--internal-dns" or "/etc/resolv.conf"
    std::string external_resolvers_source;  // "--external-dns" or "default public resolvers"
    bool deadline_reached = false;
    std::size_t peak_connections = 0;  // the most TCP connects in flight at once
    // The cap on TCP connects (and on HTTP connections) in flight: --max-connections, or fewer when the
    // process's open-file limit would not allow that many. 0 in evidence from before it was recorded.
    std::size_t connection_cap = 0;
    std::vector<std::string> extra_trust_anchors;  // subjects of the --ca-file certificates
};

struct Evidence {
    static constexpr int kSchemaVersion = 1;
    Plan plan;
    RunInfo run;
    std::vector<DnsLookup> dns;
    std::vector<PortProbe> ports;
    std::vector<TlsProbe> tls;
    std::vector<HttpWalk> http;
    LearnedWebNames learned;  // web services FQDNs found in the answers, when the plan did not name them

    // The web services FQDNs the checks judge: the plan's (--internal-web/--external-web), else the
    // ones learned from the Autodiscover links and CNAME targets.
    std::optional<std::string> internal_web() const;
    std::optional<std::string> external_web() const;
    // " (learned from the links of ...)" when the name was learned, "" when it was given.
    std::string internal_web_note() const;
    std::string external_web_note() const;

    // The lookup of (view, name, type), or nullptr when it was never made (the first one, when several
    // were). Through an index of dns, built at the first call and again whenever dns has grown or
    // moved since: the checks of thousands of SIP domains ask it for every name. A look-up's outcome
    // may change in place, and the look-ups may be reordered; its view, name and type may not.
    const DnsLookup* find_dns(DnsView view, std::string_view name, std::string_view type) const;

private:
    struct DnsIndex {
        const DnsLookup* data = nullptr;  // dns as it was indexed
        std::size_t size = 0;
        std::unordered_map<std::string, std::size_t> at;  // "view type name" -> its first place in dns
    };
    mutable std::shared_ptr<DnsIndex> dns_index_;
};

// A name in a view, A and AAAA taken together: what a client sees when it asks for an address.
struct NameResolution {
    DnsView view = DnsView::Internal;
    std::string name;
    bool looked_up = false;              // false: neither A nor AAAA is in the evidence
    DnsOutcome outcome = DnsOutcome::Error;  // Resolved if either family resolved, else the most telling failure
    std::vector<std::string> addresses;  // IPv4 then IPv6
    std::vector<CnameHop> chain;         // of the lookup that tells the most (the resolved one, else the failing one)
    std::string detail;

    bool resolves() const { return outcome == DnsOutcome::Resolved; }
    // "CNAME a → b → 192.0.2.1, 2001:db8::1", "NXDOMAIN", "timeout after ..." : the evidence in one line.
    std::string describe() const;
};

NameResolution resolve_name(const Evidence& evidence, DnsView view, std::string_view name);
// The same from the two lookups themselves (either may be null).
NameResolution combine_lookups(DnsView view, std::string_view name, const DnsLookup* a, const DnsLookup* aaaa);

}  // namespace mobcheck
