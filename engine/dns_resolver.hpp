// One DNS view's resolvers on c-ares, driven by the shared EventLoop. A lookup follows the CNAME
// chain hop by hop (asking again for the end of the chain when a server did not), and ends as one
// DnsLookup: outcome, chain, addresses, every query with its rcode, attempts and time.
#pragma once

#include <ares.h>

#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <vector>

#include "engine/event_loop.hpp"
#include "model/evidence.hpp"
#include "model/plan.hpp"

namespace mobcheck {

class DnsResolver {
public:
    using Done = std::function<void(DnsLookup)>;

    // servers empty: the system's resolvers (/etc/resolv.conf). Throws ConfigError when c-ares
    // cannot be set up.
    // max_in_flight: questions outstanding at once; more wait their turn (their timeout starts when sent).
    DnsResolver(EventLoop& loop, DnsView view, const std::vector<ResolverAddress>& servers,
                std::chrono::milliseconds timeout, int attempts, std::size_t max_in_flight);
    ~DnsResolver();
    DnsResolver(const DnsResolver&) = delete;
    DnsResolver& operator=(const DnsResolver&) = delete;

    // The servers actually in use, "ADDR:PORT".
    std::vector<std::string> servers() const;

    // type: "A", "AAAA" or "SRV". done is called exactly once, from inside the loop (or from cancel_all).
    void lookup(const std::string& name, const std::string& type, Done done);

    // Ends every lookup still under way as a timeout with the given reason (the run's deadline).
    void cancel_all(const std::string& reason);

    std::size_t pending() const { return lookups_.size(); }

private:
    struct Lookup;
    void send(Lookup& lookup);
    void send_waiting();
    static void on_answer(void* arg, int status, int timeouts, unsigned char* abuf, int alen);
    void handle_answer(Lookup& lookup, int status, int timeouts, const unsigned char* abuf, int alen);
    void finish(Lookup& lookup, DnsOutcome outcome, std::string detail);
    static void on_sock_state(void* data, ares_socket_t fd, int readable, int writable);

    EventLoop& loop_;
    DnsView view_;
    std::chrono::milliseconds timeout_;
    int attempts_;
    ares_channel channel_ = nullptr;
    std::list<std::unique_ptr<Lookup>> lookups_;
    std::size_t max_in_flight_;
    std::size_t in_flight_ = 0;
    std::deque<Lookup*> waiting_;
    std::string cancel_reason_;
};

}  // namespace mobcheck
