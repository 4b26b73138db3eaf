// The address functions (inet_pton, inet_ntop) and socket address types, from wherever the platform
// keeps them: one seam, so no other source names a platform's headers.
#pragma once

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif
