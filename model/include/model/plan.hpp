// What a run looks at: the SIP domains, the resolvers of each DNS view, the web services names and
// the limits. Built by the CLI (or loaded from saved evidence); read by the engine and the checks.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mobcheck {

// The two DNS views of a split-brain deployment (Microsoft: "Internal and External DNS Configuration").
enum class DnsView { Internal, External };

// Where the run sits: on the corporate network (Wi-Fi) or on the Internet. Decides which endpoints
// are expected to be reachable (SPEC §1 --vantage).
enum class Vantage { Internal, External };

const char* to_string(DnsView view);
const char* to_string(Vantage vantage);

// One resolver, as given by --internal-dns/--external-dns: "ADDR", "ADDR:PORT" or "[V6]:PORT".
struct ResolverAddress {
    std::string address;  // numeric IPv4 or IPv6 address, without brackets
    std::uint16_t port = 53;
    bool is_ipv6 = false;

    // "127.0.0.53:53" or "[::1]:53": the form c-ares' ares_set_servers_ports_csv takes.
    std::string to_string() const;
    bool operator==(const ResolverAddress&) const = default;
};

// The public resolvers used for the external view when --external-dns is not given.
std::vector<ResolverAddress> default_external_resolvers();

// The kinds of probe a run makes. A run that judges only some checks (--only dns) makes only the
// probes those checks read; a replay of its evidence says which checks it cannot judge.
struct ProbeFamilies {
    bool dns = true;    // the dns.* records (lyncdiscover, lyncdiscoverinternal, the web FQDNs, the SRV)
    bool ports = true;  // APNS 5223, branch appliances 5088/5089
    bool tls = true;    // the certificates served on 443
    bool http = true;   // the Autodiscover walk and the web services

    bool all() const { return dns && ports && tls && http; }
    // Every family `needed` asks for is here.
    bool covers(const ProbeFamilies& needed) const {
        return (dns || !needed.dns) && (ports || !needed.ports) && (tls || !needed.tls) && (http || !needed.http);
    }
    // The names as the evidence file and the messages spell them: "dns", "ports", "tls", "http".
    std::vector<std::string> names() const;
    bool operator==(const ProbeFamilies&) const = default;
};

struct Plan {
    std::vector<std::string> sip_domains;               // normalised: lower case, no trailing dot
    std::vector<ResolverAddress> internal_dns;          // empty: the nameservers of /etc/resolv.conf
    std::vector<ResolverAddress> external_dns;          // empty: default_external_resolvers()
    std::optional<std::string> internal_web;            // --internal-web (normalised)
    std::optional<std::string> external_web;            // --external-web (normalised)
    Vantage vantage = Vantage::Internal;
    std::chrono::milliseconds timeout{3000};            // per network attempt
    int attempts = 2;                                    // tries per DNS query before it counts as timed out
    std::chrono::milliseconds deadline{12000};          // the whole run

    // Endpoints whose ports are probed (SPEC §3 ports).
    struct Endpoint {
        std::string host;  // normalised FQDN, or a numeric address
        std::uint16_t port = 0;
        bool operator==(const Endpoint&) const = default;
    };
    Endpoint apns{"courier.push.apple.com", 5223};  // --apns
    std::vector<std::string> sbas;                   // --sba: Survivable Branch Appliances (FQDN or address)

    // --user: the account whose user document the authenticated walk fetches (its password is never
    // part of the plan, which is saved with the evidence).
    std::optional<std::string> user;

    // Certificates (SPEC §3 tls): extra trust anchors, and how early an expiry is worth a warning.
    std::optional<std::string> ca_file;  // --ca-file PEM, added to the system store
    int expiry_warn_days = 30;           // --expiry-warn-days
    // --managed-devices: the phones are managed (MDM) and trust the enterprise roots, so a chain that
    // only --ca-file's roots make trusted is fine also where the Internet reaches.
    bool managed_devices = false;

    // Politeness: connections in flight at once, overall and to one address.
    std::size_t max_connections = 256;
    std::size_t max_per_host = 8;
    std::size_t max_dns_queries = 500;  // questions outstanding at once, per DNS view

    ProbeFamilies probes;  // what the run probes: all of it unless --only/--skip leave some unjudged
};

}  // namespace mobcheck
