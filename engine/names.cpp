// Parsing of user-typed names and addresses. Kept strict: a typo in a domain must be exit 2 with a
// clear line, not a lookup of a name nobody meant.
#include "mobcheck/names.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>

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

Parsed<ResolverAddress> parse_resolver(std::string_view input) {
    using P = Parsed<ResolverAddress>;
    const std::string shown = quoted(input);
    std::string host;
    std::string_view port_text;
    bool bracketed = false;
    if (!input.empty() && input.front() == '[') {
        const auto close = input.find(']');
        if (close == std::string_view::npos) return P::fail("resolver " + shown + ": missing ']' after the IPv6 address");
        host = std::string(input.substr(1, close - 1));
        std::string_view rest = input.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return P::fail("resolver " + shown + ": expected ':PORT' after ']'");
            port_text = rest.substr(1);
            if (port_text.empty()) return P::fail("resolver " + shown + ": empty port");
        }
        bracketed = true;
    } else if (std::count(input.begin(), input.end(), ':') > 1) {
        host = std::string(input);  // a bare IPv6 address: no port possible without brackets
    } else {
        const auto colon = input.find(':');
        host = std::string(input.substr(0, colon));
        if (colon != std::string_view::npos) {
            port_text = input.substr(colon + 1);
            if (port_text.empty()) return P::fail("resolver " + shown + ": empty port");
        }
    }

    ResolverAddress out;
    unsigned char buf[16];
    if (inet_pton(AF_INET6, host.c_str(), buf) == 1) {
        out.is_ipv6 = true;
    } else if (bracketed || inet_pton(AF_INET, host.c_str(), buf) != 1) {
        return P::fail("resolver " + shown +
                       " is not a numeric IP address (give ADDR, ADDR:PORT or [IPv6]:PORT, e.g. 10.0.0.10 or [::1]:53)");
    }
    out.address = host;
    if (!port_text.empty()) {
        unsigned value = 0;
        auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
        if (ec != std::errc() || ptr != port_text.data() + port_text.size() || value == 0 || value > 65535) {
            return P::fail("resolver " + shown + ": port " + quoted(port_text) + " is not a number from 1 to 65535");
        }
        out.port = static_cast<std::uint16_t>(value);
    }
    return P::ok(out);
}

bool is_in_domain(std::string_view name, std::string_view domain) {
    if (name == domain) return true;
    return name.size() > domain.size() && name.ends_with(domain) && name[name.size() - domain.size() - 1] == '.';
}

}  // namespace mobcheck
