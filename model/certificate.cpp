#include "model/certificate.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "model/inet.hpp"
#include "model/utc_time.hpp"

#include <algorithm>
#include <cstdio>

#include "model/names.hpp"
#include "model/x509_util.hpp"

namespace mobcheck {

namespace {

// A name as a certificate holds it, made safe to print: a byte a terminal, a log or a naive reader
// would act on (NUL, an escape sequence, a newline) is shown as \xHH, and so is the backslash, so the
// text stays unambiguous. A dNSName is ASCII (IA5String): its bytes from 0x80 are escaped too; a
// subject's UTF-8 keeps them. "lyncdiscover.contoso.com\x00.evil.example" is never mistaken for
// "lyncdiscover.contoso.com".
std::string printable(std::string_view bytes, bool keep_utf8) {
    std::string out;
    out.reserve(bytes.size());
    for (const char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        if (b < 0x20 || b == 0x7f || b == '\\' || (b >= 0x80 && !keep_utf8)) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02x", b);
            out += hex;
        } else {
            out += ch;
        }
    }
    return out;
}

std::string common_name_of(const X509_NAME* name) {
    const int at = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (at < 0) return "";
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, at));
    unsigned char* utf8 = nullptr;
    const int len = ASN1_STRING_to_UTF8(&utf8, data);
    if (len < 0) return "";
    std::string out = printable(std::string_view(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(len)), true);
    OPENSSL_free(utf8);
    return out;
}

std::optional<std::time_t> time_of(const ASN1_TIME* t) {
    std::tm tm{};
    if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
    return utc_seconds(tm);
}

void read_alt_names(X509* x, Certificate& c) {
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr));
    if (names == nullptr) return;
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names, i);
        if (gn->type == GEN_DNS) {
            const ASN1_IA5STRING* s = gn->d.dNSName;
            c.dns_names.push_back(printable(std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                                             static_cast<std::size_t>(ASN1_STRING_length(s))),
                                            false));
        } else if (gn->type == GEN_IPADD) {
            const ASN1_OCTET_STRING* s = gn->d.iPAddress;
            char text[INET6_ADDRSTRLEN] = "";
            const int len = ASN1_STRING_length(s);
            if (len == 4 || len == 16) {
                inet_ntop(len == 4 ? AF_INET : AF_INET6, ASN1_STRING_get0_data(s), text, sizeof text);
                c.ip_addresses.emplace_back(text);
            }
        }
    }
    GENERAL_NAMES_free(names);
}

void read_key_usage(X509* x, Certificate& c) {
    const uint32_t flags = X509_get_extension_flags(x);
    c.has_eku = (flags & EXFLAG_XKUSAGE) != 0;
    c.server_auth = c.has_eku && (X509_get_extended_key_usage(x) & XKU_SSL_SERVER) != 0;
    auto* usages = static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(x, NID_ext_key_usage, nullptr, nullptr));
    if (usages == nullptr) return;
    for (int i = 0; i < sk_ASN1_OBJECT_num(usages); ++i) {
        const ASN1_OBJECT* usage = sk_ASN1_OBJECT_value(usages, i);
        const int nid = OBJ_obj2nid(usage);
        char text[128];
        if (nid != NID_undef) {
            c.ekus.emplace_back(OBJ_nid2sn(nid));  // "serverAuth", as certificate templates name it
        } else if (OBJ_obj2txt(text, sizeof text, usage, 1) > 0) {
            c.ekus.emplace_back(text);
        }
    }
    EXTENDED_KEY_USAGE_free(usages);
}

void read_key(EVP_PKEY* key, Certificate& c) {
    if (key == nullptr) return;
    c.key_bits = EVP_PKEY_get_bits(key);
    const char* type = EVP_PKEY_get0_type_name(key);
    c.key_type = type != nullptr ? type : "unknown";
}

// A request has no certificate yet; one with its subject, key and requested extensions lets the same
// OpenSSL functions (X509_check_host, the EKU flags) judge it.
std::shared_ptr<X509> certificate_from_request(X509_REQ* req) {
    std::shared_ptr<X509> x(X509_new(), &X509_free);
    if (!x) return nullptr;
    X509_set_subject_name(x.get(), X509_REQ_get_subject_name(req));
    X509_set_pubkey(x.get(), X509_REQ_get0_pubkey(req));
    if (STACK_OF(X509_EXTENSION)* exts = X509_REQ_get_extensions(req)) {
        for (int i = 0; i < sk_X509_EXTENSION_num(exts); ++i) X509_add_ext(x.get(), sk_X509_EXTENSION_value(exts, i), -1);
        sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    }
    return x;
}

}  // namespace

std::optional<Certificate> parse_certificate(const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    if (!bio) return std::nullopt;
    Certificate c;
    if (pem.find("-----BEGIN CERTIFICATE REQUEST-----") != std::string::npos ||
        pem.find("-----BEGIN NEW CERTIFICATE REQUEST-----") != std::string::npos) {
        std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> req(
            PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr), &X509_REQ_free);
        ERR_clear_error();
        if (!req) return std::nullopt;
        c.is_request = true;
        c.x509 = certificate_from_request(req.get());
        if (!c.x509) return std::nullopt;
        read_key(X509_REQ_get0_pubkey(req.get()), c);
    } else {
        X509* raw = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
        ERR_clear_error();
        if (raw == nullptr) return std::nullopt;
        c.x509 = std::shared_ptr<X509>(raw, &X509_free);
        c.issuer = name_text(X509_get_issuer_name(raw));
        c.not_before = time_of(X509_get0_notBefore(raw));
        c.not_after = time_of(X509_get0_notAfter(raw));
        c.signature_algorithm = OBJ_nid2ln(X509_get_signature_nid(raw));
        int digest = NID_undef;
        if (X509_get_signature_info(raw, &digest, nullptr, nullptr, nullptr) == 1 && digest != NID_undef) {
            c.signature_digest = OBJ_nid2sn(digest);
        }
        // Self-signed: issued by its own name and its own key (whatever its key usage allows).
        c.self_signed = X509_NAME_cmp(X509_get_subject_name(raw), X509_get_issuer_name(raw)) == 0 &&
                        X509_verify(raw, X509_get0_pubkey(raw)) == 1;
        c.is_ca = X509_check_ca(raw) > 0;
        read_key(X509_get0_pubkey(raw), c);
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int md_len = 0;
        if (X509_digest(raw, EVP_sha256(), md, &md_len) == 1) {
            for (unsigned int i = 0; i < md_len; ++i) {
                char hex[3];
                std::snprintf(hex, sizeof hex, "%02x", md[i]);
                c.sha256 += hex;
            }
        }
    }
    X509* x = c.x509.get();
    c.subject = name_text(X509_get_subject_name(x));
    c.common_name = common_name_of(X509_get_subject_name(x));
    read_alt_names(x, c);
    read_key_usage(x, c);
    ERR_clear_error();
    return c;
}

Certificate::Coverage Certificate::covers(std::string_view name) const {
    Coverage out;
    const std::string wanted = canonical_name(name);
    // RFC 6125 §6.4.4: with DNS names in the SAN list the subject CN is never consulted; mobile
    // platforms (iOS 13 and later, Android, browsers) ignore it even without them, so a name only in
    // the CN is not covered, and said so.
    constexpr unsigned kFlags = X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT;
    char* peer = nullptr;
    if (X509_check_host(x509.get(), wanted.data(), wanted.size(), kFlags, &peer) == 1) {
        out.covered = true;
        if (peer != nullptr) out.matched = peer;
    } else if (dns_names.empty() &&
               X509_check_host(x509.get(), wanted.data(), wanted.size(), X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS,
                               nullptr) == 1) {
        out.subject_cn_only = true;
    }
    OPENSSL_free(peer);
    ERR_clear_error();
    return out;
}

std::string san_list(const Certificate& cert, std::size_t at_most) {
    std::vector<std::string> entries = cert.dns_names;
    for (const auto& a : cert.ip_addresses) entries.push_back("IP " + a);
    if (entries.empty()) return "(none)";
    std::string text;
    const std::size_t shown = std::min(entries.size(), std::max<std::size_t>(at_most, 1));
    for (std::size_t i = 0; i < shown; ++i) text += (i == 0 ? "" : ", ") + entries[i];
    if (shown < entries.size()) {
        text += " and " + std::to_string(entries.size() - shown) + " more (" + std::to_string(entries.size()) +
                " names in all; the evidence of --format json lists every one)";
    }
    return text;
}

}  // namespace mobcheck
