#include "sockets.hpp"

#include <windows.h>

#include <stdexcept>

namespace mobcheck::sockets {

Session::Session() {
    WSADATA data{};
    if (::WSAStartup(MAKEWORD(2, 2), &data) != 0) throw std::runtime_error("cannot start Winsock 2.2");
}

Session::~Session() { ::WSACleanup(); }

int open_stream(int family, int& error) {
    // WSA_FLAG_NO_HANDLE_INHERIT: the socket is not inherited by child processes (as SOCK_CLOEXEC).
    const SOCKET s = ::WSASocketW(family, SOCK_STREAM, IPPROTO_TCP, nullptr, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
    if (s == INVALID_SOCKET) {
        error = ::WSAGetLastError();
        return -1;
    }
    u_long non_blocking = 1;
    if (::ioctlsocket(s, FIONBIO, &non_blocking) != 0) {
        error = ::WSAGetLastError();
        ::closesocket(s);
        return -1;
    }
    error = 0;
    return static_cast<int>(s);
}

int start_connect(int fd, const sockaddr* address, int length) {
    if (::connect(static_cast<SOCKET>(fd), address, length) == 0) return 0;
    const int error = ::WSAGetLastError();
    return error == WSAEWOULDBLOCK || error == WSAEINPROGRESS ? kInProgress : error;
}

int connect_result(int fd) {
    int error = 0;
    int len = sizeof error;
    if (::getsockopt(static_cast<SOCKET>(fd), SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&error), &len) != 0) {
        return ::WSAGetLastError();
    }
    return error;
}

void close(int fd) { ::closesocket(static_cast<SOCKET>(fd)); }

int wait(pollfd* fds, std::size_t count, int timeout_ms) {
    // WSAPoll with no sockets fails (WSAEINVAL) where poll() sleeps: sleep here instead.
    if (count == 0) {
        ::Sleep(static_cast<DWORD>(timeout_ms));
        return 0;
    }
    const int n = ::WSAPoll(fds, static_cast<ULONG>(count), timeout_ms);
    if (n == SOCKET_ERROR && ::WSAGetLastError() == WSAEINTR) return 0;
    return n == SOCKET_ERROR ? -1 : n;
}

int last_error() { return ::WSAGetLastError(); }

void clear_error() { ::WSASetLastError(0); }

Failure classify(int error) {
    switch (error) {
        case WSAECONNREFUSED: return Failure::Refused;
        case WSAETIMEDOUT: return Failure::TimedOut;
        case WSAEHOSTUNREACH:
        case WSAENETUNREACH:
        case WSAEHOSTDOWN:
        case WSAENETDOWN:
        case WSAEADDRNOTAVAIL: return Failure::Unreachable;
        case WSAEMFILE:
        case WSAENOBUFS: return Failure::OutOfDescriptors;
        default: return Failure::Other;
    }
}

std::string describe(int error) {
    // The words the Linux build's strerror() gives, so that both builds' reports read alike.
    switch (error) {
        case WSAECONNREFUSED: return "Connection refused";
        case WSAETIMEDOUT: return "Connection timed out";
        case WSAEHOSTUNREACH: return "No route to host";
        case WSAENETUNREACH: return "Network is unreachable";
        case WSAEHOSTDOWN: return "Host is down";
        case WSAENETDOWN: return "Network is down";
        case WSAEADDRNOTAVAIL: return "Cannot assign requested address";
        case WSAECONNRESET: return "Connection reset by peer";
        case WSAECONNABORTED: return "Software caused connection abort";
        case WSAEMFILE: return "Too many open files";
        case WSAENOBUFS: return "No buffer space available";
        default: break;
    }
    char text[256] = {};
    const DWORD n = ::FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr,
                                     static_cast<DWORD>(error), 0, text, sizeof text, nullptr);
    std::string line(text, n);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == '.')) line.pop_back();
    return line.empty() ? "Winsock error " + std::to_string(error) : line;
}

std::size_t descriptor_share(std::size_t asked) { return asked; }

}  // namespace mobcheck::sockets
