// The facts the tls.* checks read from one certificate (or certificate request) in PEM: names,
// dates, signature, key and key usage. Parsing is OpenSSL's; nothing here touches the network.
#pragma once

#include <openssl/x509.h>

#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mobcheck {

struct Certificate {
    bool is_request = false;  // a CSR (mobcheck cert FILE): no issuer, no dates yet
    std::string subject;      // RFC 2253: "CN=webext.contoso.com,O=Contoso"
    std::string issuer;
    // Names as the certificate writes them, any byte below 0x20, 0x7f or the backslash shown as \xHH
    // (in a dNSName also bytes from 0x80), so a name with a NUL prints as what it is.
    std::string common_name;                // the subject's CN, empty when there is none
    std::vector<std::string> dns_names;     // subjectAltName dNSName entries
    std::vector<std::string> ip_addresses;  // subjectAltName iPAddress entries
    std::optional<std::time_t> not_before;
    std::optional<std::time_t> not_after;
    std::string signature_algorithm;  // "ecdsa-with-SHA256", "sha1WithRSAEncryption"
    std::string signature_digest;     // "SHA256", "SHA1", "MD5"; empty for a request
    std::string key_type;             // "RSA", "EC", "Ed25519", ...
    int key_bits = 0;
    bool has_eku = false;              // an extendedKeyUsage extension is present
    bool server_auth = false;          // it allows TLS server authentication
    std::vector<std::string> ekus;     // "serverAuth", "clientAuth", ...
    bool self_signed = false;
    bool is_ca = false;
    std::string sha256;  // fingerprint of the DER, lower-case hex

    // How a name is covered (SPEC §3: RFC 6125, OpenSSL's X509_check_host; a wildcard covers
    // exactly one leftmost label, never a partial label).
    struct Coverage {
        bool covered = false;
        std::string matched;          // the SAN entry that matched ("*.contoso.com")
        bool subject_cn_only = false;  // not covered, but the subject CN names it (no SAN at all)
    };
    Coverage covers(std::string_view name) const;

    std::shared_ptr<X509> x509;  // the certificate (for a request: one built from its subject and extensions)
};

// One PEM block, a CERTIFICATE or a CERTIFICATE REQUEST; nullopt when OpenSSL cannot read it.
std::optional<Certificate> parse_certificate(const std::string& pem);

// "webext.contoso.com, lyncdiscover.contoso.com" or "(none)"; past at_most entries, "... and 480 more
// (500 names in all, ...)": a certificate with hundreds of names must not make every message that long.
std::string san_list(const Certificate& cert, std::size_t at_most = 20);

}  // namespace mobcheck
