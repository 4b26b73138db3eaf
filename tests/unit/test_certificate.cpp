// Certificate facts and name matching (SPEC §3: RFC 6125 through OpenSSL's X509_check_host), on
// certificates made here with OpenSSL for each case of the table.
#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <functional>
#include <sstream>

#include "evidence_builders.hpp"
#include "model/certificate.hpp"

using mobcheck::Certificate;
using mobcheck::parse_certificate;

namespace {

// A self-signed EC certificate with this subject CN (empty: none) and subjectAltName value (empty: none).
// extra, when given, adds to the certificate before it is signed.
std::string make_pem(const std::string& cn, const std::string& san, const std::function<void(X509*)>& extra = {}) {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* x = X509_new();
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 86400);
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Test"), -1, -1, 0);
    if (!cn.empty()) {
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
    }
    X509_set_issuer_name(x, name);
    X509_set_pubkey(x, key);
    if (!san.empty()) {
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.c_str());
        REQUIRE(ext != nullptr);
        X509_add_ext(x, ext, -1);
        X509_EXTENSION_free(ext);
    }
    if (extra) extra(x);
    X509_sign(x, key, EVP_sha256());
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, x);
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    X509_free(x);
    EVP_PKEY_free(key);
    return pem;
}

Certificate make(const std::string& cn, const std::string& san) {
    auto c = parse_certificate(make_pem(cn, san));
    REQUIRE(c.has_value());
    return *c;
}

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("certificate: name coverage follows RFC 6125") {
    struct Case {
        const char* cn;
        const char* san;
        const char* name;
        bool covered;
        const char* why;
    };
    const Case cases[] = {
        {"webext.contoso.com", "DNS:lyncdiscover.contoso.com", "lyncdiscover.contoso.com", true, "exact SAN"},
        {"", "DNS:LyncDiscover.Contoso.COM", "lyncdiscover.contoso.com", true, "case-insensitive, SAN side"},
        {"", "DNS:lyncdiscover.contoso.com", "LYNCDISCOVER.contoso.com", true, "case-insensitive, name side"},
        {"", "DNS:lyncdiscover.contoso.com", "lyncdiscover.contoso.com.", true, "a trailing dot on the name"},
        {"", "DNS:lyncdiscover.contoso.com.", "lyncdiscover.contoso.com", false, "a trailing dot in the SAN"},
        {"", "DNS:*.contoso.com", "lyncdiscover.contoso.com", true, "a wildcard covers one leftmost label"},
        {"", "DNS:*.contoso.com", "a.lyncdiscover.contoso.com", false, "never two labels"},
        {"", "DNS:*.contoso.com", "contoso.com", false, "nor the bare domain"},
        {"", "DNS:lyncdiscover.*.com", "lyncdiscover.contoso.com", false, "no wildcard in the middle"},
        {"", "DNS:*.com", "contoso.com", false, "no wildcard on a bare public suffix"},
        {"", "DNS:lync*.contoso.com", "lyncdiscover.contoso.com", false, "no partial-label wildcard"},
        {"", "DNS:xn--bcher-kva.example", "xn--bcher-kva.example", true, "IDN in its ASCII (punycode) form"},
        {"", "DNS:*.xn--bcher-kva.example", "lyncdiscover.xn--bcher-kva.example", true, "wildcard above an A-label"},
        {"", "DNS:xn--*.example", "xn--bcher-kva.example", false, "no wildcard inside an A-label"},
        {"", "IP:127.20.0.10", "lyncdiscover.contoso.com", false, "an IP SAN covers no name"},
        {"", "IP:127.20.0.10", "127.20.0.10", false, "nor a name that looks like an address"},
        {"lyncdiscover.contoso.com", "", "lyncdiscover.contoso.com", false, "CN only, no SAN: not covered"},
        {"lyncdiscover.contoso.com", "DNS:webext.contoso.com", "lyncdiscover.contoso.com", false,
         "CN ignored when SANs exist"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.why);
        CAPTURE(c.san);
        CAPTURE(c.name);
        const Certificate cert = make(c.cn, c.san);
        CHECK(cert.covers(c.name).covered == c.covered);
    }
}

TEST_CASE("certificate: a name only in the subject CN is reported as such") {
    const auto cov = make("lyncdiscover.contoso.com", "").covers("lyncdiscover.contoso.com");
    CHECK_FALSE(cov.covered);
    CHECK(cov.subject_cn_only);
    // With a SAN list the CN is never consulted, so it is not "CN only" either.
    CHECK_FALSE(make("lyncdiscover.contoso.com", "DNS:webext.contoso.com").covers("lyncdiscover.contoso.com").subject_cn_only);
    const auto wildcard = make("", "DNS:*.fabrikam.com").covers("lyncdiscover.fabrikam.com");
    CHECK(wildcard.matched == "*.fabrikam.com");
}

TEST_CASE("certificate: facts read from a real chain and a request") {
    const std::string chain = read(std::string(MOBCHECK_TESTDATA) + "/certs/proxy-chain.pem");
    auto leaf = parse_certificate(chain);
    REQUIRE(leaf.has_value());
    CHECK(leaf->common_name == "webext.contoso.com");
    CHECK(leaf->dns_names.size() == 3);
    CHECK(leaf->issuer == "CN=Contoso Lab Issuing CA,O=Contoso Lab");
    CHECK(leaf->signature_digest == "SHA256");
    CHECK(leaf->key_type == "EC");
    CHECK(leaf->key_bits == 256);
    CHECK(leaf->server_auth);
    CHECK_FALSE(leaf->self_signed);
    CHECK(leaf->sha256.size() == 64);
    REQUIRE(leaf->not_after.has_value());
    auto csr = parse_certificate(read(std::string(MOBCHECK_TESTDATA) + "/certs/proxy-missing-fabrikam.csr"));
    REQUIRE(csr.has_value());
    CHECK(csr->is_request);
    CHECK_FALSE(csr->not_after.has_value());
    CHECK(csr->covers("lyncdiscover.contoso.com").covered);
    CHECK_FALSE(csr->covers("lyncdiscover.fabrikam.com").covered);
    CHECK_FALSE(parse_certificate("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n").has_value());
    CHECK_FALSE(parse_certificate("").has_value());
}

TEST_CASE("certificate: a NUL inside a SAN entry covers nothing and prints as what it is") {
    // testdata/certs/nul-san.pem: the certificate the lab's tls-nul-san scenario serves.
    auto cert = parse_certificate(read(std::string(MOBCHECK_TESTDATA) + "/certs/nul-san.pem"));
    REQUIRE(cert.has_value());
    REQUIRE(cert->dns_names.size() == 3);
    CHECK(cert->dns_names[2] == "lyncdiscover.contoso.com\\x00.evil.example");
    CHECK_FALSE(cert->covers("lyncdiscover.contoso.com").covered);
    CHECK_FALSE(cert->covers("lyncdiscover.contoso.com\0.evil.example").covered);
    CHECK_FALSE(cert->covers("evil.example").covered);
    CHECK(cert->covers("webext.contoso.com").covered);  // the other entries still count
    const std::string list = mobcheck::san_list(*cert);
    CHECK(list == "webext.contoso.com, lyncdiscover.fabrikam.com, lyncdiscover.contoso.com\\x00.evil.example");
    CHECK(list.find('\0') == std::string::npos);
    // Control characters and the backslash are escaped too, so no entry can fake another or a terminal sequence.
    const Certificate odd = make("evil \x1b[31mred", "DNS:a\\b.contoso.com");
    CHECK(odd.dns_names[0] == "a\\x5cb.contoso.com");
    CHECK(odd.common_name == "evil \\x1b[31mred");
}

TEST_CASE("certificate: 500 names are all read and a list of them stays short") {
    auto cert = parse_certificate(read(std::string(MOBCHECK_TESTDATA) + "/certs/500-sans.pem"));
    REQUIRE(cert.has_value());
    CHECK(cert->dns_names.size() == 500);
    CHECK(cert->covers("lyncdiscover.contoso.com").covered);  // the 500th
    CHECK(cert->covers("lyncdiscover.tenant250.example").covered);
    CHECK_FALSE(cert->covers("lyncdiscover.fabrikam.com").covered);
    const std::string list = mobcheck::san_list(*cert);
    CHECK(list.find("webext.contoso.com, lyncdiscover.tenant002.example") == 0);
    CHECK(list.find("lyncdiscover.tenant020.example and 480 more (500 names in all") != std::string::npos);
    CHECK(list.find("tenant021") == std::string::npos);
    CHECK(list.size() < 800);
    CHECK(mobcheck::san_list(*cert, 1000).find("lyncdiscover.contoso.com") != std::string::npos);
}

namespace {

// Adds an extension given in openssl.cnf syntax ("serverAuth,1.2.3.4") to a certificate.
std::function<void(X509*)> with_extension(int nid, std::string value) {
    return [nid, value](X509* x) {
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
        REQUIRE(ext != nullptr);
        X509_add_ext(x, ext, -1);
        X509_EXTENSION_free(ext);
    };
}

// A subjectAltName holding one iPAddress entry of these raw bytes (a valid one has 4 or 16).
std::function<void(X509*)> with_raw_ip_san(const std::string& bytes) {
    return [bytes](X509* x) {
        GENERAL_NAMES* names = sk_GENERAL_NAME_new_null();
        GENERAL_NAME* gn = GENERAL_NAME_new();
        ASN1_OCTET_STRING* ip = ASN1_OCTET_STRING_new();
        ASN1_OCTET_STRING_set(ip, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
        GENERAL_NAME_set0_value(gn, GEN_IPADD, ip);
        sk_GENERAL_NAME_push(names, gn);
        X509_add1_ext_i2d(x, NID_subject_alt_name, names, 0, X509V3_ADD_DEFAULT);
        GENERAL_NAMES_free(names);
    };
}

}  // namespace

TEST_CASE("certificate: every kind of subjectAltName entry is read as what it is") {
    const Certificate ips = make("", "IP:192.0.2.80,IP:2001:db8::5,email:admin@contoso.com,URI:https://contoso.com/");
    CHECK(ips.dns_names.empty());
    CHECK(ips.ip_addresses == std::vector<std::string>{"192.0.2.80", "2001:db8::5"});
    CHECK(mobcheck::san_list(ips) == "IP 192.0.2.80, IP 2001:db8::5");
    // An address of neither 4 nor 16 bytes is no address (five bytes here; the literal holds a NUL).
    auto odd = parse_certificate(make_pem("x", "", with_raw_ip_san(std::string("\xc0\x00\x02\x50\x01", 5))));
    REQUIRE(odd.has_value());
    CHECK(odd->ip_addresses.empty());
    CHECK(mobcheck::san_list(*odd) == "(none)");
}

TEST_CASE("certificate: the subject CN keeps UTF-8 and escapes what a terminal would act on") {
    CHECK(make("caf\xC3\xA9.contoso.com", "").common_name == "caf\xC3\xA9.contoso.com");
    CHECK(make("a\x7f" "b", "").common_name == "a\\x7fb");
    CHECK(make("tab\there", "").common_name == "tab\\x09here");
    CHECK(make("", "DNS:webext.contoso.com").common_name.empty());
}

TEST_CASE("certificate: extended key usages are named - known ones by name and others by OID") {
    const auto c = parse_certificate(make_pem("x", "DNS:x", with_extension(NID_ext_key_usage, "serverAuth,1.3.6.1.4.1.311.99.1")));
    REQUIRE(c.has_value());
    CHECK(c->has_eku);
    CHECK(c->server_auth);
    CHECK(c->ekus == std::vector<std::string>{"serverAuth", "1.3.6.1.4.1.311.99.1"});
    const auto client = parse_certificate(make_pem("x", "DNS:x", with_extension(NID_ext_key_usage, "clientAuth")));
    REQUIRE(client.has_value());
    CHECK(client->has_eku);
    CHECK_FALSE(client->server_auth);
    const Certificate none = make("x", "DNS:x");
    CHECK_FALSE(none.has_eku);
    CHECK_FALSE(none.server_auth);
    CHECK(none.ekus.empty());
}

TEST_CASE("certificate: requests in both PEM headers - with and without extensions - and broken ones") {
    // No SAN and no EKU: a request that asks for no extension at all.
    const std::string pem = builders::request({.cn = "webext.contoso.com", .sans = {}, .eku = builders::Eku::None});
    const auto plain = parse_certificate(pem);
    REQUIRE(plain.has_value());
    CHECK(plain->is_request);
    CHECK(plain->common_name == "webext.contoso.com");
    CHECK(plain->dns_names.empty());
    CHECK_FALSE(plain->has_eku);
    CHECK(plain->key_type == "RSA");
    CHECK(plain->key_bits == 2048);
    CHECK_FALSE(plain->covers("webext.contoso.com").covered);
    CHECK(plain->covers("webext.contoso.com").subject_cn_only);
    // Windows' certreq writes "NEW CERTIFICATE REQUEST".
    std::string windows = pem;
    for (const char* marker : {"-----BEGIN ", "-----END "}) {
        const auto at = windows.find(std::string(marker) + "CERTIFICATE REQUEST");
        REQUIRE(at != std::string::npos);
        windows.insert(at + std::string(marker).size(), "NEW ");
    }
    const auto from_windows = parse_certificate(windows);
    REQUIRE(from_windows.has_value());
    CHECK(from_windows->is_request);
    CHECK(from_windows->common_name == "webext.contoso.com");
    CHECK_FALSE(parse_certificate("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n").has_value());
    CHECK_FALSE(parse_certificate("-----BEGIN NEW CERTIFICATE REQUEST-----\n").has_value());
}
