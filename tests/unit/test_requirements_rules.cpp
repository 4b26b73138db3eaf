// Rule tables of the names a deployment needs, per certificate role (checks/requirements.cpp): what
// `mobcheck plan` prints, the tls.* remediations quote, and `mobcheck cert --role` judges against.
#include <doctest/doctest.h>

#include "checks/certificate_file_checks.hpp"
#include "checks/requirements.hpp"
#include "evidence_builders.hpp"

using namespace mobcheck;

namespace {

using Names = std::vector<std::string>;

const CertificateNeed& need(const std::vector<CertificateNeed>& needs, const std::string& role) {
    const CertificateNeed* n = find_need(needs, role);
    REQUIRE_MESSAGE(n != nullptr, "no certificate for role " << role);
    return *n;
}

}  // namespace

TEST_CASE("requirements rules: each role's subject and names") {
    struct Row {
        std::string name;
        DeploymentNames names;
        std::string role;
        std::string subject;
        Names sans;
    };
    const DeploymentNames full{{"contoso.com", "fabrikam.com"}, "pool01.contoso.net", "webext.contoso.com", "dir01.contoso.net"};
    const DeploymentNames bare{{"contoso.com", "fabrikam.com"}, std::nullopt, std::nullopt, std::nullopt};
    const DeploymentNames external_only{{"contoso.com"}, std::nullopt, "webext.contoso.com", std::nullopt};
    const DeploymentNames same{{"contoso.com"}, "web.contoso.com", "web.contoso.com", std::nullopt};
    const std::vector<Row> rows = {
        {"Front End: the pool, the external web FQDN, then lyncdiscoverinternal and lyncdiscover of every SIP domain",
         full, "front-end", "pool01.contoso.net",
         {"pool01.contoso.net", "webext.contoso.com", "lyncdiscoverinternal.contoso.com", "lyncdiscoverinternal.fabrikam.com",
          "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}},
        {"Director: its FQDN and both Autodiscover names of every SIP domain", full, "director", "dir01.contoso.net",
         {"dir01.contoso.net", "lyncdiscoverinternal.contoso.com", "lyncdiscoverinternal.fabrikam.com",
          "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}},
        {"the Front End's external web site: the external web FQDN and lyncdiscover", full, "external-web",
         "webext.contoso.com", {"webext.contoso.com", "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}},
        {"the reverse proxy: the external web FQDN and lyncdiscover, never lyncdiscoverinternal", full, "reverse-proxy",
         "webext.contoso.com", {"webext.contoso.com", "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}},
        {"Front End without web FQDNs: the Autodiscover names, the first as subject", bare, "front-end",
         "lyncdiscoverinternal.contoso.com",
         {"lyncdiscoverinternal.contoso.com", "lyncdiscoverinternal.fabrikam.com", "lyncdiscover.contoso.com",
          "lyncdiscover.fabrikam.com"}},
        {"reverse proxy without web FQDNs", bare, "reverse-proxy", "lyncdiscover.contoso.com",
         {"lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}},
        {"external web site without web FQDNs", bare, "external-web", "lyncdiscover.contoso.com",
         {"lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}},
        {"Front End with only the external web FQDN: it is the subject", external_only, "front-end", "webext.contoso.com",
         {"webext.contoso.com", "lyncdiscoverinternal.contoso.com", "lyncdiscover.contoso.com"}},
        {"one name for both web FQDNs is listed once", same, "front-end", "web.contoso.com",
         {"web.contoso.com", "lyncdiscoverinternal.contoso.com", "lyncdiscover.contoso.com"}},
    };
    for (const auto& row : rows) {
        INFO(row.name);
        const auto needs = certificate_needs(row.names);
        const CertificateNeed& n = need(needs, row.role);
        CHECK(n.role == row.role);
        CHECK(n.subject == row.subject);
        CHECK(n.names == row.sans);
        CHECK(n.why.size() == n.names.size());
        CHECK(n.names.front() == n.subject);
        CHECK(n.subject.find('*') == std::string::npos);
        CHECK_FALSE(n.title.empty());
    }
}

TEST_CASE("requirements rules: the roles - in the order an admin reissues them") {
    auto roles = [](const DeploymentNames& n) {
        Names out;
        for (const auto& need : certificate_needs(n)) out.push_back(need.role);
        return out;
    };
    CHECK(roles({{"contoso.com"}, "pool01.contoso.net", "webext.contoso.com", std::nullopt}) ==
          Names{"front-end", "external-web", "reverse-proxy"});
    CHECK(roles({{"contoso.com"}, "pool01.contoso.net", "webext.contoso.com", "dir01.contoso.net"}) ==
          Names{"front-end", "director", "external-web", "reverse-proxy"});
    CHECK(find_need(certificate_needs({{"contoso.com"}, std::nullopt, std::nullopt, std::nullopt}), "director") == nullptr);
    CHECK(find_need(certificate_needs({{"contoso.com"}, std::nullopt, std::nullopt, std::nullopt}), "edge") == nullptr);
    // Why each name is needed, in the same order.
    const auto fe = need(certificate_needs({{"contoso.com"}, "pool01.contoso.net", "webext.contoso.com", std::nullopt}),
                         "front-end");
    CHECK(fe.why == Names{"internal web services FQDN (--internal-web)", "external web services FQDN (--external-web)",
                          "internal Autodiscover for contoso.com", "external Autodiscover for contoso.com"});
}

TEST_CASE("requirements rules: the DNS records - and an address record where a CNAME would leave the SIP domain") {
    struct Row {
        std::string name;
        DeploymentNames names;
        std::vector<std::tuple<DnsView, std::string, std::string, std::string>> expect;  // view, name, type, value
    };
    const std::vector<Row> rows = {
        {"two SIP domains, one of them the external web FQDN's",
         {{"contoso.com", "fabrikam.com"}, "pool01.contoso.net", "webext.contoso.com", std::nullopt},
         {{DnsView::Internal, "lyncdiscoverinternal.contoso.com", "CNAME", "pool01.contoso.net"},
          {DnsView::External, "lyncdiscover.contoso.com", "CNAME", "webext.contoso.com"},
          {DnsView::External, "_sipfederationtls._tcp.contoso.com", "SRV", "0 0 5061 <Access Edge FQDN>"},
          {DnsView::Internal, "lyncdiscoverinternal.fabrikam.com", "CNAME", "pool01.contoso.net"},
          {DnsView::External, "lyncdiscover.fabrikam.com", "A/AAAA", "<reverse proxy public address>"},
          {DnsView::External, "_sipfederationtls._tcp.fabrikam.com", "SRV", "0 0 5061 <Access Edge FQDN>"},
          {DnsView::External, "webext.contoso.com", "A/AAAA", "<reverse proxy public address>"},
          {DnsView::Internal, "webext.contoso.com", "A/AAAA", "<reverse proxy address>"},
          {DnsView::Internal, "pool01.contoso.net", "A/AAAA", "<internal web services VIP>"}}},
        {"no web FQDNs: placeholders, CNAMEs",
         {{"contoso.com"}, std::nullopt, std::nullopt, std::nullopt},
         {{DnsView::Internal, "lyncdiscoverinternal.contoso.com", "CNAME", "<internal web services FQDN>"},
          {DnsView::External, "lyncdiscover.contoso.com", "CNAME", "<external web services FQDN>"},
          {DnsView::External, "_sipfederationtls._tcp.contoso.com", "SRV", "0 0 5061 <Access Edge FQDN>"}}},
    };
    for (const auto& row : rows) {
        INFO(row.name);
        const auto records = dns_needs(row.names);
        REQUIRE(records.size() == row.expect.size());
        for (std::size_t i = 0; i < records.size(); ++i) {
            const auto& [view, name_, type, value] = row.expect[i];
            const std::string& name = name_;  // INFO's lambda may not name a structured binding (clang)
            INFO(name);
            CHECK(records[i].view == view);
            CHECK(records[i].name == name);
            CHECK(records[i].type == type);
            CHECK(records[i].value == value);
            CHECK_FALSE(records[i].why.empty());
        }
    }
    const auto records = dns_needs({{"fabrikam.com"}, std::nullopt, "webext.contoso.com", std::nullopt});
    CHECK(records[1].why.find("would leave fabrikam.com") != std::string::npos);
}

TEST_CASE("requirements rules: the openssl request asks for every name - a fixed subject and serverAuth") {
    const auto needs = certificate_needs({{"contoso.com", "fabrikam.com"}, "pool01.contoso.net", "webext.contoso.com", std::nullopt});
    const CertificateNeed& fe = need(needs, "front-end");
    const std::string config = openssl_req_config(fe);
    CHECK(config.find("CN = pool01.contoso.net\n") != std::string::npos);
    for (std::size_t i = 0; i < fe.names.size(); ++i) {
        CHECK(config.find("DNS." + std::to_string(i + 1) + " = " + fe.names[i] + "\n") != std::string::npos);
    }
    CHECK(config.find("DNS." + std::to_string(fe.names.size() + 1)) == std::string::npos);
    CHECK(config.find("extendedKeyUsage = serverAuth\n") != std::string::npos);
    CHECK(config.find("basicConstraints = CA:false") != std::string::npos);
    CHECK(config.find("-newkey rsa:2048") != std::string::npos);
    CHECK(config.find("default_md = sha256") != std::string::npos);
    CHECK(config.find("-keyout front-end.key -out front-end.csr") != std::string::npos);
}

TEST_CASE("requirements rules: english lists") {
    CHECK(english_list({}) == "");
    CHECK(english_list({"a"}) == "a");
    CHECK(english_list({"a", "b"}) == "a and b");
    CHECK(english_list({"a", "b", "c"}) == "a, b and c");
    CHECK(english_list({"a", "b", "c", "d"}) == "a, b, c and d");
}

TEST_CASE("requirements rules: which checks judge a certificate file of each role") {
    const Registry& registry = builtin_registry();
    struct Row {
        std::string role;
        Names names_checked;
    };
    const Names common = {"tls.chain", "tls.validity", "tls.signature", "tls.server-auth-eku", "tls.no-wildcard-subject"};
    for (const Row& row : {Row{"front-end", {"tls.lyncdiscoverinternal-san", "tls.internal-cert-lyncdiscover-san"}},
                           Row{"director", {"tls.lyncdiscoverinternal-san", "tls.internal-cert-lyncdiscover-san"}},
                           Row{"reverse-proxy", {"tls.lyncdiscover-san", "tls.external-web-san"}},
                           Row{"external-web", {"tls.lyncdiscover-san", "tls.external-web-san"}}}) {
        INFO(row.role);
        const Selection s = certificate_file_selection(row.role);
        Names selected;
        for (const auto& def : registry.all()) {
            if (s.selected(def)) selected.push_back(def.id);
        }
        Names wanted = row.names_checked;
        wanted.insert(wanted.end(), common.begin(), common.end());
        std::sort(selected.begin(), selected.end());
        std::sort(wanted.begin(), wanted.end());
        CHECK(selected == wanted);
        // A file has no protocol to negotiate.
        CHECK_FALSE(s.selected(*registry.find("tls.protocol")));
    }
}
