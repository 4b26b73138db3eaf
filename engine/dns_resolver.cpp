#include "dns_resolver.hpp"

#include "model/inet.hpp"
#include <ares_nameser.h>

#include <algorithm>
#include <mutex>
#include <set>

#include "dns_wire.hpp"
#include "sockets.hpp"
#include "engine/engine.hpp"
#include "model/names.hpp"

namespace mobcheck {

namespace {

// More hops than this and no client would follow the chain (BIND stops at 16 as well).
constexpr std::size_t kMaxCnameHops = 16;

void init_library_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) throw ConfigError("cannot initialise c-ares");
    });
}

int qtype_of(const std::string& type) {
    if (type == "A") return ns_t_a;
    if (type == "AAAA") return ns_t_aaaa;
    if (type == "SRV") return ns_t_srv;
    throw std::logic_error("unsupported DNS type " + type);
}

std::string status_text(int status) {
    switch (status) {
        case ARES_SUCCESS: return "success";
        case ARES_ENODATA: return "no data";
        case ARES_ENOTFOUND: return "name not found";
        case ARES_ESERVFAIL: return "server failure";
        case ARES_EREFUSED: return "refused";
        case ARES_ETIMEOUT: return "timeout";
        case ARES_ECONNREFUSED: return "connection refused";
        case ARES_EBADRESP: return "malformed response";
        case ARES_ECANCELLED: return "cancelled";
        default: return ares_strerror(status);
    }
}

// "a → b → c": the chain so far, from the name asked for.
std::string chain_text(const DnsLookup& lookup) {
    std::string text = lookup.name;
    for (const auto& hop : lookup.chain) text += " → " + hop.target;
    return text;
}

}  // namespace

struct DnsResolver::Lookup {
    DnsResolver* owner = nullptr;
    DnsLookup result;
    Done done;
    std::string current;            // the name being asked for now (the end of the chain so far)
    std::set<std::string> visited;  // every name of the chain, to see loops
    int attempt = 0;
    Clock::time_point started;
    Clock::time_point query_started;
    std::list<std::unique_ptr<Lookup>>::iterator self;  // in lookups_: thousands are pending at once
};

DnsResolver::DnsResolver(EventLoop& loop, DnsView view, const std::vector<ResolverAddress>& servers,
                         std::chrono::milliseconds timeout, int attempts, std::size_t max_in_flight)
    : loop_(loop), view_(view), timeout_(timeout), attempts_(std::max(1, attempts)),
      max_in_flight_(std::max<std::size_t>(1, max_in_flight)) {
    init_library_once();
    ares_options options{};
    int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_SOCK_STATE_CB | ARES_OPT_SOCK_RCVBUF;
    // A run asks thousands of questions at once and their answers arrive in a burst: the default
    // receive buffer (about 200 KiB) drops some. The kernel caps this at net.core.rmem_max.
    options.socket_receive_buffer_size = 4 * 1024 * 1024;
    // No search list, no HOSTALIASES: we ask exactly the names the rules name. NOCHECKRESP: hand us
    // SERVFAIL and REFUSED answers as they are; otherwise c-ares drops them, moves on, and finally
    // reports a misleading "connection refused" without the server's answer.
    options.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES | ARES_FLAG_NOCHECKRESP;
    options.timeout = static_cast<int>(timeout.count());
    // One try per server per attempt: retries are ours, so the evidence can count them and a
    // silent resolver costs attempts × timeout, not c-ares' doubling back-off.
    options.tries = 1;
    options.sock_state_cb = &DnsResolver::on_sock_state;
    options.sock_state_cb_data = this;
    const int rc = ares_init_options(&channel_, &options, mask);
    if (rc != ARES_SUCCESS) {
        throw ConfigError(std::string("cannot set up the ") + to_string(view) + " DNS resolvers: " + ares_strerror(rc));
    }
    if (!servers.empty()) {
        std::string csv;
        for (const auto& s : servers) {
            if (!csv.empty()) csv += ',';
            csv += s.to_string();
        }
        const int src = ares_set_servers_ports_csv(channel_, csv.c_str());
        if (src != ARES_SUCCESS) {
            ares_destroy(channel_);
            throw ConfigError(std::string("cannot use the ") + to_string(view) + " resolvers " + csv + ": " + ares_strerror(src));
        }
    } else if (this->servers().empty()) {
        ares_destroy(channel_);
        throw ConfigError(std::string("no ") + to_string(view) +
                          " DNS resolvers: " + std::string(sockets::kSystemResolverSettings) + " lists no nameserver; give --internal-dns ADDR");
    }
    // c-ares keeps its own timers; the loop asks it after every wake-up when it next needs a call.
    loop_.add_ticker([this]() -> Clock::time_point {
        ares_process_fd(channel_, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
        timeval tv{};
        if (ares_timeout(channel_, nullptr, &tv) == nullptr) return Clock::time_point::max();
        return Clock::now() + std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec);
    });
}

DnsResolver::~DnsResolver() {
    cancel_all("resolver shut down");
    ares_destroy(channel_);
}

std::vector<std::string> DnsResolver::servers() const {
    std::vector<std::string> out;
    ares_addr_port_node* list = nullptr;
    if (ares_get_servers_ports(channel_, &list) != ARES_SUCCESS) return out;
    for (auto* node = list; node != nullptr; node = node->next) {
        char text[INET6_ADDRSTRLEN] = {};
        ResolverAddress address;
        address.is_ipv6 = node->family == AF_INET6;
        inet_ntop(node->family, &node->addr, text, sizeof text);
        address.address = text;
        address.port = static_cast<std::uint16_t>(node->udp_port ? node->udp_port : 53);
        out.push_back(address.to_string());
    }
    ares_free_data(list);
    return out;
}

void DnsResolver::on_sock_state(void* data, ares_socket_t socket, int readable, int writable) {
    auto* self = static_cast<DnsResolver*>(data);
    const int fd = static_cast<int>(socket);  // the loop's sockets are ints (sockets.hpp)
    const unsigned interest = (readable ? EventLoop::Readable : 0u) | (writable ? EventLoop::Writable : 0u);
    if (interest == 0) {
        self->loop_.unwatch(fd);
        return;
    }
    self->loop_.watch(fd, interest, [self](int ready_fd, unsigned ready) {
        const auto as_ares = static_cast<ares_socket_t>(ready_fd);
        ares_process_fd(self->channel_, (ready & EventLoop::Readable) ? as_ares : ARES_SOCKET_BAD,
                        (ready & EventLoop::Writable) ? as_ares : ARES_SOCKET_BAD);
    });
}

void DnsResolver::lookup(const std::string& name, const std::string& type, Done done) {
    auto lookup = std::make_unique<Lookup>();
    lookup->owner = this;
    lookup->result.view = view_;
    lookup->result.name = canonical_name(name);
    lookup->result.type = type;
    lookup->done = std::move(done);
    lookup->current = lookup->result.name;
    lookup->visited.insert(lookup->current);
    lookup->started = Clock::now();
    Lookup& ref = *lookup;
    ref.self = lookups_.insert(lookups_.end(), std::move(lookup));
    send(ref);
}

void DnsResolver::send(Lookup& lookup) {
    if (in_flight_ >= max_in_flight_) {
        waiting_.push_back(&lookup);  // politeness: a resolver flooded at once drops questions
        return;
    }
    ++in_flight_;
    lookup.attempt += 1;
    lookup.query_started = Clock::now();
    ares_query(channel_, lookup.current.c_str(), ns_c_in, qtype_of(lookup.result.type), &DnsResolver::on_answer, &lookup);
}

void DnsResolver::send_waiting() {
    while (!waiting_.empty() && in_flight_ < max_in_flight_) {
        Lookup* next = waiting_.front();
        waiting_.pop_front();
        send(*next);
    }
}

void DnsResolver::on_answer(void* arg, int status, int timeouts, unsigned char* abuf, int alen) {
    auto* lookup = static_cast<Lookup*>(arg);
    DnsResolver* self = lookup->owner;
    if (status == ARES_ECANCELLED || status == ARES_EDESTRUCTION) return;  // cancel_all() accounts for these
    --self->in_flight_;
    self->handle_answer(*lookup, status, timeouts, abuf, alen);
    self->send_waiting();
}

void DnsResolver::handle_answer(Lookup& lookup, int status, int /*timeouts*/, const unsigned char* abuf, int alen) {
    if (status == ARES_ECANCELLED || status == ARES_EDESTRUCTION) {
        return;  // cancel_all() finishes the lookup itself; nothing to record twice
    }
    // The same question again, within the attempts: UDP loses packets, and c-ares reports "connection
    // refused" both for a port nobody listens on (immediate, so a retry is free) and for queries
    // queued on a TCP connection the server closed after one answer (which a retry gets through).
    if ((status == ARES_ETIMEOUT || status == ARES_ECONNREFUSED) && lookup.attempt < attempts_) {
        return send(lookup);
    }

    DnsQuery query;
    query.qname = lookup.current;
    query.qtype = lookup.result.type;
    query.result = status_text(status);
    query.attempts = lookup.attempt;
    query.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - lookup.query_started).count();
    lookup.attempt = 0;

    // Read whatever the server sent, whatever its rcode: a SERVFAIL or NXDOMAIN answer still holds
    // the CNAME hops that explain it (BIND answers a CNAME loop with SERVFAIL and both hops).
    std::optional<wire::Answer> answer;
    std::string parse_error;
    if (abuf != nullptr && alen > 0) {
        answer = wire::parse_answer(abuf, alen, &parse_error);
        if (answer) query.rcode = wire::rcode_name(answer->rcode);
    }
    lookup.result.queries.push_back(query);

    if (answer) {
        for (;;) {
            auto hop = std::find_if(answer->cnames.begin(), answer->cnames.end(),
                                    [&](const CnameHop& h) { return h.name == lookup.current; });
            if (hop == answer->cnames.end()) break;
            lookup.result.chain.push_back(*hop);
            if (!lookup.visited.insert(hop->target).second) {
                return finish(lookup, DnsOutcome::CnameLoop, "CNAME loop: " + chain_text(lookup.result));
            }
            lookup.current = hop->target;
            if (lookup.result.chain.size() > kMaxCnameHops) {
                return finish(lookup, DnsOutcome::ChainTooLong,
                              "CNAME chain longer than " + std::to_string(kMaxCnameHops) +
                                  " hops: " + chain_text(lookup.result));
            }
        }
    }

    const std::string through =
        lookup.result.chain.empty() ? "" : " (reached through " + chain_text(lookup.result) + ")";
    switch (status) {
        case ARES_SUCCESS:
        case ARES_ENODATA:
        case ARES_ENOTFOUND:
            break;  // an answer: read on below
        case ARES_ETIMEOUT:
            return finish(lookup, DnsOutcome::Timeout,
                          "no answer for " + lookup.current + " after " + std::to_string(query.attempts) +
                              " attempt(s) of " + std::to_string(timeout_.count()) + " ms");
        case ARES_ESERVFAIL:
            return finish(lookup, DnsOutcome::ServFail,
                          "the resolvers answered SERVFAIL for " + lookup.current + through);
        case ARES_EREFUSED:
            return finish(lookup, DnsOutcome::Refused,
                          "the resolvers refused to answer for " + lookup.current + through +
                              " (not authoritative, and not recursive for this host?)");
        case ARES_ECONNREFUSED:
            return finish(lookup, DnsOutcome::Error,
                          "connection refused by the resolvers after " + std::to_string(query.attempts) +
                              " attempt(s): nothing listens on port 53, or they close connections early");
        default:
            return finish(lookup, DnsOutcome::Error, "query for " + lookup.current + " failed: " + query.result);
    }
    if (!answer) {
        return finish(lookup, DnsOutcome::Error, "malformed response for " + lookup.current + ": " + parse_error);
    }

    for (const auto& a : answer->addresses) {
        if (a.owner != lookup.current || lookup.result.type == "SRV") continue;
        const bool is_v4 = a.address.find(':') == std::string::npos;
        if (is_v4 == (lookup.result.type == "A")) lookup.result.addresses.push_back(a.address);
    }
    for (const auto& s : answer->srv) {
        if (s.owner == lookup.current && lookup.result.type == "SRV") lookup.result.srv.push_back(s.srv);
    }
    if (!lookup.result.addresses.empty() || !lookup.result.srv.empty()) {
        return finish(lookup, DnsOutcome::Resolved, "");
    }

    const bool followed = !lookup.result.chain.empty();
    if (status == ARES_ENOTFOUND) {
        if (followed) {
            return finish(lookup, DnsOutcome::DanglingCname,
                          "dangling CNAME: " + chain_text(lookup.result) + ", and " + lookup.current +
                              " does not exist (NXDOMAIN)");
        }
        return finish(lookup, DnsOutcome::NxDomain, lookup.current + " does not exist (NXDOMAIN)");
    }
    // NOERROR without the records. When this answer's chain ended in a name the server did not
    // resolve for us (another zone on an authoritative-only server), ask for that name ourselves.
    if (followed && query.qname != lookup.current) {
        return send(lookup);
    }
    return finish(lookup, DnsOutcome::NoData,
                  lookup.current + " exists but has no " + lookup.result.type + " record" + through);
}

void DnsResolver::finish(Lookup& lookup, DnsOutcome outcome, std::string detail) {
    lookup.result.outcome = outcome;
    lookup.result.detail = std::move(detail);
    lookup.result.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - lookup.started).count();
    auto done = std::move(lookup.done);
    DnsLookup result = std::move(lookup.result);
    lookups_.erase(lookup.self);  // lookup is gone now
    done(std::move(result));
}

void DnsResolver::cancel_all(const std::string& reason) {
    // Take them out first: ares_cancel calls back with ARES_ECANCELLED, which on_answer ignores.
    auto pending = std::move(lookups_);
    lookups_.clear();
    waiting_.clear();
    in_flight_ = 0;
    ares_cancel(channel_);
    for (auto& lookup : pending) {
        DnsQuery query;
        query.qname = lookup->current;
        query.qtype = lookup->result.type;
        query.result = "cancelled";
        query.attempts = lookup->attempt;
        query.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - lookup->query_started).count();
        lookup->result.queries.push_back(query);
        lookup->result.outcome = DnsOutcome::Timeout;
        lookup->result.detail = "no answer for " + lookup->current + ": " + reason;
        lookup->result.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - lookup->started).count();
        if (lookup->done) lookup->done(std::move(lookup->result));
    }
}

}  // namespace mobcheck
