#include <doctest/doctest.h>

#include "model/names.hpp"

using namespace mobcheck;

TEST_CASE("names::normalize_domain accepts and normalises host names") {
    CHECK(*normalize_domain("contoso.com") == "contoso.com");
    CHECK(*normalize_domain("Contoso.COM.") == "contoso.com");
    CHECK(*normalize_domain("xn--bcher-kva.example") == "xn--bcher-kva.example");
    CHECK(*normalize_domain("a-b.c0.example") == "a-b.c0.example");
    CHECK(*normalize_domain(std::string(63, 'a') + ".com") == std::string(63, 'a') + ".com");
}

TEST_CASE("names::normalize_domain rejects what is not a domain with the reason") {
    struct Case {
        const char* input;
        const char* reason;
    };
    for (const Case& c : {Case{"", "empty"}, Case{"bad domain!", "not allowed"}, Case{"contoso", "single label"},
                          Case{"contoso..com", "empty label"}, Case{".contoso.com", "empty label"},
                          Case{"-contoso.com", "start or end with '-'"}, Case{"contoso-.com", "start or end"},
                          Case{"10.0.0.1", "IP address"}, Case{"::1", "IP address"}, Case{"bücher.de", "non-ASCII"},
                          Case{"a_b.contoso.com", "not allowed"}, Case{"contoso.123", "all digits"}}) {
        CAPTURE(c.input);
        auto parsed = normalize_domain(c.input);
        CHECK_FALSE(parsed);
        CHECK(parsed.error.find(c.reason) != std::string::npos);
        CHECK(parsed.error.find('\n') == std::string::npos);
    }
    CHECK_FALSE(normalize_domain(std::string(64, 'a') + ".com"));
    std::string long_name;
    for (int i = 0; i < 50; ++i) long_name += "abcde.";
    long_name += "com";
    CHECK(normalize_domain(long_name).error.find("253") != std::string::npos);
    // Control characters never reach the one-line error.
    CHECK(normalize_domain("a\nb.com").error.find('\n') == std::string::npos);
}

TEST_CASE("names::parse_resolver takes ADDR or ADDR:PORT or an IPv6 address in brackets with a port") {
    auto v4 = parse_resolver("10.0.0.10");
    REQUIRE(v4);
    CHECK(v4->address == "10.0.0.10");
    CHECK(v4->port == 53);
    CHECK_FALSE(v4->is_ipv6);
    CHECK(v4->to_string() == "10.0.0.10:53");

    auto v4port = parse_resolver("127.0.0.1:5353");
    REQUIRE(v4port);
    CHECK(v4port->port == 5353);

    auto v6 = parse_resolver("[::1]:53");
    REQUIRE(v6);
    CHECK(v6->is_ipv6);
    CHECK(v6->address == "::1");
    CHECK(v6->to_string() == "[::1]:53");

    auto bare6 = parse_resolver("2001:db8::53");
    REQUIRE(bare6);
    CHECK(bare6->port == 53);
    CHECK(bare6->to_string() == "[2001:db8::53]:53");

    auto bracket_no_port = parse_resolver("[2001:db8::1]");
    REQUIRE(bracket_no_port);
    CHECK(bracket_no_port->port == 53);
}

TEST_CASE("names::parse_resolver refuses an unbracketed IPv6 address that reads like an address and a port") {
    auto ambiguous = parse_resolver("::1:53");
    REQUIRE_FALSE(ambiguous);
    CHECK(ambiguous.error.find("ambiguous: write [::1]:53 for a port, or [::1:53] for that address") != std::string::npos);
    CHECK_FALSE(parse_resolver("2001:db8::1:5353"));
    // Unambiguous forms stay accepted: without the last group it is no address, or it is bracketed.
    CHECK(parse_resolver("2001:db8::53"));
    CHECK(parse_resolver("::53"));
    auto bracketed = parse_resolver("[::1:53]");
    REQUIRE(bracketed);
    CHECK(bracketed->to_string() == "[::1:53]:53");
    CHECK(parse_resolver("[::1]:53"));
}

TEST_CASE("names::parse_resolver rejects names - bad ports - broken brackets") {
    for (const char* bad : {"", "dns.contoso.com", "10.0.0.1:", "10.0.0.1:0", "10.0.0.1:65536", "10.0.0.1:53x",
                            "[::1", "[::1]53", "[10.0.0.1]:53", "300.0.0.1", "[::1]:", "1.2.3.4:-1"}) {
        CAPTURE(bad);
        auto parsed = parse_resolver(bad);
        CHECK_FALSE(parsed);
        CHECK_FALSE(parsed.error.empty());
    }
}

TEST_CASE("names::is_in_domain compares whole labels") {
    CHECK(is_in_domain("contoso.com", "contoso.com"));
    CHECK(is_in_domain("webext.contoso.com", "contoso.com"));
    CHECK(is_in_domain("a.b.contoso.com", "contoso.com"));
    CHECK_FALSE(is_in_domain("notcontoso.com", "contoso.com"));
    CHECK_FALSE(is_in_domain("contoso.com.evil.net", "contoso.com"));
    CHECK_FALSE(is_in_domain("com", "contoso.com"));
}

TEST_CASE("names::parse_upn normalises the SIP domain and upn_domain gives it back") {
    const auto upn = parse_upn("Alice.Smith@Contoso.COM");
    REQUIRE(upn);
    CHECK(*upn == "Alice.Smith@contoso.com");
    CHECK(upn_domain(*upn) == "contoso.com");
    // The last @ separates the domain: a user part may hold one of its own.
    const auto odd = parse_upn("a@b@fabrikam.com");
    REQUIRE(odd);
    CHECK(upn_domain(*odd) == "fabrikam.com");
    CHECK_FALSE(parse_upn("alice"));
    CHECK_FALSE(parse_upn("@contoso.com"));
}
