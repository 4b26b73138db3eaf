#include "sockets.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

namespace mobcheck::sockets {

Session::Session() : previous_sigpipe_(std::signal(SIGPIPE, SIG_IGN)) {}

Session::~Session() { std::signal(SIGPIPE, previous_sigpipe_ == SIG_ERR ? SIG_DFL : previous_sigpipe_); }

int open_stream(int family, int& error) {
    const int fd = ::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    error = fd < 0 ? errno : 0;
    return fd;
}

int start_connect(int fd, const sockaddr* address, int length) {
    if (::connect(fd, address, static_cast<socklen_t>(length)) == 0) return 0;
    return errno == EINPROGRESS ? kInProgress : errno;
}

int connect_result(int fd) {
    int error = 0;
    socklen_t len = sizeof error;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0) return errno;
    return error;
}

void close(int fd) { ::close(fd); }

int wait(pollfd* fds, std::size_t count, int timeout_ms) {
    const int n = ::poll(fds, count, timeout_ms);
    if (n < 0 && errno == EINTR) return 0;
    return n;
}

int last_error() { return errno; }

void clear_error() { errno = 0; }

Failure classify(int error) {
    switch (error) {
        case ECONNREFUSED: return Failure::Refused;
        case ETIMEDOUT: return Failure::TimedOut;
        case EHOSTUNREACH:
        case ENETUNREACH:
        case EHOSTDOWN:
        case ENETDOWN:
        case EADDRNOTAVAIL: return Failure::Unreachable;
        case EMFILE:
        case ENFILE: return Failure::OutOfDescriptors;
        default: return Failure::Other;
    }
}

std::string describe(int error) { return std::strerror(error); }

std::size_t descriptor_share(std::size_t asked) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return asked;
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    if (limit.rlim_cur == RLIM_INFINITY) return asked;
    // A reserve for everything that is not a probe (stdio, the report and evidence files, the
    // resolvers' sockets, libcurl's and OpenSSL's own); the rest is shared by the TCP connects and TLS
    // handshakes on one side and the HTTP connections on the other.
    constexpr rlim_t kReserve = 32;
    const rlim_t share = limit.rlim_cur > kReserve + 2 ? (limit.rlim_cur - kReserve) / 2 : 1;
    return std::min<std::size_t>(asked, static_cast<std::size_t>(share));
}

}  // namespace mobcheck::sockets
