#include "evidence_builders.hpp"

#include <doctest/doctest.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "model/names.hpp"
#include "model/utc_time.hpp"

namespace builders {

using namespace mobcheck;

// ---- time ----------------------------------------------------------------------------------------

std::time_t utc(const std::string& text) {
    const auto t = parse_utc_time(text);
    if (!t) throw std::invalid_argument("not a UTC time: " + text);
    return *t;
}

std::string utc(std::time_t when) { return format_utc(when); }

std::time_t probed_at() { return utc(kProbedAt); }

// ---- certificates --------------------------------------------------------------------------------

namespace {

[[noreturn]] void openssl_failed(const char* what) {
    ERR_print_errors_fp(stderr);
    throw std::runtime_error(std::string("OpenSSL: ") + what);
}

std::shared_ptr<EVP_PKEY> generate(const Key& k) {
    EVP_PKEY* key = nullptr;
    switch (k.kind) {
        case Key::Kind::Rsa: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(k.bits)); break;
        case Key::Kind::Ec: {
            const char* curve = k.bits == 224 ? "P-224" : k.bits == 384 ? "P-384" : "P-256";
            key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve);
            break;
        }
        case Key::Kind::Ed25519: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"); break;
        case Key::Kind::Dsa: {
            EVP_PKEY_CTX* pctx = EVP_PKEY_CTX_new_from_name(nullptr, "DSA", nullptr);
            EVP_PKEY* params = nullptr;
            if (pctx == nullptr || EVP_PKEY_paramgen_init(pctx) <= 0 ||
                EVP_PKEY_CTX_set_dsa_paramgen_bits(pctx, k.bits) <= 0 ||
                EVP_PKEY_CTX_set_dsa_paramgen_q_bits(pctx, 160) <= 0 || EVP_PKEY_paramgen(pctx, &params) <= 0) {
                openssl_failed("DSA parameters");
            }
            EVP_PKEY_CTX_free(pctx);
            EVP_PKEY_CTX* kctx = EVP_PKEY_CTX_new_from_pkey(nullptr, params, nullptr);
            if (kctx == nullptr || EVP_PKEY_keygen_init(kctx) <= 0 || EVP_PKEY_keygen(kctx, &key) <= 0) {
                openssl_failed("DSA key");
            }
            EVP_PKEY_CTX_free(kctx);
            EVP_PKEY_free(params);
            break;
        }
    }
    if (key == nullptr) openssl_failed("key generation");
    return {key, &EVP_PKEY_free};
}

// Keys are slow to make: one per (kind, size) for the whole test run.
std::shared_ptr<EVP_PKEY> key_of(const Key& k) {
    static std::map<std::pair<int, int>, std::shared_ptr<EVP_PKEY>> keys;
    auto& slot = keys[{static_cast<int>(k.kind), k.bits}];
    if (!slot) slot = generate(k);
    return slot;
}

const EVP_MD* digest_of(const CertSpec& spec, const EVP_PKEY* signer) {
    if (EVP_PKEY_get_id(signer) == EVP_PKEY_ED25519) return nullptr;
    if (spec.digest == "SHA1") return EVP_sha1();
    if (spec.digest == "MD5") return EVP_md5();
    if (spec.digest == "SHA384") return EVP_sha384();
    return EVP_sha256();
}

void add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (ext == nullptr) openssl_failed("extension");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

std::string san_text(const std::vector<std::string>& sans) {
    std::string text;
    for (const auto& s : sans) text += (text.empty() ? "" : ",") + (s.starts_with("IP:") ? s : "DNS:" + s);
    return text;
}

const char* eku_text(Eku eku) {
    switch (eku) {
        case Eku::ServerAuth: return "serverAuth";
        case Eku::ClientAuth: return "clientAuth";
        case Eku::ServerAndClient: return "serverAuth,clientAuth";
        case Eku::None: return nullptr;
    }
    return nullptr;
}

X509_NAME* name_of(const std::string& cn) {
    X509_NAME* name = X509_NAME_new();
    if (!cn.empty()) {
        // RFC 2253 prints the last entry first: "CN=webext.contoso.com,O=Contoso Test".
        X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Contoso Test"), -1,
                                   -1, 0);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
    }
    return name;
}

std::string to_pem(X509* cert) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    return pem;
}

// A certificate for spec, signed by issuer (nullptr: by itself).
std::shared_ptr<X509> make_cert(const CertSpec& spec, const Issuer* issuer) {
    static long serial = 1000;
    std::shared_ptr<X509> cert(X509_new(), &X509_free);
    X509* x = cert.get();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), ++serial);
    X509_NAME* subject = name_of(spec.cn);
    X509_set_subject_name(x, subject);
    X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer->cert.get()) : subject);
    X509_NAME_free(subject);
    ASN1_TIME_set(X509_getm_notBefore(x), utc(spec.not_before));
    ASN1_TIME_set(X509_getm_notAfter(x), utc(spec.not_after));
    const auto key = key_of(spec.key);
    X509_set_pubkey(x, key.get());
    X509* issuer_cert = issuer ? issuer->cert.get() : x;
    add_ext(x, issuer_cert, NID_basic_constraints, spec.ca ? "critical,CA:TRUE" : "CA:FALSE");
    if (spec.ca) add_ext(x, issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
    if (!spec.sans.empty()) add_ext(x, issuer_cert, NID_subject_alt_name, san_text(spec.sans));
    if (const char* eku = eku_text(spec.eku)) add_ext(x, issuer_cert, NID_ext_key_usage, eku);
    EVP_PKEY* signer = issuer ? issuer->key.get() : key.get();
    if (X509_sign(x, signer, digest_of(spec, signer)) <= 0) openssl_failed("signing");
    return cert;
}

CertSpec ca_spec(const std::string& cn) {
    CertSpec spec;
    spec.cn = cn;
    spec.sans = {};
    spec.not_before = "2020-01-01T00:00:00Z";
    spec.not_after = "2035-01-01T00:00:00Z";
    spec.eku = Eku::None;
    spec.ca = true;
    return spec;
}

const Issuer& root() {
    static const Issuer issuer = [] {
        const CertSpec spec = ca_spec("Contoso Test Root CA");
        Issuer i;
        i.cert = make_cert(spec, nullptr);
        i.key = key_of(spec.key);
        i.pem = to_pem(i.cert.get());
        return i;
    }();
    return issuer;
}

}  // namespace

Issuer make_intermediate(const CertSpec& spec) {
    Issuer i;
    i.cert = make_cert(spec, &root());
    i.key = key_of(spec.key);
    i.pem = to_pem(i.cert.get());
    return i;
}

const Issuer& intermediate() {
    static const Issuer issuer = make_intermediate(ca_spec("Contoso Test Issuing CA"));
    return issuer;
}

std::string root_pem() { return root().pem; }
std::string intermediate_pem() { return intermediate().pem; }

std::string issue(const CertSpec& spec) { return issue(spec, intermediate()); }
std::string issue(const CertSpec& spec, const Issuer& by) { return to_pem(make_cert(spec, &by).get()); }
std::string self_signed(const CertSpec& spec) { return to_pem(make_cert(spec, nullptr).get()); }

std::string request(const CertSpec& spec) {
    std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> req(X509_REQ_new(), &X509_REQ_free);
    X509_NAME* subject = name_of(spec.cn);
    X509_REQ_set_subject_name(req.get(), subject);
    X509_NAME_free(subject);
    const auto key = key_of(spec.key);
    X509_REQ_set_pubkey(req.get(), key.get());
    STACK_OF(X509_EXTENSION)* exts = sk_X509_EXTENSION_new_null();
    auto add = [&](int nid, const std::string& value) {
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, nullptr, nullptr, req.get(), nullptr, 0);
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
        if (ext == nullptr) openssl_failed("request extension");
        sk_X509_EXTENSION_push(exts, ext);
    };
    if (!spec.sans.empty()) add(NID_subject_alt_name, san_text(spec.sans));
    if (const char* eku = eku_text(spec.eku)) add(NID_ext_key_usage, eku);
    // A request with nothing to ask for carries no extension request at all, as openssl req writes it.
    if (sk_X509_EXTENSION_num(exts) > 0) X509_REQ_add_extensions(req.get(), exts);
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    if (X509_REQ_sign(req.get(), key.get(), digest_of(spec, key.get())) <= 0) openssl_failed("signing a request");
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509_REQ(bio, req.get());
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    return pem;
}

std::vector<std::string> served_chain(const std::string& leaf) { return {leaf, intermediate_pem()}; }

// ---- the deployment ------------------------------------------------------------------------------

CertSpec proxy_cert(const std::vector<std::string>& sips) {
    CertSpec spec;
    spec.cn = kExternalWeb;
    spec.sans = {kExternalWeb};
    for (const auto& sip : sips) spec.sans.push_back(lyncdiscover_name(sip));
    return spec;
}

CertSpec front_end_cert(const std::vector<std::string>& sips) {
    CertSpec spec;
    spec.cn = kInternalWeb;
    spec.sans = {kInternalWeb, kExternalWeb};
    for (const auto& sip : sips) spec.sans.push_back(lyncdiscoverinternal_name(sip));
    for (const auto& sip : sips) spec.sans.push_back(lyncdiscover_name(sip));
    return spec;
}

CertSpec adfs_cert() {
    CertSpec spec;
    spec.cn = kAuthorityHost;
    spec.sans = {kAuthorityHost};
    return spec;
}

namespace {

// The chains good() serves, made once per list of SIP domains.
const std::vector<std::string>& cached_chain(const std::string& role, const std::vector<std::string>& sips) {
    static std::map<std::pair<std::string, std::vector<std::string>>, std::vector<std::string>> chains;
    auto& chain = chains[{role, sips}];
    if (chain.empty()) {
        chain = served_chain(issue(role == "proxy" ? proxy_cert(sips) : role == "adfs" ? adfs_cert() : front_end_cert(sips)));
    }
    return chain;
}

DnsLookup make_lookup(DnsView view, const std::string& name, const std::string& type, DnsOutcome outcome) {
    DnsLookup l;
    l.view = view;
    l.name = name;
    l.type = type;
    l.outcome = outcome;
    l.elapsed_ms = 1;
    return l;
}

std::vector<CnameHop> hops_of(const std::string& name, const std::vector<std::string>& targets) {
    std::vector<CnameHop> chain;
    std::string from = name;
    for (const auto& t : targets) {
        chain.push_back({from, t, 60});
        from = t;
    }
    return chain;
}

std::string user_link(const std::string& host, const std::string& sip) {
    return "https://" + host + "/Autodiscover/AutodiscoverService.svc/root/oauth/user?originalDomain=" + sip;
}

}  // namespace

Evidence good(std::vector<std::string> sips, Vantage vantage) {
    Evidence e;
    Plan& plan = e.plan;
    plan.sip_domains = sips;
    plan.internal_web = kInternalWeb;
    plan.external_web = kExternalWeb;
    plan.vantage = vantage;
    plan.sbas = {kSba};
    plan.user = "alice@" + sips.front();
    e.run.tool_version = "test";
    e.run.started_at = kProbedAt;
    e.run.duration_ms = 1000;

    const bool inside = vantage == Vantage::Internal;
    // DNS: the internal names only inside, the public ones only outside, webext both (hairpin).
    for (const auto& sip : sips) {
        resolves(e, DnsView::Internal, lyncdiscoverinternal_name(sip), {kPoolAddress}, {kInternalWeb});
        fails(e, DnsView::Internal, lyncdiscover_name(sip), DnsOutcome::NxDomain);
        if (is_in_domain(kExternalWeb, sip)) {
            resolves(e, DnsView::External, lyncdiscover_name(sip), {kProxyAddress}, {kExternalWeb});
        } else {
            resolves(e, DnsView::External, lyncdiscover_name(sip), {kProxyAddress});
        }
        fails(e, DnsView::External, lyncdiscoverinternal_name(sip), DnsOutcome::NxDomain);
        federation_srv(e, sip, DnsOutcome::Resolved);
    }
    resolves(e, DnsView::Internal, kInternalWeb, {kPoolAddress});
    fails(e, DnsView::External, kInternalWeb, DnsOutcome::NxDomain);
    resolves(e, DnsView::External, kExternalWeb, {kProxyAddress});
    resolves(e, DnsView::Internal, kExternalWeb, {kProxyAddress});

    // TLS: the reverse proxy for lyncdiscover and the external web FQDN, the Front End inside.
    for (const auto& sip : sips) {
        add_tls_probe(e, "lyncdiscover", lyncdiscover_name(sip), DnsView::External, kProxyAddress,
                      cached_chain("proxy", sips));
        if (inside) {
            add_tls_probe(e, "lyncdiscoverinternal", lyncdiscoverinternal_name(sip), DnsView::Internal, kPoolAddress,
                          cached_chain("front-end", sips));
        }
    }
    add_tls_probe(e, "external-web", kExternalWeb, DnsView::External, kProxyAddress, cached_chain("proxy", sips));
    // Modern authentication: AD FS, published at the reverse proxy's address.
    resolves(e, DnsView::External, kAuthorityHost, {kProxyAddress});
    if (inside) resolves(e, DnsView::Internal, kAuthorityHost, {kAdfsFarmAddress});
    add_tls_probe(e, "oauth-authority", kAuthorityHost, DnsView::External, kProxyAddress, cached_chain("adfs", sips));

    // HTTP: the Autodiscover walk of every SIP domain.
    auto json = [](std::vector<std::pair<std::string, std::string>> headers) {
        headers.insert(headers.begin(), {"Content-Type", "application/json"});
        return headers;
    };
    for (const auto& sip : sips) {
        if (inside) {
            const std::string url = "https://" + lyncdiscoverinternal_name(sip) + "/";
            add_walk(e, "lyncdiscoverinternal", sip, DnsView::Internal,
                     {answer(url, 200, json(iis_headers()), root_json(kInternalWeb, sip), kPoolAddress)});
            add_walk(e, "user-challenge", sip, DnsView::Internal,
                     {answer(user_link(kInternalWeb, sip), 401,
                             {{"WWW-Authenticate", "MsRtcOAuth href=\"https://pool01.contoso.net/WebTicket/oauthtoken\","
                                                   "grant_type=\"urn:microsoft.rtc:windows,password\""},
                              {"X-MS-Server-Fqdn", kFrontEnd},
                              {"Server", "Microsoft-IIS/8.5"}},
                             "", kPoolAddress)},
                     HttpWalkEnd::Response, "lyncdiscoverinternal");
        }
        const std::string https = "https://" + lyncdiscover_name(sip) + "/";
        add_walk(e, "lyncdiscover", sip, DnsView::External,
                 {answer(https, 200, json(iis_headers()), root_json(kExternalWeb, sip))});
        const std::string http = "http://" + lyncdiscover_name(sip) + "/";
        add_walk(e, "lyncdiscover-port80", sip, DnsView::External,
                 {answer(http, 200, json(iis_headers()), root_json(kExternalWeb, sip))});
        add_walk(e, "user-challenge", sip, DnsView::External,
                 {answer(user_link(kExternalWeb, sip), 401,
                         {{"WWW-Authenticate", "MsRtcOAuth href=\"https://webext.contoso.com/WebTicket/oauthtoken\","
                                               "grant_type=\"urn:microsoft.rtc:windows,password\""},
                          {"WWW-Authenticate", std::string("Bearer trusted_issuers=\"\", client_id=\"00000004\", "
                                                           "authorization_uri=\"") + kAuthority + "\""},
                          {"X-MS-Server-Fqdn", kFrontEnd},
                          {"Server", "Microsoft-IIS/8.5"}})},
                 HttpWalkEnd::Response, "lyncdiscover");
    }
    const std::string web = std::string("https://") + kExternalWeb;
    if (inside) add_walk(e, "hairpin", "", DnsView::External, {answer(web + "/", 404)});
    add_walk(e, "ucwa", "", DnsView::External, {answer(web + "/ucwa/", 401, iis_headers())});
    add_walk(e, "mcx", "", DnsView::External, {answer(web + "/Mcx/McxService.svc", 200, iis_headers())});
    for (int i = 0; i < 4; ++i) {
        add_walk(e, "affinity", "", DnsView::External,
                 {answer(web + "/Autodiscover/AutodiscoverService.svc/root", 200, json(iis_headers()),
                         root_json(kExternalWeb, sips.front()))});
    }
    add_walk(e, "openid-configuration", "", DnsView::External,
             {answer(kAuthorityOpenId, 200, {{"Content-Type", "application/json"}}, kAuthorityOpenIdJson)});
    // The authenticated user document (--user).
    const std::string via = inside ? "lyncdiscoverinternal" : "lyncdiscover";
    add_walk(e, "user-document", sips.front(), inside ? DnsView::Internal : DnsView::External,
             {answer(user_link(inside ? kInternalWeb : kExternalWeb, sips.front()), 200,
                     {{"Content-Type", "application/vnd.microsoft.rtc.autodiscover+xml; v=1"}},
                     user_document_xml(kExternalWeb), inside ? kPoolAddress : kProxyAddress)},
             HttpWalkEnd::Response, via);

    // Ports: APNS from the corporate network, the SBA's two UCWA ports.
    if (inside) {
        add_port_probe(e, "apns", plan.apns.host, plan.apns.port, PortState::Open, "17.57.146.20");
        add_port_probe(e, "sba", kSba, 5088, PortState::Open, "10.0.5.1");
        add_port_probe(e, "sba", kSba, 5089, PortState::Open, "10.0.5.1");
    } else {
        add_port_probe(e, "sba", kSba, 5088, PortState::Filtered, "10.0.5.1", DnsView::External);
        add_port_probe(e, "sba", kSba, 5089, PortState::Filtered, "10.0.5.1", DnsView::External);
    }
    return e;
}

// ---- DNS -----------------------------------------------------------------------------------------

void every_lookup(Evidence& e, DnsView view, DnsOutcome outcome, const std::string& query_result) {
    for (auto& l : e.dns) {
        if (l.view != view) continue;
        l.outcome = outcome;
        l.addresses.clear();
        l.chain.clear();
        l.srv.clear();
        l.queries.clear();
        if (!query_result.empty()) l.queries.push_back({l.name, l.type, "", query_result, 2, 1.0});
    }
}

void forget(Evidence& e, DnsView view, const std::string& name) {
    std::erase_if(e.dns, [&](const DnsLookup& l) { return l.view == view && l.name == name; });
}

void resolves(Evidence& e, DnsView view, const std::string& name, std::vector<std::string> v4,
              std::vector<std::string> cname_targets) {
    std::erase_if(e.dns, [&](const DnsLookup& l) {
        return l.view == view && l.name == name && (l.type == "A" || l.type == "AAAA");
    });
    DnsLookup a = make_lookup(view, name, "A", DnsOutcome::Resolved);
    a.chain = hops_of(name, cname_targets);
    a.addresses = std::move(v4);
    DnsLookup aaaa = make_lookup(view, name, "AAAA", DnsOutcome::NoData);
    aaaa.chain = a.chain;
    e.dns.push_back(a);
    e.dns.push_back(aaaa);
}

void fails(Evidence& e, DnsView view, const std::string& name, DnsOutcome outcome, const std::string& detail) {
    std::erase_if(e.dns, [&](const DnsLookup& l) {
        return l.view == view && l.name == name && (l.type == "A" || l.type == "AAAA");
    });
    for (const char* type : {"A", "AAAA"}) {
        DnsLookup l = make_lookup(view, name, type, outcome);
        l.detail = detail;
        e.dns.push_back(l);
    }
}

void federation_srv(Evidence& e, const std::string& sip, DnsOutcome outcome, const std::string& detail) {
    const std::string name = federation_srv_name(sip);
    std::erase_if(e.dns, [&](const DnsLookup& l) { return l.view == DnsView::External && l.name == name; });
    DnsLookup l = make_lookup(DnsView::External, name, "SRV", outcome);
    l.detail = detail;
    if (outcome == DnsOutcome::Resolved) l.srv = {{0, 0, 5061, "sip." + sip, 300}};
    e.dns.push_back(l);
}

DnsLookup& lookup(Evidence& e, DnsView view, const std::string& name, const std::string& type) {
    for (auto& l : e.dns) {
        if (l.view == view && l.name == name && l.type == type) return l;
    }
    throw std::logic_error("no lookup of " + name + " " + type);
}

// ---- TLS -----------------------------------------------------------------------------------------

std::vector<TlsProbe*> tls_probes(Evidence& e, const std::string& purpose, const std::string& name) {
    std::vector<TlsProbe*> out;
    for (auto& p : e.tls) {
        if (p.purpose.text() == purpose && p.name == name) out.push_back(&p);
    }
    return out;
}

TlsProbe& tls_probe(Evidence& e, const std::string& purpose, const std::string& name) {
    const auto probes = tls_probes(e, purpose, name);
    if (probes.size() != 1) throw std::logic_error("expected one TLS probe of " + name);
    return *probes.front();
}

TlsProbe& add_tls_probe(Evidence& e, const std::string& purpose, const std::string& name, DnsView view,
                        const std::string& address, std::vector<std::string> chain) {
    TlsProbe p;
    p.purpose = RecordedPurpose::from_text(purpose);
    p.name = name;
    p.view = view;
    p.address = address;
    p.port = 443;
    p.outcome = TlsOutcome::Handshake;
    p.tcp_state = PortState::Open;
    p.probed_at = kProbedAt;
    p.protocol = "TLSv1.3";
    p.cipher = "TLS_AES_256_GCM_SHA384";
    p.chain = std::move(chain);
    p.verification.trusted = true;
    p.verification.code = 0;
    p.verification.reason = "ok";
    p.verification.path = {"CN=" + name, "CN=Contoso Test Issuing CA", "CN=Contoso Test Root CA"};
    p.detail = "handshake completed";
    e.tls.push_back(std::move(p));
    return e.tls.back();
}

void remove_tls_probes(Evidence& e, const std::string& purpose, const std::string& name) {
    std::erase_if(e.tls, [&](const TlsProbe& p) { return p.purpose.text() == purpose && p.name == name; });
}

void serve_everywhere(Evidence& e, const std::vector<std::string>& chain) {
    for (auto& p : e.tls) p.chain = chain;
}

// ---- HTTP ----------------------------------------------------------------------------------------

HttpExchange answer(const std::string& url, long status, std::vector<std::pair<std::string, std::string>> headers,
                    std::string body, const std::string& address) {
    HttpExchange x;
    x.url = url;
    x.address = address;
    x.status = status;
    x.headers = std::move(headers);
    x.body = std::move(body);
    x.tls_version = url.starts_with("https:") ? "TLSv1.3" : "";
    x.elapsed_ms = 5;
    return x;
}

HttpExchange no_answer(const std::string& url, const std::string& failure, const std::string& error,
                       const std::string& address) {
    HttpExchange x;
    x.url = url;
    x.address = address;
    x.failure = failure;
    x.error = error;
    x.elapsed_ms = 1000;
    return x;
}

std::vector<std::pair<std::string, std::string>> iis_headers(const std::string& front_end, const std::string& server) {
    std::vector<std::pair<std::string, std::string>> h;
    if (!front_end.empty()) h.emplace_back("X-MS-Server-Fqdn", front_end);
    if (!server.empty()) h.emplace_back("Server", server);
    return h;
}

std::string root_json(const std::string& host, const std::string& sip) {
    const std::string base = "https://" + host + "/Autodiscover/";
    return R"({"_links":{"self":{"href":")" + base + "AutodiscoverService.svc/root?originalDomain=" + sip +
           R"("},"user":{"href":")" + user_link(host, sip) + R"("},"xframe":{"href":")" + base +
           R"(XFrame/XFrame.html"}}})";
}

std::string root_xml(const std::string& host, const std::string& sip) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?><AutodiscoverResponse><Root><Link token=\"Domain\" href=\"https://" +
           host + "/Autodiscover/AutodiscoverService.svc/root/domain?originalDomain=" + sip +
           "\"/><Link token=\"User\" href=\"" + user_link(host, sip) + "\"/></Root></AutodiscoverResponse>";
}

std::string user_document_xml(const std::string& host) {
    const std::string base = "https://" + host;
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?><AutodiscoverResponse AccessLocation=\"Internal\"><User>"
           "<Link token=\"Internal/Mcx\" href=\"" + base + "/Mcx/McxService.svc\"/>"
           "<Link token=\"External/Mcx\" href=\"" + base + "/Mcx/McxService.svc\"/>"
           "<Link token=\"Internal/Ucwa\" href=\"" + base + "/ucwa/v1/applications\"/>"
           "<Link token=\"External/Ucwa\" href=\"" + base + "/ucwa/v1/applications\"/>"
           "<Link token=\"Ucwa\" href=\"" + base + "/ucwa/v1/applications\"/></User></AutodiscoverResponse>";
}

std::vector<HttpWalk*> walks(Evidence& e, const std::string& purpose) {
    std::vector<HttpWalk*> out;
    for (auto& w : e.http) {
        if (w.purpose.text() == purpose) out.push_back(&w);
    }
    return out;
}

HttpWalk& walk(Evidence& e, const std::string& purpose, const std::string& sip, std::optional<DnsView> view) {
    HttpWalk* found = nullptr;
    int count = 0;
    for (auto& w : e.http) {
        if (w.purpose.text() != purpose || w.sip_domain != sip || (view && w.view != *view)) continue;
        found = &w;
        ++count;
    }
    if (count != 1) throw std::logic_error("expected one walk " + purpose + " " + sip);
    return *found;
}

HttpWalk& add_walk(Evidence& e, const std::string& purpose, const std::string& sip, DnsView view,
                   std::vector<HttpExchange> hops, HttpWalkEnd end, const std::string& via, const std::string& detail) {
    HttpWalk w;
    w.purpose = RecordedPurpose::from_text(purpose);
    w.sip_domain = sip;
    w.via = RecordedPurpose::from_text(via);
    w.view = view;
    w.start_url = hops.empty() ? "" : hops.front().url;
    w.hops = std::move(hops);
    w.end = end;
    w.detail = detail;
    e.http.push_back(std::move(w));
    return e.http.back();
}

void remove_walks(Evidence& e, const std::string& purpose, const std::string& sip) {
    std::erase_if(e.http, [&](const HttpWalk& w) { return w.purpose.text() == purpose && (sip == "*" || w.sip_domain == sip); });
}

// ---- ports ---------------------------------------------------------------------------------------

std::vector<PortProbe*> port_probes(Evidence& e, const std::string& purpose, const std::string& host,
                                    std::uint16_t port) {
    std::vector<PortProbe*> out;
    for (auto& p : e.ports) {
        if (p.purpose.text() == purpose && p.host == host && p.port == port) out.push_back(&p);
    }
    return out;
}

PortProbe& add_port_probe(Evidence& e, const std::string& purpose, const std::string& host, std::uint16_t port,
                          PortState state, const std::string& address, DnsView view) {
    PortProbe p;
    p.purpose = RecordedPurpose::from_text(purpose);
    p.host = host;
    p.view = view;
    p.address = state == PortState::Unresolved ? "" : address;
    p.port = port;
    p.state = state;
    p.latency_ms = 2.5;
    p.detail = state == PortState::Open ? "connected" : state == PortState::Unresolved ? host + " has no address" : to_string(state);
    e.ports.push_back(p);
    return e.ports.back();
}

void remove_port_probes(Evidence& e, const std::string& purpose) {
    std::erase_if(e.ports, [&](const PortProbe& p) { return p.purpose.text() == purpose; });
}

// ---- judging -------------------------------------------------------------------------------------

std::vector<Result> judge_check(const Evidence& e, const std::string& check_id) {
    REQUIRE_MESSAGE(builtin_registry().find(check_id) != nullptr, "no check " << check_id << " in the registry");
    std::vector<Result> out;
    for (auto& r : judge(e, builtin_registry(), Selection{{check_id}, {}})) {
        if (r.check == check_id) out.push_back(std::move(r));
    }
    return out;
}

Result one(const std::vector<Result>& results, const std::string& subject) {
    std::vector<const Result*> found;
    std::string subjects;
    for (const auto& r : results) {
        subjects += (subjects.empty() ? "" : ", ") + r.subject + " (" + to_string(r.status) + ")";
        if (r.subject == subject) found.push_back(&r);
    }
    if (found.size() != 1) {
        FAIL_CHECK("expected one result for " << subject << ", got " << found.size() << " among: " << subjects);
        throw std::runtime_error("no single result for " + subject);
    }
    return *found.front();
}

bool mentions(const Result& r, const std::string& text) { return r.message.find(text) != std::string::npos; }

}  // namespace builders

namespace builders {

std::size_t run_table(const std::string& check_id, const std::vector<Row>& rows,
                      const std::function<mobcheck::Evidence()>& base) {
    for (const Row& row : rows) {
        INFO(check_id << ": " << row.name);
        mobcheck::Evidence e = base();
        if (row.change) row.change(e);
        const auto results = judge_check(e, check_id);
        CHECK_FALSE(results.empty());
        for (const Expect& x : row.expect) {
            INFO("subject " << x.subject);
            try {
                const Result r = one(results, x.subject);
                INFO("message: " << r.message);
                CHECK(to_string(r.status) == std::string(to_string(x.status)));
                if (!x.says.empty()) CHECK_MESSAGE(mentions(r, x.says), "the message should say: " << x.says);
                if (!x.reason.empty()) CHECK(r.reason == x.reason);
            } catch (const std::runtime_error&) {
                // one() has reported it
            }
        }
        if (!row.others_pass) continue;
        for (const Result& r : results) {
            const bool named = std::any_of(row.expect.begin(), row.expect.end(),
                                           [&](const Expect& x) { return x.subject == r.subject; });
            if (named) continue;
            INFO("another subject: " << r.subject << ": " << r.message);
            CHECK(to_string(r.status) == std::string("pass"));
        }
    }
    return rows.size();
}

Result make_result(std::string check, std::string subject, Status status, std::string message) {
    Result r;
    r.check = std::move(check);
    r.subject = std::move(subject);
    r.status = status;
    r.message = message.empty() ? std::string(mobcheck::to_string(status)) : std::move(message);
    return r;
}

const Result& result_of(const std::vector<Result>& results, const std::string& check, const std::string& subject) {
    for (const auto& r : results) {
        if (r.check == check && r.subject == subject) return r;
    }
    FAIL("no result " << check << " " << subject);
    throw std::logic_error("unreachable");
}

void untrusted(TlsProbe& p, int code, const std::string& reason) {
    p.verification.trusted = false;
    p.verification.code = code;
    p.verification.reason = reason;
    p.verification.depth = 0;
    p.verification.path.clear();
}

}  // namespace builders
