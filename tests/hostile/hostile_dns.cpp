// hostile_dns: a DNS server that misbehaves on purpose, for mobcheck's robustness tests.
//   hostile_dns ADDRESS -- COMMAND [ARGS...]
// serves UDP and TCP port 53 on ADDRESS while COMMAND runs, and exits with COMMAND's status.
// What it does depends on a label of the name asked for:
//   short-answer  claims three answers, sends one               (malformed: must be an error)
//   pointer-loop  the answer's owner name points at itself       (malformed: must be an error)
//   bad-rdata     an A record with 3 bytes of data               (malformed: must be an error)
//   tc            UDP: TC bit, no answer; TCP: a CNAME and an A  (TCP fallback: must resolve)
//   huge          UDP: TC bit; TCP: 400 A records                (must resolve, all 400)
//   long-chain    a chain of 50 CNAMEs in one answer             (must stop: chain too long)
//   wrong-id      an answer with another ID                      (ignored: a timeout)
//   slow          answers after 5 seconds                        (a timeout)
//   silent        never answers                                  (a timeout)
//   anything else REFUSED
// It runs only inside the lab's network namespace (tests/lab/labctl), on a loopback address.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

using Bytes = std::vector<std::uint8_t>;

void put16(Bytes& b, unsigned v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}
void put32(Bytes& b, unsigned v) {
    put16(b, v >> 16);
    put16(b, v & 0xffff);
}
void put_name(Bytes& b, const std::string& name) {
    std::size_t start = 0;
    while (start < name.size()) {
        auto end = name.find('.', start);
        if (end == std::string::npos) end = name.size();
        b.push_back(static_cast<std::uint8_t>(end - start));
        b.insert(b.end(), name.begin() + static_cast<long>(start), name.begin() + static_cast<long>(end));
        start = end + 1;
    }
    b.push_back(0);
}

struct Query {
    unsigned id = 0;
    std::string name;
    Bytes question;  // the question section as received
};

bool parse_query(const std::uint8_t* p, std::size_t n, Query& q) {
    if (n < 17) return false;
    q.id = (p[0] << 8) | p[1];
    std::size_t i = 12;
    while (i < n && p[i] != 0) {
        const std::size_t len = p[i];
        if (len > 63 || i + 1 + len > n) return false;
        if (!q.name.empty()) q.name += '.';
        q.name.append(reinterpret_cast<const char*>(p + i + 1), len);
        i += 1 + len;
    }
    if (i + 5 > n) return false;
    q.question.assign(p + 12, p + i + 5);
    return true;
}

bool has_label(const std::string& name, const std::string& label) {
    return ("." + name + ".").find("." + label + ".") != std::string::npos;
}

Bytes header(unsigned id, unsigned flags, unsigned answers) {
    Bytes b;
    put16(b, id);
    put16(b, flags);
    put16(b, 1);
    put16(b, answers);
    put16(b, 0);
    put16(b, 0);
    return b;
}

void put_a(Bytes& b, const std::string& owner, unsigned a, unsigned c, unsigned d) {
    put_name(b, owner);
    put16(b, 1);
    put16(b, 1);
    put32(b, 60);
    put16(b, 4);
    b.insert(b.end(), {127, static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(c), static_cast<std::uint8_t>(d)});
}

void put_cname(Bytes& b, const std::string& owner, const std::string& target) {
    put_name(b, owner);
    put16(b, 5);
    put16(b, 1);
    put32(b, 60);
    Bytes rdata;
    put_name(rdata, target);
    put16(b, static_cast<unsigned>(rdata.size()));
    b.insert(b.end(), rdata.begin(), rdata.end());
}

constexpr unsigned kAnswer = 0x8400;  // QR, AA
constexpr unsigned kTruncated = 0x0200;

// The answer to q; empty for no answer at all.
Bytes answer(const Query& q, bool over_tcp, int& delay_ms) {
    delay_ms = 0;
    const std::string& n = q.name;
    Bytes b;
    auto with_question = [&](unsigned flags, unsigned count) {
        b = header(q.id, flags, count);
        b.insert(b.end(), q.question.begin(), q.question.end());
    };
    if (has_label(n, "silent")) return {};
    if (has_label(n, "slow")) {
        delay_ms = 5000;
        with_question(kAnswer, 1);
        put_a(b, n, 66, 0, 1);
    } else if (has_label(n, "wrong-id")) {
        b = header(q.id ^ 0x5a5a, kAnswer, 1);
        b.insert(b.end(), q.question.begin(), q.question.end());
        put_a(b, n, 66, 0, 2);
    } else if (has_label(n, "short-answer")) {
        with_question(kAnswer, 3);
        put_a(b, n, 66, 0, 3);
    } else if (has_label(n, "pointer-loop")) {
        with_question(kAnswer, 1);
        const auto self = b.size();
        put16(b, 0xC000u | static_cast<unsigned>(self));
        put16(b, 1);
        put16(b, 1);
        put32(b, 60);
        put16(b, 4);
        b.insert(b.end(), {127, 66, 0, 4});
    } else if (has_label(n, "bad-rdata")) {
        with_question(kAnswer, 1);
        put_name(b, n);
        put16(b, 1);
        put16(b, 1);
        put32(b, 60);
        put16(b, 3);
        b.insert(b.end(), {127, 66, 0});
    } else if (has_label(n, "tc") || has_label(n, "huge")) {
        if (!over_tcp) {
            with_question(kAnswer | kTruncated, 0);
        } else if (has_label(n, "tc")) {
            with_question(kAnswer, 2);
            put_cname(b, n, "target.tc.hostile.test");
            put_a(b, "target.tc.hostile.test", 66, 0, 5);
        } else {
            with_question(kAnswer, 400);
            for (unsigned i = 0; i < 400; ++i) put_a(b, n, 67, i / 256, i % 256);
        }
    } else if (has_label(n, "long-chain")) {
        with_question(kAnswer, 51);
        std::string owner = n;
        for (int i = 1; i <= 50; ++i) {
            const std::string target = "c" + std::to_string(i) + ".long-chain.hostile.test";
            put_cname(b, owner, target);
            owner = target;
        }
        put_a(b, owner, 66, 0, 6);
    } else {
        with_question(kAnswer | 5, 0);  // REFUSED
    }
    return b;
}

int listen_on(const char* address, int type) {
    const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(53);
    if (inet_pton(AF_INET, address, &sa.sin_addr) != 1 || ::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
        std::perror("hostile_dns: bind");
        std::exit(125);
    }
    if (type == SOCK_STREAM) ::listen(fd, 64);
    return fd;
}

// Serves queries on one TCP connection until the client closes it, as real servers do. (A server
// that closes after one answer makes c-ares fail every query in flight to it, whatever their
// transport: a limit of the library, documented in docs/robustness.md, and not what is tested here.)
void serve_tcp_client(int fd) {
    std::vector<std::uint8_t> buf;
    std::uint8_t chunk[4096];
    for (;;) {
        while (buf.size() < 2 || buf.size() < 2u + ((buf[0] << 8) | buf[1])) {
            const ssize_t n = ::read(fd, chunk, sizeof chunk);
            if (n <= 0) return;
            buf.insert(buf.end(), chunk, chunk + n);
        }
        const std::size_t len = (buf[0] << 8) | buf[1];
        Query q;
        const bool ok = parse_query(buf.data() + 2, len, q);
        buf.erase(buf.begin(), buf.begin() + static_cast<long>(2 + len));
        if (!ok) return;
        int delay = 0;
        const Bytes reply = answer(q, true, delay);
        if (reply.empty()) continue;
        std::this_thread::sleep_for(std::chrono::milliseconds(delay));
        Bytes framed;
        put16(framed, static_cast<unsigned>(reply.size()));
        framed.insert(framed.end(), reply.begin(), reply.end());
        if (::write(fd, framed.data(), framed.size()) < 0) return;
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4 || std::strcmp(argv[2], "--") != 0) {
        std::fprintf(stderr, "usage: hostile_dns ADDRESS -- COMMAND [ARGS...]\n");
        return 2;
    }
    const int udp = listen_on(argv[1], SOCK_DGRAM);
    const int tcp = listen_on(argv[1], SOCK_STREAM);
    const pid_t child = ::fork();
    if (child == 0) {
        ::execvp(argv[3], argv + 3);
        std::perror("hostile_dns: exec");
        _exit(127);
    }
    for (;;) {
        int status = 0;
        if (::waitpid(child, &status, WNOHANG) == child) {
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        pollfd fds[2] = {{udp, POLLIN, 0}, {tcp, POLLIN, 0}};
        if (::poll(fds, 2, 50) <= 0) continue;
        if (fds[0].revents & POLLIN) {
            std::uint8_t buf[4096];
            sockaddr_storage from{};
            socklen_t from_len = sizeof from;
            const ssize_t n = ::recvfrom(udp, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &from_len);
            Query q;
            if (n > 0 && parse_query(buf, static_cast<std::size_t>(n), q)) {
                int delay = 0;
                Bytes reply = answer(q, false, delay);
                if (!reply.empty()) {
                    // A slow answer is sent from a thread so the others are not held up.
                    std::thread([udp, reply, from, from_len, delay] {
                        std::this_thread::sleep_for(std::chrono::milliseconds(delay));
                        ::sendto(udp, reply.data(), reply.size(), 0, reinterpret_cast<const sockaddr*>(&from), from_len);
                    }).detach();
                }
            }
        }
        if (fds[1].revents & POLLIN) {
            const int client = ::accept4(tcp, nullptr, nullptr, SOCK_CLOEXEC);
            if (client >= 0) {
                std::thread([client] {
                    serve_tcp_client(client);
                    ::close(client);
                }).detach();
            }
        }
    }
}
