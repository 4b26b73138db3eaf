#include <doctest/doctest.h>

#include <ares.h>
#include <ares_nameser.h>

#include <string>
#include <vector>

#include "dns_wire.hpp"

using namespace mobcheck;

namespace {

// Builds DNS messages byte by byte, as a server would send them.
struct Message {
    std::vector<unsigned char> bytes;
    void u8(unsigned v) { bytes.push_back(static_cast<unsigned char>(v)); }
    void u16(unsigned v) {
        u8(v >> 8);
        u8(v & 0xff);
    }
    void u32(unsigned v) {
        u16(v >> 16);
        u16(v & 0xffff);
    }
    // A name as labels; when pointer_to is given, the name ends in a compression pointer.
    void name(const std::string& dotted, int pointer_to = -1) {
        std::size_t start = 0;
        while (start < dotted.size()) {
            auto end = dotted.find('.', start);
            if (end == std::string::npos) end = dotted.size();
            u8(static_cast<unsigned>(end - start));
            for (std::size_t i = start; i < end; ++i) u8(static_cast<unsigned char>(dotted[i]));
            start = end + 1;
        }
        if (pointer_to >= 0) {
            u16(0xC000u | static_cast<unsigned>(pointer_to));
        } else {
            u8(0);
        }
    }
    void header(unsigned rcode, unsigned answers, bool aa = true, bool tc = false) {
        u16(0x1234);
        u8(0x81 | (aa ? 0x04 : 0) | (tc ? 0x02 : 0));  // QR, RD (+AA, TC)
        u8(0x80 | rcode);                               // RA
        u16(1);
        u16(answers);
        u16(0);
        u16(0);
    }
    void question(const std::string& qname, unsigned qtype) {
        name(qname);
        u16(qtype);
        u16(ns_c_in);
    }
    // Record header; returns the offset where rdata starts (rdlength patched by end_record).
    std::size_t record(unsigned type, unsigned ttl) {
        u16(type);
        u16(ns_c_in);
        u32(ttl);
        u16(0);
        return bytes.size();
    }
    void end_record(std::size_t rdata_start) {
        const std::size_t len = bytes.size() - rdata_start;
        bytes[rdata_start - 2] = static_cast<unsigned char>(len >> 8);
        bytes[rdata_start - 1] = static_cast<unsigned char>(len & 0xff);
    }
    std::optional<wire::Answer> parse(std::string* error = nullptr) const {
        return wire::parse_answer(bytes.data(), static_cast<int>(bytes.size()), error);
    }
};

constexpr int kQuestionName = 12;  // the question's name starts right after the header

}  // namespace

TEST_CASE("dns_wire: a CNAME chain with compressed names and an address") {
    Message m;
    m.header(0, 2);
    m.question("lyncdiscover.contoso.com", ns_t_a);
    m.u16(0xC000 | kQuestionName);  // owner: pointer to the question name
    auto rd = m.record(ns_t_cname, 300);
    const int target_offset = static_cast<int>(m.bytes.size());
    m.name("webext", kQuestionName + 13);  // "webext" + pointer to "contoso.com" inside the question
    m.end_record(rd);
    m.u16(0xC000u | static_cast<unsigned>(target_offset));
    rd = m.record(ns_t_a, 60);
    for (unsigned b : {127u, 20u, 0u, 10u}) m.u8(b);
    m.end_record(rd);

    auto answer = m.parse();
    REQUIRE(answer);
    CHECK(answer->rcode == 0);
    CHECK(answer->authoritative);
    REQUIRE(answer->cnames.size() == 1);
    CHECK(answer->cnames[0].name == "lyncdiscover.contoso.com");
    CHECK(answer->cnames[0].target == "webext.contoso.com");
    CHECK(answer->cnames[0].ttl == 300);
    REQUIRE(answer->addresses.size() == 1);
    CHECK(answer->addresses[0].owner == "webext.contoso.com");
    CHECK(answer->addresses[0].address == "127.20.0.10");
}

TEST_CASE("dns_wire: AAAA and SRV records with names lower-cased") {
    Message m;
    m.header(0, 2);
    m.question("_SipFederationTLS._tcp.Contoso.com", ns_t_srv);
    m.name("_sipfederationtls._tcp.contoso.com");
    auto rd = m.record(ns_t_srv, 3600);
    m.u16(0);
    m.u16(5);
    m.u16(5061);
    m.name("SIP.contoso.com");
    m.end_record(rd);
    m.name("sip.contoso.com");
    rd = m.record(ns_t_aaaa, 3600);
    for (int i = 0; i < 15; ++i) m.u8(i == 0 ? 0x20 : (i == 1 ? 0x01 : 0));
    m.u8(1);
    m.end_record(rd);

    auto answer = m.parse();
    REQUIRE(answer);
    REQUIRE(answer->srv.size() == 1);
    CHECK(answer->srv[0].owner == "_sipfederationtls._tcp.contoso.com");
    CHECK(answer->srv[0].srv.weight == 5);
    CHECK(answer->srv[0].srv.port == 5061);
    CHECK(answer->srv[0].srv.target == "sip.contoso.com");
    REQUIRE(answer->addresses.size() == 1);
    CHECK(answer->addresses[0].address == "2001::1");
}

TEST_CASE("dns_wire: rcode and flags of a negative answer") {
    Message m;
    m.header(3, 0, true, true);
    m.question("nothing.contoso.com", ns_t_a);
    auto answer = m.parse();
    REQUIRE(answer);
    CHECK(answer->rcode == 3);
    CHECK(answer->truncated);
    CHECK(wire::rcode_name(answer->rcode) == "NXDOMAIN");
    CHECK(wire::rcode_name(2) == "SERVFAIL");
    CHECK(wire::rcode_name(5) == "REFUSED");
    CHECK(wire::rcode_name(9) == "RCODE9");
}

TEST_CASE("dns_wire: malformed messages are errors and never crashes") {
    std::string error;
    CHECK_FALSE(wire::parse_answer(nullptr, 0, &error));
    CHECK_FALSE(error.empty());

    SUBCASE("shorter than a header") {
        const unsigned char tiny[5] = {1, 2, 3, 4, 5};
        CHECK_FALSE(wire::parse_answer(tiny, 5, &error));
    }
    SUBCASE("record data runs past the end") {
        Message m;
        m.header(0, 1);
        m.question("a.contoso.com", ns_t_a);
        m.u16(0xC000 | kQuestionName);
        m.record(ns_t_a, 1);
        m.bytes[m.bytes.size() - 1] = 200;  // rdlength 200, nothing follows
        CHECK_FALSE(m.parse(&error));
        CHECK(error.find("past") != std::string::npos);
    }
    SUBCASE("answer count larger than the answers") {
        Message m;
        m.header(0, 3);
        m.question("a.contoso.com", ns_t_a);
        CHECK_FALSE(m.parse(&error));
    }
    SUBCASE("compression pointer loop") {
        Message m;
        m.header(0, 1);
        m.question("a.contoso.com", ns_t_a);
        const int self = static_cast<int>(m.bytes.size());
        m.u16(0xC000u | static_cast<unsigned>(self));  // owner points at itself
        m.record(ns_t_a, 1);
        CHECK_FALSE(m.parse(&error));
    }
    SUBCASE("address record of the wrong size") {
        Message m;
        m.header(0, 1);
        m.question("a.contoso.com", ns_t_a);
        m.u16(0xC000 | kQuestionName);
        auto rd = m.record(ns_t_a, 1);
        m.u8(1);
        m.u8(2);
        m.end_record(rd);
        CHECK_FALSE(m.parse(&error));
    }
}
