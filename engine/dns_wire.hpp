// Reading a DNS response's answer section. c-ares 1.18 parses A/AAAA/SRV replies into hostent-like
// structures that lose the CNAME hops and the rcode; we want every hop as evidence, so we walk the
// records ourselves, with c-ares' ares_expand_name doing the name decompression.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/evidence.hpp"

namespace mobcheck::wire {

struct AddressRecord {
    std::string owner;
    std::string address;  // text form
    std::uint32_t ttl = 0;
};

struct SrvRecord {
    std::string owner;
    SrvTarget srv;
};

struct Answer {
    int rcode = 0;
    bool truncated = false;
    bool authoritative = false;
    std::vector<CnameHop> cnames;  // every CNAME of the answer section, in order
    std::vector<AddressRecord> addresses;  // A and AAAA
    std::vector<SrvRecord> srv;
};

// Parses a whole response. Returns nullopt and sets *error on a malformed message.
std::optional<Answer> parse_answer(const unsigned char* message, int length, std::string* error);

// "NOERROR", "NXDOMAIN", ... ; "RCODE<n>" for the rest.
std::string rcode_name(int rcode);

}  // namespace mobcheck::wire
