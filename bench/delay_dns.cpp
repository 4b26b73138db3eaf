// delay_dns: a UDP DNS forwarder that holds every answer for a fixed time, standing in for network
// latency (the lab's kernel has no netem).
//   delay_dns LISTEN_ADDRESS UPSTREAM_ADDRESS DELAY_MS
// Listens on LISTEN_ADDRESS:53, forwards each query to UPSTREAM_ADDRESS:53 and sends the answer
// back DELAY_MS after it arrived: one round trip costs DELAY_MS. Runs until killed.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <queue>
#include <unordered_map>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Pending {
    sockaddr_in client{};
    std::uint16_t client_id = 0;
};

struct Delayed {
    Clock::time_point due;
    sockaddr_in client{};
    std::vector<std::uint8_t> answer;
    bool operator>(const Delayed& o) const { return due > o.due; }
};

sockaddr_in address(const char* text, std::uint16_t port) {
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (inet_pton(AF_INET, text, &sa.sin_addr) != 1) {
        std::fprintf(stderr, "delay_dns: not an IPv4 address: %s\n", text);
        std::exit(2);
    }
    return sa;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: delay_dns LISTEN_ADDRESS UPSTREAM_ADDRESS DELAY_MS\n");
        return 2;
    }
    const sockaddr_in listen_at = address(argv[1], 53);
    const sockaddr_in upstream = address(argv[2], 53);
    const auto delay = std::chrono::milliseconds(std::atoi(argv[3]));

    const int front = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const int back = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const int size = 8 << 20;  // thousands of queries arrive at once
    for (int fd : {front, back}) {
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size);
        ::setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size);
    }
    if (::bind(front, reinterpret_cast<const sockaddr*>(&listen_at), sizeof listen_at) != 0) {
        std::perror("delay_dns: bind");
        return 1;
    }

    std::unordered_map<std::uint16_t, Pending> pending;  // upstream query ID → who asked
    std::uint16_t next_id = 1;
    std::priority_queue<Delayed, std::vector<Delayed>, std::greater<>> due;
    std::uint8_t buf[65536];

    for (;;) {
        const auto now = Clock::now();
        while (!due.empty() && due.top().due <= now) {
            const Delayed& d = due.top();
            ::sendto(front, d.answer.data(), d.answer.size(), 0, reinterpret_cast<const sockaddr*>(&d.client), sizeof d.client);
            due.pop();
        }
        int wait_ms = -1;
        if (!due.empty()) {
            wait_ms = static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(due.top().due - Clock::now()).count());
            if (wait_ms < 0) wait_ms = 0;
        }
        pollfd fds[2] = {{front, POLLIN, 0}, {back, POLLIN, 0}};
        if (::poll(fds, 2, wait_ms) <= 0) continue;
        if (fds[0].revents & POLLIN) {
            sockaddr_in client{};
            socklen_t len = sizeof client;
            const ssize_t n = ::recvfrom(front, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&client), &len);
            if (n >= 12) {
                const std::uint16_t id = next_id++;
                pending[id] = Pending{client, static_cast<std::uint16_t>((buf[0] << 8) | buf[1])};
                buf[0] = static_cast<std::uint8_t>(id >> 8);
                buf[1] = static_cast<std::uint8_t>(id);
                ::sendto(back, buf, static_cast<std::size_t>(n), 0, reinterpret_cast<const sockaddr*>(&upstream), sizeof upstream);
            }
        }
        if (fds[1].revents & POLLIN) {
            const ssize_t n = ::recv(back, buf, sizeof buf, 0);
            if (n >= 12) {
                const std::uint16_t id = static_cast<std::uint16_t>((buf[0] << 8) | buf[1]);
                auto it = pending.find(id);
                if (it != pending.end()) {
                    buf[0] = static_cast<std::uint8_t>(it->second.client_id >> 8);
                    buf[1] = static_cast<std::uint8_t>(it->second.client_id);
                    // The lab server answers in microseconds, so holding its answer for DELAY_MS makes
                    // one round trip cost DELAY_MS.
                    due.push(Delayed{Clock::now() + delay, it->second.client, std::vector<std::uint8_t>(buf, buf + n)});
                    pending.erase(it);
                }
            }
        }
    }
}
