// Small evidence built in a test: a deployment in which every check passes, and the pieces a table
// row changes to break one rule at a time (a DNS answer, a served certificate, an HTTP answer, a
// port). Checks are reached only through the registry, by check ID.
//
// Probe purposes are set in one place (the .cpp), so the tests never spell the engine's own
// representation of them.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checks/registry.hpp"
#include "checks/result.hpp"
#include "model/evidence.hpp"

namespace builders {

using mobcheck::DnsOutcome;
using mobcheck::DnsView;
using mobcheck::Evidence;
using mobcheck::HttpExchange;
using mobcheck::HttpWalk;
using mobcheck::HttpWalkEnd;
using mobcheck::PortProbe;
using mobcheck::PortState;
using mobcheck::Result;
using mobcheck::Status;
using mobcheck::TlsProbe;
using mobcheck::Vantage;

// ---- time ----------------------------------------------------------------------------------------

// The moment every probe of a built deployment is recorded at.
inline constexpr const char* kProbedAt = "2026-06-01T12:00:00Z";
inline constexpr long kDay = 24 * 60 * 60;
std::time_t utc(const std::string& text);   // "2026-06-01T12:00:00Z" → time_t (throws on bad text)
std::string utc(std::time_t when);
std::time_t probed_at();                    // utc(kProbedAt)

// ---- names of the built deployment ---------------------------------------------------------------

inline constexpr const char* kInternalWeb = "pool01.contoso.net";
inline constexpr const char* kExternalWeb = "webext.contoso.com";
inline constexpr const char* kPoolAddress = "10.0.0.10";        // the internal web services VIP
inline constexpr const char* kPoolAddress2 = "10.0.0.11";       // the second address of that VIP
inline constexpr const char* kProxyAddress = "192.0.2.80";      // the reverse proxy's public address
inline constexpr const char* kProxyAddress2 = "192.0.2.81";     // a second address of it
inline constexpr const char* kFrontEnd = "fe01.contoso.net";    // X-MS-Server-Fqdn of every answer
inline constexpr const char* kSba = "sba01.contoso.net";
// Modern authentication: the AD FS authority the external user links' Bearer challenge names.
inline constexpr const char* kAuthorityHost = "sts.contoso.com";
inline constexpr const char* kAuthority = "https://sts.contoso.com/adfs/oauth2/authorize";
inline constexpr const char* kAuthorityOpenId = "https://sts.contoso.com/adfs/.well-known/openid-configuration";
inline constexpr const char* kAuthorityOpenIdJson =
    R"({"issuer":"https://sts.contoso.com/adfs","authorization_endpoint":"https://sts.contoso.com/adfs/oauth2/authorize/"})";
inline constexpr const char* kAdfsFarmAddress = "10.0.0.50";  // sts.contoso.com inside

// ---- certificates --------------------------------------------------------------------------------

struct Key {
    enum class Kind { Rsa, Ec, Dsa, Ed25519 };
    Kind kind = Kind::Rsa;
    int bits = 2048;  // RSA/DSA modulus; EC: 224, 256 or 384 (the NIST curve of that size)
};

enum class Eku { None, ServerAuth, ClientAuth, ServerAndClient };

struct CertSpec {
    std::string cn = kExternalWeb;         // "" for an empty subject
    std::vector<std::string> sans = {kExternalWeb};  // DNS names; "IP:192.0.2.80" for an address
    std::string not_before = "2026-01-01T00:00:00Z";
    std::string not_after = "2027-01-01T00:00:00Z";
    Key key{};
    std::string digest = "SHA256";  // SHA256, SHA1, MD5 (ignored for Ed25519)
    Eku eku = Eku::ServerAuth;
    bool ca = false;
};

// The built CA: a self-signed root and an intermediate below it (both RSA 2048, SHA-256, valid
// 2020-2035). Certificates issued by issue() are signed by the intermediate.
std::string root_pem();
std::string intermediate_pem();
// An intermediate like intermediate_pem() with other dates, key or digest (signed by the root); the
// leaves of issue(spec, &that) are signed by it.
struct Issuer {
    std::shared_ptr<X509> cert;
    std::shared_ptr<EVP_PKEY> key;
    std::string pem;
};
const Issuer& intermediate();
Issuer make_intermediate(const CertSpec& spec);

std::string issue(const CertSpec& spec);  // signed by the built intermediate
std::string issue(const CertSpec& spec, const Issuer& by);
std::string self_signed(const CertSpec& spec);
std::string request(const CertSpec& spec);  // a CERTIFICATE REQUEST (mobcheck cert FILE)

// The chain a server serves: the leaf, then the intermediate.
std::vector<std::string> served_chain(const std::string& leaf);

// ---- the deployment ------------------------------------------------------------------------------

// A deployment in which every check passes: both DNS views, the three TLS endpoints, the whole
// Autodiscover walk, the web services probes, APNS, one SBA and an authenticated user document.
Evidence good(std::vector<std::string> sips = {"contoso.com"}, Vantage vantage = Vantage::Internal);

// The leaves good() serves (the reverse proxy's and the Front End's), covering every SIP domain.
CertSpec proxy_cert(const std::vector<std::string>& sips);
CertSpec front_end_cert(const std::vector<std::string>& sips);
CertSpec adfs_cert();  // sts.contoso.com

// ---- DNS -----------------------------------------------------------------------------------------

// Replaces the A and AAAA lookups of name in view: A resolves to v4 (through the CNAME targets
// given, in order), AAAA has no record.
void resolves(Evidence& e, DnsView view, const std::string& name, std::vector<std::string> v4,
              std::vector<std::string> cname_targets = {});
// Replaces the A and AAAA lookups of name in view: both end in outcome (with detail, "" for none).
void fails(Evidence& e, DnsView view, const std::string& name, DnsOutcome outcome, const std::string& detail = "");
// Removes every lookup of name in view (a partial evidence file).
void forget(Evidence& e, DnsView view, const std::string& name);
// Every lookup of view ends in outcome, as a resolver that answers nothing leaves them; query_result, when
// given, is what each lookup's one query recorded ("timeout", "connection refused").
void every_lookup(Evidence& e, DnsView view, DnsOutcome outcome, const std::string& query_result = "");
// Replaces the external SRV lookup of _sipfederationtls._tcp.<sip>.
void federation_srv(Evidence& e, const std::string& sip, DnsOutcome outcome, const std::string& detail = "");
mobcheck::DnsLookup& lookup(Evidence& e, DnsView view, const std::string& name, const std::string& type);

// ---- TLS -----------------------------------------------------------------------------------------

// The probes of an endpoint: "lyncdiscover", "lyncdiscoverinternal" or "external-web", and its name.
std::vector<TlsProbe*> tls_probes(Evidence& e, const std::string& purpose, const std::string& name);
TlsProbe& tls_probe(Evidence& e, const std::string& purpose, const std::string& name);  // exactly one
TlsProbe& add_tls_probe(Evidence& e, const std::string& purpose, const std::string& name, DnsView view,
                        const std::string& address, std::vector<std::string> chain);
void remove_tls_probes(Evidence& e, const std::string& purpose, const std::string& name);
// Every probe of every endpoint serves chain.
void serve_everywhere(Evidence& e, const std::vector<std::string>& chain);
// The chain p recorded does not verify: OpenSSL's code and reason (20: no local issuer).
void untrusted(TlsProbe& p, int code = 20, const std::string& reason = "unable to get local issuer certificate");

// ---- HTTP ----------------------------------------------------------------------------------------

HttpExchange answer(const std::string& url, long status, std::vector<std::pair<std::string, std::string>> headers = {},
                    std::string body = "", const std::string& address = kProxyAddress);
HttpExchange no_answer(const std::string& url, const std::string& failure, const std::string& error,
                       const std::string& address = kProxyAddress);
// The headers of an answer of the web services: X-MS-Server-Fqdn and Server.
std::vector<std::pair<std::string, std::string>> iis_headers(const std::string& front_end = kFrontEnd,
                                                             const std::string& server = "Microsoft-IIS/8.5");
// A JSON Autodiscover root whose links (self, user, xframe) point at host.
std::string root_json(const std::string& host, const std::string& sip);
std::string root_xml(const std::string& host, const std::string& sip);
// An XML user document whose Mcx and UCWA links point at host.
std::string user_document_xml(const std::string& host);

// The walk of purpose ("lyncdiscover", "lyncdiscover-port80", "hairpin", ...) for sip ("" for the web
// services' own probes), and, for "user-challenge", the view.
std::vector<HttpWalk*> walks(Evidence& e, const std::string& purpose);
HttpWalk& walk(Evidence& e, const std::string& purpose, const std::string& sip = "",
               std::optional<DnsView> view = std::nullopt);  // exactly one
HttpWalk& add_walk(Evidence& e, const std::string& purpose, const std::string& sip, DnsView view,
                   std::vector<HttpExchange> hops, HttpWalkEnd end = HttpWalkEnd::Response, const std::string& via = "",
                   const std::string& detail = "");
void remove_walks(Evidence& e, const std::string& purpose, const std::string& sip = "*");

// ---- ports ---------------------------------------------------------------------------------------

std::vector<PortProbe*> port_probes(Evidence& e, const std::string& purpose, const std::string& host,
                                    std::uint16_t port);
PortProbe& add_port_probe(Evidence& e, const std::string& purpose, const std::string& host, std::uint16_t port,
                          PortState state, const std::string& address, DnsView view = DnsView::Internal);
void remove_port_probes(Evidence& e, const std::string& purpose);

// ---- judging -------------------------------------------------------------------------------------

// A result made in a test (for the policy, merge and report code, which take results, not evidence);
// its message is the status's name unless given.
Result make_result(std::string check, std::string subject, Status status, std::string message = "");

// The results of one check over e, through the registry (judge() with --only ID).
std::vector<Result> judge_check(const Evidence& e, const std::string& check_id);
// The single result for subject; fails the test (and throws) unless there is exactly one.
Result one(const std::vector<Result>& results, const std::string& subject);
// The result of check about subject among a whole run's results; fails the test (and throws) without one.
const Result& result_of(const std::vector<Result>& results, const std::string& check, const std::string& subject);
bool mentions(const Result& r, const std::string& text);

}  // namespace builders

// ---- rule tables ---------------------------------------------------------------------------------

namespace builders {

// What one row expects of one subject.
struct Expect {
    std::string subject;
    mobcheck::Status status;
    std::string says = "";    // a piece of the message, "" for none
    std::string reason = "";  // the result's reason tag, "" for not asserted
};

// One row of a check's table: a change to the deployment and the results it must give.
struct Row {
    std::string name;
    std::function<void(mobcheck::Evidence&)> change;
    std::vector<Expect> expect;
    bool others_pass = true;  // every other result of the check passes
};

// Judges check_id over base() changed by each row, and checks each expected subject's status and
// message; with others_pass, every result not named passes. Returns the number of rows run.
std::size_t run_table(const std::string& check_id, const std::vector<Row>& rows,
                      const std::function<mobcheck::Evidence()>& base = [] { return good(); });

}  // namespace builders
