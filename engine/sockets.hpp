// The platform's sockets behind one seam: POSIX in sockets_posix.cpp, Winsock in sockets_windows.cpp
// (CMake builds one of the two). A socket is an int everywhere in the engine, as OpenSSL's SSL_set_fd
// takes it: a Winsock SOCKET is a kernel handle, and Windows keeps handles within 32 bits.
#pragma once

#include <cstddef>
#include <string>

#include "model/inet.hpp"

#ifndef _WIN32
#include <poll.h>
#endif

namespace mobcheck::sockets {

// Held for the whole probing. Windows: Winsock started and stopped. POSIX: SIGPIPE ignored, and the
// previous disposition restored after (OpenSSL writes with write(), which raises SIGPIPE on a socket
// the server has closed, and a server that resets the connection must not end the run).
class Session {
public:
    Session();
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

private:
    void (*previous_sigpipe_)(int) = nullptr;
};

// What a failed socket call's error code says.
enum class Failure { Refused, TimedOut, Unreachable, OutOfDescriptors, Other };

// A non-blocking stream socket that child processes do not inherit; -1 with error set when none.
int open_stream(int family, int& error);
// Starts a connect: 0 when it connected at once, kInProgress while it goes on (wait for the socket to be
// writable, then ask connect_result), or the error code it failed with.
constexpr int kInProgress = -1;
int start_connect(int fd, const sockaddr* address, int length);
// The result of a connect the socket became writable for: 0, or its error code.
int connect_result(int fd);
void close(int fd);

// poll() over the sockets: the number ready, 0 on a timeout or an interruption, -1 when polling failed.
int wait(pollfd* fds, std::size_t count, int timeout_ms);
inline void set_socket(pollfd& p, int fd) { p.fd = static_cast<decltype(p.fd)>(fd); }
inline int socket_of(const pollfd& p) { return static_cast<int>(p.fd); }

// The error code of the last failed socket call on this thread (errno, WSAGetLastError()).
int last_error();
// Forgets it, before a call whose failure is read from last_error().
void clear_error();
Failure classify(int error);
// One line, the same on every platform for the errors classify() names, so that reports made on
// Windows and on Linux read alike ("Connection refused", "No route to host").
std::string describe(int error);

// Where the resolvers come from when --internal-dns does not name them (c-ares reads them there).
#ifdef _WIN32
inline constexpr const char* kSystemResolverSettings = "the Windows network settings";
#else
inline constexpr const char* kSystemResolverSettings = "/etc/resolv.conf";
#endif

// The connections the run may have open at once without running out of descriptors: asked, or less
// when the process's open-file limit would not allow that many (the soft limit is raised to the hard
// one first). Windows has no such limit.
std::size_t descriptor_share(std::size_t asked);

}  // namespace mobcheck::sockets
