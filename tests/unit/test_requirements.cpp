// The names a deployment needs: what `mobcheck plan` prints and the tls.* remediations quote.
#include <doctest/doctest.h>

#include "checks/requirements.hpp"

using namespace mobcheck;

TEST_CASE("requirements: each certificate's names for two SIP domains") {
    const DeploymentNames n{{"contoso.com", "fabrikam.com"}, "pool01.contoso.net", "webext.contoso.com", std::nullopt};
    const auto needs = certificate_needs(n);
    REQUIRE(find_need(needs, "reverse-proxy") != nullptr);
    CHECK(find_need(needs, "reverse-proxy")->names ==
          std::vector<std::string>{"webext.contoso.com", "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"});
    CHECK(find_need(needs, "front-end")->names ==
          std::vector<std::string>{"pool01.contoso.net", "webext.contoso.com", "lyncdiscoverinternal.contoso.com",
                                   "lyncdiscoverinternal.fabrikam.com", "lyncdiscover.contoso.com",
                                   "lyncdiscover.fabrikam.com"});
    CHECK(find_need(needs, "director") == nullptr);
    const auto with_director = certificate_needs({{"contoso.com"}, std::nullopt, std::nullopt, "dir01.contoso.net"});
    REQUIRE(find_need(with_director, "director") != nullptr);
    CHECK(find_need(with_director, "director")->subject == "dir01.contoso.net");
    CHECK(find_need(with_director, "reverse-proxy")->subject == "lyncdiscover.contoso.com");
}

TEST_CASE("requirements: DNS records and an A record where a CNAME would leave the SIP domain") {
    const auto records = dns_needs({{"contoso.com", "fabrikam.com"}, "pool01.contoso.net", "webext.contoso.com", std::nullopt});
    auto find = [&](DnsView view, const std::string& name) -> const DnsNeed& {
        for (const auto& r : records) {
            if (r.view == view && r.name == name) return r;
        }
        FAIL("missing " << name);
        throw std::logic_error("unreachable");
    };
    CHECK(find(DnsView::Internal, "lyncdiscoverinternal.fabrikam.com").value == "pool01.contoso.net");
    CHECK(find(DnsView::External, "lyncdiscover.contoso.com").type == "CNAME");
    CHECK(find(DnsView::External, "lyncdiscover.fabrikam.com").type == "A/AAAA");
    CHECK(find(DnsView::External, "_sipfederationtls._tcp.fabrikam.com").type == "SRV");
}

TEST_CASE("requirements: the openssl req config asks for every name and serverAuth") {
    const auto needs = certificate_needs({{"contoso.com"}, std::nullopt, "webext.contoso.com", std::nullopt});
    const std::string config = openssl_req_config(*find_need(needs, "reverse-proxy"));
    CHECK(config.find("CN = webext.contoso.com") != std::string::npos);
    CHECK(config.find("DNS.2 = lyncdiscover.contoso.com") != std::string::npos);
    CHECK(config.find("extendedKeyUsage = serverAuth") != std::string::npos);
    CHECK(english_list({"a", "b", "c"}) == "a, b and c");
}
