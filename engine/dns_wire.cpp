#include "dns_wire.hpp"

#include <ares.h>
#include "model/inet.hpp"
#include <ares_nameser.h>

#include "model/names.hpp"

namespace mobcheck::wire {

namespace {

constexpr int kHeaderSize = 12;

std::uint16_t read16(const unsigned char* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }
std::uint32_t read32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

// Expands the (possibly compressed) name at p; advances *consumed. Returns false when malformed.
bool expand(const unsigned char* p, const unsigned char* message, int length, std::string& out, long& consumed) {
    char* name = nullptr;
    long len = 0;
    if (ares_expand_name(p, message, length, &name, &len) != ARES_SUCCESS) return false;
    out = canonical_name(name);
    ares_free_string(name);
    consumed = len;
    return true;
}

}  // namespace

std::string rcode_name(int rcode) {
    switch (rcode) {
        case 0: return "NOERROR";
        case 1: return "FORMERR";
        case 2: return "SERVFAIL";
        case 3: return "NXDOMAIN";
        case 4: return "NOTIMP";
        case 5: return "REFUSED";
        default: return "RCODE" + std::to_string(rcode);
    }
}

std::optional<Answer> parse_answer(const unsigned char* message, int length, std::string* error) {
    auto fail = [&](const char* why) -> std::optional<Answer> {
        if (error) *error = why;
        return std::nullopt;
    };
    if (message == nullptr || length < kHeaderSize) return fail("response shorter than a DNS header");
    Answer answer;
    answer.rcode = message[3] & 0x0f;
    answer.truncated = (message[2] & 0x02) != 0;
    answer.authoritative = (message[2] & 0x04) != 0;
    const int qdcount = read16(message + 4);
    const int ancount = read16(message + 6);

    const unsigned char* p = message + kHeaderSize;
    const unsigned char* end = message + length;
    for (int i = 0; i < qdcount; ++i) {
        std::string qname;
        long used = 0;
        if (!expand(p, message, length, qname, used)) return fail("malformed question name");
        p += used;
        if (end - p < 4) return fail("truncated question");
        p += 4;
    }
    for (int i = 0; i < ancount; ++i) {
        std::string owner;
        long used = 0;
        if (!expand(p, message, length, owner, used)) return fail("malformed answer owner name");
        p += used;
        if (end - p < 10) return fail("truncated answer record");
        const std::uint16_t type = read16(p);
        const std::uint32_t ttl = read32(p + 4);
        const std::uint16_t rdlength = read16(p + 8);
        p += 10;
        if (end - p < rdlength) return fail("answer record data runs past the message");
        const unsigned char* rdata = p;
        p += rdlength;
        switch (type) {
            case ns_t_cname: {
                std::string target;
                if (!expand(rdata, message, length, target, used)) return fail("malformed CNAME target");
                answer.cnames.push_back(CnameHop{owner, target, ttl});
                break;
            }
            case ns_t_a:
            case ns_t_aaaa: {
                const int family = type == ns_t_a ? AF_INET : AF_INET6;
                const int size = type == ns_t_a ? 4 : 16;
                if (rdlength != size) return fail("address record of the wrong size");
                char text[INET6_ADDRSTRLEN] = {};
                inet_ntop(family, rdata, text, sizeof text);
                answer.addresses.push_back(AddressRecord{owner, text, ttl});
                break;
            }
            case ns_t_srv: {
                if (rdlength < 7) return fail("SRV record too short");
                SrvRecord record{owner, {}};
                record.srv.priority = read16(rdata);
                record.srv.weight = read16(rdata + 2);
                record.srv.port = read16(rdata + 4);
                record.srv.ttl = ttl;
                if (!expand(rdata + 6, message, length, record.srv.target, used)) return fail("malformed SRV target");
                answer.srv.push_back(std::move(record));
                break;
            }
            default:
                break;  // DNAME, RRSIG, ...: not needed for the rules, ignored
        }
    }
    return answer;
}

}  // namespace mobcheck::wire
