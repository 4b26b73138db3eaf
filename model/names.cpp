// Parsing of user-typed names and addresses. Kept strict: a typo in a domain must be exit 2 with a
// clear line, not a lookup of a name nobody meant.
#include "model/names.hpp"

#include "model/inet.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace mobcheck {

namespace {

bool is_ip_literal(std::string_view text) {
    std::string s(text);
    unsigned char buf[16];
    return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

std::string quoted(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            out += '?';  // keep the error one line, whatever was typed
        } else {
            out += c;
        }
    }
    return out + "'";
}

}  // namespace

const char* to_string(DnsView view) { return view == DnsView::Internal ? "internal" : "external"; }
const char* to_string(Vantage vantage) { return vantage == Vantage::Internal ? "internal" : "external"; }

std::string ResolverAddress::to_string() const {
    return (is_ipv6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

std::vector<std::string> ProbeFamilies::names() const {
    std::vector<std::string> out;
    if (dns) out.emplace_back("dns");
    if (ports) out.emplace_back("ports");
    if (tls) out.emplace_back("tls");
    if (http) out.emplace_back("http");
    return out;
}

std::vector<ResolverAddress> default_external_resolvers() {
    // Well-known public resolvers: they see the view the Internet sees.
    return {{"1.1.1.1", 53, false}, {"8.8.8.8", 53, false}, {"9.9.9.9", 53, false}};
}

std::string canonical_name(std::string_view name) {
    std::string out(name);
    if (!out.empty() && out.back() == '.') out.pop_back();
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

Parsed<std::string> normalize_domain(std::string_view input) {
    using P = Parsed<std::string>;
    const std::string shown = quoted(input);
    if (input.empty()) return P::fail("empty domain name");
    for (char c : input) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return P::fail("domain " + shown +
                           " contains non-ASCII characters: give an internationalised name in its ASCII "
                           "form (xn--...), as printed by `idn2 NAME`");
        }
    }
    std::string name = canonical_name(input);
    if (name.empty() || name.front() == '.') return P::fail("domain " + shown + " is not a valid DNS name (empty label)");
    if (is_ip_literal(name)) return P::fail("domain " + shown + " is an IP address, not a domain name");
    if (name.size() > 253) return P::fail("domain " + shown + " is longer than 253 characters");

    std::size_t labels = 0;
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find('.', start);
        if (end == std::string::npos) end = name.size();
        std::string_view label(name.data() + start, end - start);
        if (label.empty()) return P::fail("domain " + shown + " is not a valid DNS name (empty label)");
        if (label.size() > 63) return P::fail("domain " + shown + " has a label longer than 63 characters");
        for (char c : label) {
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) {
                return P::fail("domain " + shown + " is not a valid DNS name (character " + quoted(std::string(1, c)) +
                               " is not allowed; use letters, digits, '-' and '.')");
            }
        }
        if (label.front() == '-' || label.back() == '-') {
            return P::fail("domain " + shown + " is not a valid DNS name (a label cannot start or end with '-')");
        }
        ++labels;
        start = end + 1;
    }
    if (labels < 2) return P::fail("domain " + shown + " has a single label; give a fully qualified name such as contoso.com");
    const std::string tld = name.substr(name.rfind('.') + 1);
    if (std::all_of(tld.begin(), tld.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return P::fail("domain " + shown + " is not a valid DNS name (the last label is all digits)");
    }
    return P::ok(name);
}

namespace {

// "HOST", "HOST:PORT", "[V6]", "[V6]:PORT", or a bare IPv6 address (no port possible without brackets).
struct HostPort {
    std::string host;
    std::optional<std::uint16_t> port;
    bool bracketed = false;
};

Parsed<HostPort> split_host_port(std::string_view input, const std::string& what) {
    using P = Parsed<HostPort>;
    const std::string shown = what + " " + quoted(input);
    HostPort out;
    std::string_view port_text;
    bool has_port = false;
    if (!input.empty() && input.front() == '[') {
        const auto close = input.find(']');
        if (close == std::string_view::npos) return P::fail(shown + ": missing ']' after the IPv6 address");
        out.host = std::string(input.substr(1, close - 1));
        out.bracketed = true;
        std::string_view rest = input.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return P::fail(shown + ": expected ':PORT' after ']'");
            port_text = rest.substr(1);
            has_port = true;
        }
    } else if (std::count(input.begin(), input.end(), ':') > 1) {
        out.host = std::string(input);
    } else {
        const auto colon = input.find(':');
        out.host = std::string(input.substr(0, colon));
        if (colon != std::string_view::npos) {
            port_text = input.substr(colon + 1);
            has_port = true;
        }
    }
    if (has_port) {
        unsigned value = 0;
        auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
        if (port_text.empty() || ec != std::errc() || ptr != port_text.data() + port_text.size() || value == 0 ||
            value > 65535) {
            return P::fail(shown + ": port " + quoted(port_text) + " is not a number from 1 to 65535");
        }
        out.port = static_cast<std::uint16_t>(value);
    }
    return P::ok(out);
}

bool is_ipv6_literal(const std::string& text) {
    unsigned char buf[16];
    return inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

bool is_ipv4_literal(const std::string& text) {
    unsigned char buf[4];
    return inet_pton(AF_INET, text.c_str(), buf) == 1;
}

}  // namespace

Parsed<ResolverAddress> parse_resolver(std::string_view input) {
    using P = Parsed<ResolverAddress>;
    auto split = split_host_port(input, "resolver");
    if (!split) return P::fail(split.error);
    ResolverAddress out;
    out.address = split->host;
    out.is_ipv6 = is_ipv6_literal(split->host);
    if (out.is_ipv6 && !split->bracketed) {
        // "::1:53" is an address (::0.1.0.83) and reads like ::1 port 53: refuse to guess.
        const auto colon = split->host.rfind(':');
        const std::string tail = split->host.substr(colon + 1);
        const std::string head = split->host.substr(0, colon);
        if (!tail.empty() && tail.size() <= 5 && std::all_of(tail.begin(), tail.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
            is_ipv6_literal(head)) {
            return P::fail("resolver " + quoted(input) + " is ambiguous: write [" + head + "]:" + tail +
                           " for a port, or [" + split->host + "] for that address");
        }
    }
    if (!out.is_ipv6 && (split->bracketed || !is_ipv4_literal(split->host))) {
        return P::fail("resolver " + quoted(input) +
                       " is not a numeric IP address (give ADDR, ADDR:PORT or [IPv6]:PORT, e.g. 10.0.0.10 or [::1]:53)");
    }
    if (split->port) out.port = *split->port;
    return P::ok(out);
}

Parsed<std::string> parse_host(std::string_view input) {
    const std::string text(input);
    if (is_ipv4_literal(text) || is_ipv6_literal(text)) return Parsed<std::string>::ok(text);
    return normalize_domain(input);
}

Parsed<Plan::Endpoint> parse_endpoint(std::string_view input, std::uint16_t default_port) {
    using P = Parsed<Plan::Endpoint>;
    auto split = split_host_port(input, "endpoint");
    if (!split) return P::fail(split.error);
    if (split->bracketed && !is_ipv6_literal(split->host)) {
        return P::fail("endpoint " + quoted(input) + ": only an IPv6 address goes in brackets");
    }
    auto host = parse_host(split->host);
    if (!host) return P::fail(host.error);
    return P::ok(Plan::Endpoint{*host, split->port.value_or(default_port)});
}

Parsed<std::string> parse_upn(std::string_view input) {
    using P = Parsed<std::string>;
    const auto at = input.rfind('@');
    if (at == std::string_view::npos || at == 0) return P::fail("expected USER@SIPDOMAIN, got " + quoted(input));
    auto domain = normalize_domain(input.substr(at + 1));
    if (!domain) return P::fail(domain.error);
    return P::ok(std::string(input.substr(0, at)) + "@" + *domain);
}

std::string upn_domain(std::string_view upn) { return std::string(upn.substr(upn.rfind('@') + 1)); }

bool is_in_domain(std::string_view name, std::string_view domain) {
    if (name == domain) return true;
    return name.size() > domain.size() && name.ends_with(domain) && name[name.size() - domain.size() - 1] == '.';
}

std::string lyncdiscover_name(std::string_view sip) { return "lyncdiscover." + std::string(sip); }
std::string lyncdiscoverinternal_name(std::string_view sip) { return "lyncdiscoverinternal." + std::string(sip); }
std::string federation_srv_name(std::string_view sip) { return "_sipfederationtls._tcp." + std::string(sip); }

}  // namespace mobcheck
