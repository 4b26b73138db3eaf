// What every probe module of a run shares: the plan, the loop, the address book, the TCP connector,
// and where to write evidence. A module starts its probes; their callbacks may start more (a
// resolved name leads to connects), and the run lasts until nothing is in flight.
#pragma once

#include "address_book.hpp"
#include "in_flight.hpp"
#include "mobcheck/event_loop.hpp"
#include "mobcheck/evidence.hpp"
#include "mobcheck/plan.hpp"
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
};

// The probe modules, one file each.
void start_dns_probes(ProbeContext& ctx);   // dns_probes.cpp: the records the dns.* checks judge
void start_port_probes(ProbeContext& ctx);  // port_probes.cpp: APNS 5223, SBA 5088/5089
void start_tls_probes(ProbeContext& ctx);   // tls_probes.cpp: the certificates served on 443

}  // namespace mobcheck
