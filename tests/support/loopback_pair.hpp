// Two connected TCP sockets on 127.0.0.1, made with the engine's socket seam (engine/sockets.hpp),
// for tests of the event loop that must run on POSIX and on Windows alike: Winsock's WSAPoll waits on
// sockets only, never on a pipe.
#pragma once

#include <doctest/doctest.h>

#include "sockets.hpp"

namespace mobcheck::test {

#ifdef _WIN32
using NativeSocket = SOCKET;
using AddressLength = int;
#else
using NativeSocket = int;
using AddressLength = socklen_t;
#endif

struct LoopbackPair {
    int client = -1;
    int server = -1;

    LoopbackPair() {
        int error = 0;
        const int listener = sockets::open_stream(AF_INET, error);
        REQUIRE(listener >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        AddressLength length = sizeof address;
        const auto native = static_cast<NativeSocket>(listener);
        REQUIRE(::bind(native, reinterpret_cast<sockaddr*>(&address), length) == 0);
        REQUIRE(::listen(native, 1) == 0);
        REQUIRE(::getsockname(native, reinterpret_cast<sockaddr*>(&address), &length) == 0);
        client = sockets::open_stream(AF_INET, error);
        REQUIRE(client >= 0);
        const int rc = sockets::start_connect(client, reinterpret_cast<sockaddr*>(&address), static_cast<int>(length));
        REQUIRE((rc == 0 || rc == sockets::kInProgress));
        // The listener is non-blocking too: the connection arrives within moments on loopback.
        for (int i = 0; i < 200 && server < 0; ++i) {
            const auto accepted = ::accept(native, nullptr, nullptr);
            if (accepted != static_cast<NativeSocket>(-1)) {
                server = static_cast<int>(accepted);
            } else {
                pollfd p{};
                sockets::set_socket(p, listener);
                p.events = POLLIN;
                sockets::wait(&p, 1, 10);
            }
        }
        sockets::close(listener);
        REQUIRE(server >= 0);
    }
    ~LoopbackPair() {
        sockets::close(client);
        sockets::close(server);
    }
    LoopbackPair(const LoopbackPair&) = delete;
    LoopbackPair& operator=(const LoopbackPair&) = delete;

    static bool send_byte(int fd, char c) { return ::send(static_cast<NativeSocket>(fd), &c, 1, 0) == 1; }
    static bool receive_byte(int fd, char& c) { return ::recv(static_cast<NativeSocket>(fd), &c, 1, 0) == 1; }
};

}  // namespace mobcheck::test
