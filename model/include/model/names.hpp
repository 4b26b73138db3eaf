// Parsing and normalising what users type: domain names and resolver addresses.
// Errors are returned as text, one line, naming the offending input; the CLI turns them into exit 2.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/plan.hpp"

namespace mobcheck {

// A value or the one-line reason it was rejected.
template <typename T>
struct Parsed {
    std::optional<T> value;
    std::string error;  // empty when value is set

    explicit operator bool() const { return value.has_value(); }
    const T& operator*() const { return *value; }
    const T* operator->() const { return &*value; }
    static Parsed ok(T v) { return Parsed{std::move(v), {}}; }
    static Parsed fail(std::string why) { return Parsed{std::nullopt, std::move(why)}; }
};

// Validates a DNS host name (RFC 1123 labels, at most 253 characters, at least two labels) and
// normalises it: lower case, no trailing dot. Non-ASCII (IDN) input is rejected with a hint to give
// the ASCII "xn--" form; IP addresses are rejected as they are not domain names.
Parsed<std::string> normalize_domain(std::string_view input);

// Parses "ADDR", "ADDR:PORT", "[V6]" or "[V6]:PORT" (numeric addresses only).
Parsed<ResolverAddress> parse_resolver(std::string_view input);

// A host to connect to: an FQDN (normalised as by normalize_domain) or a numeric IPv4/IPv6 address.
Parsed<std::string> parse_host(std::string_view input);

// "HOST", "HOST:PORT", "[V6]" or "[V6]:PORT" (--apns); default_port when none is given.
Parsed<Plan::Endpoint> parse_endpoint(std::string_view input, std::uint16_t default_port);

// A user principal name, "alice@contoso.com" (--user): the domain part normalised.
Parsed<std::string> parse_upn(std::string_view input);
// The SIP domain of a UPN parse_upn accepted: "contoso.com" for "alice@contoso.com".
std::string upn_domain(std::string_view upn);

// True when name equals domain or lies below it ("a.b.contoso.com" in "contoso.com").
// Both must be normalised.
bool is_in_domain(std::string_view name, std::string_view domain);

// Lower-cases and strips one trailing dot: the form names take in evidence (answers from DNS
// servers carry their own case).
std::string canonical_name(std::string_view name);

// The names each SIP domain is looked up under (Microsoft, "Technical requirements for mobility in Lync
// Server 2013": the automatic discovery records).
std::string lyncdiscover_name(std::string_view sip_domain);          // lyncdiscover.<sip>
std::string lyncdiscoverinternal_name(std::string_view sip_domain);  // lyncdiscoverinternal.<sip>
std::string federation_srv_name(std::string_view sip_domain);        // _sipfederationtls._tcp.<sip>

}  // namespace mobcheck
