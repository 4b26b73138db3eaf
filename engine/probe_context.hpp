// What every probe module of a run shares: the plan, the loop, the address book, the TCP connector,
// and where to write evidence. A module starts its probes; their callbacks may start more (a
// resolved name leads to connects), and the run lasts until nothing is in flight.
#pragma once

#include "address_book.hpp"
#include "http_client.hpp"
#include "in_flight.hpp"
#include "engine/engine.hpp"
#include "engine/event_loop.hpp"
#include "model/evidence.hpp"
#include "model/oauth_authority.hpp"
#include "model/plan.hpp"
#include "tcp_connector.hpp"
#include "tls_prober.hpp"

namespace mobcheck {

struct ProbeContext {
    const Plan& plan;
    Evidence& evidence;
    EventLoop& loop;
    InFlight& in_flight;
    AddressBook& names;
    TcpConnector& tcp;
    TlsProber& tls;
    HttpClient& http;
    const Credentials* credentials = nullptr;  // --user's password, or null
    bool deadline_passed = false;  // set when the run's deadline cancels everything: start nothing new
};

// The probe modules, one file each.
void start_dns_probes(ProbeContext& ctx);   // dns_probes.cpp: the records the dns.* checks judge
void start_port_probes(ProbeContext& ctx);  // port_probes.cpp: APNS 5223, SBA 5088/5089
void start_tls_probes(ProbeContext& ctx);   // tls_probes.cpp: the certificates served on 443
void start_http_probes(ProbeContext& ctx);  // http_probes.cpp: the Autodiscover walk and the web services
// What start_http_probes starts: the discovery walks of every SIP domain (which hand each root's user
// link to the sign-in, sign_in.hpp), and the web services of a given external web FQDN.
void start_discovery_walks(ProbeContext& ctx);  // discovery_walk.cpp

// Follow-up probes of names learned while the run goes on (discovery_walk.cpp learns web FQDNs).
void probe_web_names(ProbeContext& ctx, const std::string& name);          // dns_probes.cpp: both views
void probe_external_web_certificate(ProbeContext& ctx, const std::string& name);  // tls_probes.cpp
void probe_web_services(ProbeContext& ctx, const std::string& external_web);       // web_service_probes.cpp
// The OAuth authority a user link named (sign_in.cpp finds it): its certificate and OpenID configuration.
void probe_oauth_authority(ProbeContext& ctx, const OAuthAuthority& authority);     // authority_probes.cpp
void probe_authority_certificate(ProbeContext& ctx, const std::string& host, std::uint16_t port);  // tls_probes.cpp

}  // namespace mobcheck
