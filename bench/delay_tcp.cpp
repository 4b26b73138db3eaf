// delay_tcp: a TCP proxy that makes every round trip cost a fixed time, standing in for network
// latency in front of the lab's TLS and HTTP endpoints (the lab's kernel has no netem).
//   delay_tcp DELAY_MS LISTEN_ADDRESS:PORT=UPSTREAM_ADDRESS:PORT...
// Each LISTEN_ADDRESS:PORT accepts connections and relays them to its UPSTREAM_ADDRESS:PORT, from
// LISTEN_ADDRESS as source (so that a DNAT rule steering clients here can leave the proxy's own
// connections alone). Latency is added in user space, the only place it can be here:
//  - the connect: the kernel completes the client's handshake at once, so the proxy holds what the
//    client sends until DELAY_MS after the connection was accepted (the SYN / SYN-ACK round trip);
//  - every answer: what the server sends is held DELAY_MS before it goes to the client.
// So a TLS 1.3 handshake costs 2 × DELAY_MS after connect() returns, an HTTP request on a new
// connection 2 ×, an HTTPS one 3 ×, one more request on a kept-alive connection 1 ×. A client's
// connect() itself returns at once (a port probe sees no latency). Runs until killed.
// With DELAY_TCP_STATS=FILE in its environment it also counts the TLS handshakes the servers made,
// full and resumed, as each server's ServerHello says (TLS 1.3: a pre_shared_key extension; TLS 1.2:
// the client's session ID echoed), and keeps "FULL RESUMED" in FILE.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <optional>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// Bytes held in one direction of one connection before the proxy stops reading that side.
constexpr std::size_t kMaxHeld = 4 << 20;

struct Route {
    sockaddr_in listen{};
    sockaddr_in upstream{};
    int fd = -1;
};

// One direction of a connection: chunks read from one side, each due at a moment, then written
// to the other side in order. An empty chunk with fin set stands for the sender's shutdown.
struct Pipe {
    struct Chunk {
        Clock::time_point due;
        std::string data;
        bool fin = false;
    };
    std::deque<Chunk> held;
    std::size_t held_bytes = 0;
    std::size_t written = 0;  // bytes of held.front() already written
    bool read_done = false;   // the source said EOF
    bool write_done = false;  // the EOF was passed on (shutdown of the destination's write side)
    bool blocked = false;     // the destination would block: wait for it to be writable
};

struct Connection {
    int client = -1;
    int upstream = -1;
    bool connected = false;  // the upstream connect completed
    Clock::time_point accepted;
    Pipe to_server;  // client → upstream
    Pipe to_client;  // upstream → client
    // The first bytes of each side, until the server's hello says how the handshake went.
    std::string client_hello, server_hello;
    bool counted = false;
};

// How a server answered a TLS ClientHello, from the first bytes of each side: nullopt until the
// ServerHello is whole (or when it is not TLS); true when it resumed a session.
std::optional<bool> resumed(const std::string& client, const std::string& server) {
    auto byte = [](const std::string& s, std::size_t at) { return static_cast<unsigned char>(s[at]); };
    auto u16 = [&](const std::string& s, std::size_t at) { return static_cast<std::size_t>(byte(s, at) << 8 | byte(s, at + 1)); };
    // A record header (5 bytes), the handshake header (4), version (2), random (32): the session ID next.
    constexpr std::size_t kSessionId = 5 + 4 + 2 + 32;
    if (server.size() < kSessionId + 1 || byte(server, 0) != 0x16 || byte(server, 5) != 0x02) return std::nullopt;
    const std::size_t record_end = 5 + u16(server, 3);
    if (server.size() < record_end) return std::nullopt;
    const std::size_t sid_length = byte(server, kSessionId);
    std::size_t at = kSessionId + 1 + sid_length + 2 + 1;  // the session ID, the suite, the compression
    bool tls13 = false, psk = false;
    if (at + 2 <= record_end) {
        const std::size_t end = std::min(record_end, at + 2 + u16(server, at));
        for (at += 2; at + 4 <= end; at += 4 + u16(server, at + 2)) {
            const std::size_t type = u16(server, at);
            if (type == 43) tls13 = true;  // supported_versions: TLS 1.3
            if (type == 41) psk = true;    // pre_shared_key: a session resumed
        }
    }
    if (tls13) return psk;
    // TLS 1.2: resumed when the server echoes the non-empty session ID the client offered.
    if (sid_length == 0 || client.size() < kSessionId + 1 + sid_length || byte(client, kSessionId) != sid_length) return false;
    return client.compare(kSessionId + 1, sid_length, server, kSessionId + 1, sid_length) == 0;
}

[[noreturn]] void usage() {
    std::fprintf(stderr, "usage: delay_tcp DELAY_MS LISTEN_ADDRESS:PORT=UPSTREAM_ADDRESS:PORT...\n");
    std::exit(2);
}

sockaddr_in endpoint(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) usage();
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    const int port = std::atoi(text.c_str() + colon + 1);
    if (port <= 0 || port > 65535 || inet_pton(AF_INET, text.substr(0, colon).c_str(), &sa.sin_addr) != 1) {
        std::fprintf(stderr, "delay_tcp: not an IPv4 ADDRESS:PORT: %s\n", text.c_str());
        std::exit(2);
    }
    sa.sin_port = htons(static_cast<std::uint16_t>(port));
    return sa;
}

class Proxy {
public:
    Proxy(std::chrono::milliseconds delay, std::vector<Route> routes) : delay_(delay), routes_(std::move(routes)) {
        epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
        for (std::size_t i = 0; i < routes_.size(); ++i) {
            Route& r = routes_[i];
            r.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            const int on = 1;
            ::setsockopt(r.fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
            if (::bind(r.fd, reinterpret_cast<const sockaddr*>(&r.listen), sizeof r.listen) != 0 ||
                ::listen(r.fd, 4096) != 0) {
                std::perror("delay_tcp: listen");
                std::exit(1);
            }
            add(r.fd, EPOLLIN, kListenTag | i);
        }
    }

    void run() {
        std::vector<epoll_event> events(1024);
        for (;;) {
            release_due();
            int wait_ms = -1;
            if (!timers_.empty()) {
                const auto left = std::chrono::ceil<std::chrono::milliseconds>(timers_.top().first - Clock::now());
                wait_ms = static_cast<int>(std::max<std::chrono::milliseconds::rep>(0, left.count()));
            }
            const int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), wait_ms);
            for (int i = 0; i < n; ++i) {
                const std::uint64_t tag = events[i].data.u64;
                if (tag & kListenTag) {
                    accept_all(routes_[tag & ~kListenTag]);
                } else {
                    ready(tag >> 1, (tag & 1) != 0, events[i].events);
                }
            }
        }
    }

private:
    static constexpr std::uint64_t kListenTag = std::uint64_t{1} << 63;

    void add(int fd, std::uint32_t events, std::uint64_t tag) {
        epoll_event ev{};
        ev.events = events;
        ev.data.u64 = tag;
        ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev);
    }

    void accept_all(const Route& route) {
        for (;;) {
            const int client = ::accept4(route.fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (client < 0) return;  // EAGAIN, or out of descriptors: the rest wait in the backlog
            const int upstream = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            sockaddr_in source = route.listen;
            source.sin_port = 0;
            if (upstream < 0 || ::bind(upstream, reinterpret_cast<const sockaddr*>(&source), sizeof source) != 0 ||
                (::connect(upstream, reinterpret_cast<const sockaddr*>(&route.upstream), sizeof route.upstream) != 0 &&
                 errno != EINPROGRESS)) {
                if (upstream >= 0) ::close(upstream);
                ::close(client);
                continue;
            }
            const int on = 1;
            ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
            ::setsockopt(upstream, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
            const std::uint64_t id = next_id_++;
            Connection& c = connections_[id];
            c.client = client;
            c.upstream = upstream;
            c.accepted = Clock::now();
            add(client, EPOLLIN, id << 1);
            add(upstream, EPOLLOUT, (id << 1) | 1);
        }
    }

    // Reads what one side has, holding it for its due moment.
    bool pull(std::uint64_t id, Connection& c, bool from_upstream) {
        Pipe& p = from_upstream ? c.to_client : c.to_server;
        const int fd = from_upstream ? c.upstream : c.client;
        char buf[65536];
        while (!p.read_done && p.held_bytes < kMaxHeld) {
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
            if (n < 0) return false;  // reset: the whole connection goes
            const auto now = Clock::now();
            // The server's answers take one round trip; the client's bytes cannot arrive before its
            // connect's round trip has passed.
            const auto due = from_upstream ? now + delay_ : std::max(now, c.accepted + delay_);
            if (n > 0 && stats_ != nullptr && !c.counted) note_hello(c, from_upstream, buf, static_cast<std::size_t>(n));
            if (n == 0) {
                p.read_done = true;
                p.held.push_back(Pipe::Chunk{due, {}, true});
            } else {
                p.held.push_back(Pipe::Chunk{due, std::string(buf, static_cast<std::size_t>(n)), false});
                p.held_bytes += static_cast<std::size_t>(n);
            }
            timers_.emplace(due, id);
        }
        return true;
    }

    // Keeps the first bytes of a side until the server's hello can be read, then counts the handshake.
    void note_hello(Connection& c, bool from_upstream, const char* data, std::size_t n) {
        constexpr std::size_t kKept = 16384;  // a ServerHello record fits (its certificates come after it)
        std::string& kept = from_upstream ? c.server_hello : c.client_hello;
        kept.append(data, std::min(n, kKept - std::min(kKept, kept.size())));
        if (!from_upstream) return;
        if (kept.empty() || static_cast<unsigned char>(kept[0]) != 0x16) {
            c.counted = true;  // not TLS (port 80)
            return;
        }
        const auto how = resumed(c.client_hello, c.server_hello);
        if (!how && kept.size() < kKept) return;
        c.counted = true;
        c.client_hello.clear();
        c.server_hello.clear();
        if (!how) return;
        ++(*how ? resumed_ : full_);
        if (std::FILE* f = std::fopen(stats_, "w")) {
            std::fprintf(f, "%llu %llu\n", full_, resumed_);
            std::fclose(f);
        }
    }

    // Writes what is due of one direction.
    bool push(Connection& c, bool to_upstream) {
        Pipe& p = to_upstream ? c.to_server : c.to_client;
        const int fd = to_upstream ? c.upstream : c.client;
        if (to_upstream && !c.connected) return true;
        const auto now = Clock::now();
        p.blocked = false;
        while (!p.held.empty() && p.held.front().due <= now) {
            Pipe::Chunk& chunk = p.held.front();
            if (chunk.fin) {
                ::shutdown(fd, SHUT_WR);
                p.write_done = true;
                p.held.pop_front();
                continue;
            }
            const ssize_t n = ::send(fd, chunk.data.data() + p.written, chunk.data.size() - p.written, MSG_NOSIGNAL);
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                p.blocked = true;
                break;
            }
            if (n < 0) return false;
            p.written += static_cast<std::size_t>(n);
            if (p.written == chunk.data.size()) {
                p.held_bytes -= chunk.data.size();
                p.written = 0;
                p.held.pop_front();
            }
        }
        return true;
    }

    void ready(std::uint64_t id, bool upstream_side, std::uint32_t events) {
        auto it = connections_.find(id);
        if (it == connections_.end()) return;
        Connection& c = it->second;
        if (upstream_side && !c.connected && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
            int error = 0;
            socklen_t len = sizeof error;
            ::getsockopt(c.upstream, SOL_SOCKET, SO_ERROR, &error, &len);
            if (error != 0) return close(id);
            c.connected = true;
        }
        // An error, or a side closed both ways after its EOF was read: nothing more can pass.
        const bool source_done = (upstream_side ? c.to_client : c.to_server).read_done;
        if ((events & EPOLLERR) || ((events & EPOLLHUP) && source_done)) return close(id);
        bool ok = true;
        if (events & (EPOLLIN | EPOLLHUP)) ok = pull(id, c, upstream_side);
        if (ok && (events & EPOLLOUT)) ok = push(c, upstream_side);
        settle(id, ok);
    }

    // After any change: close a finished connection, else watch what there is to wait for.
    void settle(std::uint64_t id, bool ok) {
        Connection& c = connections_[id];
        const bool done = c.to_server.write_done && c.to_client.write_done;
        if (!ok || done) return close(id);
        interest(c.client, (id << 1), c.to_server, c.to_client, true);
        interest(c.upstream, (id << 1) | 1, c.to_client, c.to_server, c.connected);
    }

    // fd reads into `from` and writes `to`.
    void interest(int fd, std::uint64_t tag, const Pipe& from, const Pipe& to, bool connected) {
        std::uint32_t events = 0;
        if (!connected) {
            events = EPOLLOUT;
        } else {
            if (!from.read_done && from.held_bytes < kMaxHeld) events |= EPOLLIN;
            if (to.blocked) events |= EPOLLOUT;
        }
        epoll_event ev{};
        ev.events = events;
        ev.data.u64 = tag;
        ::epoll_ctl(epoll_, EPOLL_CTL_MOD, fd, &ev);
    }

    void release_due() {
        const auto now = Clock::now();
        while (!timers_.empty() && timers_.top().first <= now) {
            const std::uint64_t id = timers_.top().second;
            timers_.pop();
            auto it = connections_.find(id);
            if (it == connections_.end()) continue;
            const bool ok = push(it->second, true) && push(it->second, false);
            settle(id, ok);
        }
    }

    void close(std::uint64_t id) {
        auto it = connections_.find(id);
        if (it == connections_.end()) return;
        ::close(it->second.client);
        ::close(it->second.upstream);
        connections_.erase(it);
    }

    std::chrono::milliseconds delay_;
    std::vector<Route> routes_;
    int epoll_ = -1;
    std::uint64_t next_id_ = 1;
    std::unordered_map<std::uint64_t, Connection> connections_;
    using Timer = std::pair<Clock::time_point, std::uint64_t>;
    std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers_;
    const char* stats_ = std::getenv("DELAY_TCP_STATS");  // where the handshake counts go, or none
    unsigned long long full_ = 0, resumed_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) usage();
    const int delay_ms = std::atoi(argv[1]);
    if (delay_ms < 0) usage();
    std::vector<Route> routes;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto eq = arg.find('=');
        if (eq == std::string::npos) usage();
        Route r;
        r.listen = endpoint(arg.substr(0, eq));
        r.upstream = endpoint(arg.substr(eq + 1));
        routes.push_back(r);
    }
    // Thousands of connections at once, two descriptors each.
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    std::signal(SIGPIPE, SIG_IGN);
    Proxy(std::chrono::milliseconds(delay_ms), std::move(routes)).run();
}
