// mobcheck plan and mobcheck cert: the real binary, no network.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <map>
#include <set>

#include "process.hpp"
#include "report_json.hpp"

using nlohmann::json;

namespace {

const std::string kBinary = MOBCHECK_BINARY;
const std::string kCerts = std::string(MOBCHECK_TESTDATA) + "/certs/";
const std::string kLabCa = std::string(MOBCHECK_TESTDATA) + "/lab/tls/lab-root-ca.pem";

testsupport::Outcome mobcheck(std::vector<std::string> args) {
    return testsupport::run_without_network(kBinary, std::move(args));
}

const json& certificate(const json& plan, const std::string& role) {
    for (const auto& c : plan.at("certificates")) {
        if (c.at("role") == role) return c;
    }
    FAIL("no certificate " << role);
    throw std::logic_error("unreachable");
}

std::set<std::string> names(const json& c) {
    std::set<std::string> out;
    for (const auto& n : c.at("san")) out.insert(n.get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("cli: plan for two SIP domains lists exactly the names the rules require") {
    auto r = mobcheck({"plan", "--sip", "contoso.com", "--sip", "Fabrikam.com.", "--internal-web", "pool01.contoso.net",
                       "--external-web", "webext.contoso.com", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const json plan = json::parse(r.out);
    CHECK(names(certificate(plan, "reverse-proxy")) ==
          std::set<std::string>{"webext.contoso.com", "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"});
    CHECK(certificate(plan, "reverse-proxy").at("subject") == "webext.contoso.com");
    CHECK(names(certificate(plan, "front-end")) ==
          std::set<std::string>{"pool01.contoso.net", "webext.contoso.com", "lyncdiscoverinternal.contoso.com",
                                "lyncdiscoverinternal.fabrikam.com", "lyncdiscover.contoso.com",
                                "lyncdiscover.fabrikam.com"});
    CHECK(names(certificate(plan, "external-web")) ==
          std::set<std::string>{"webext.contoso.com", "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"});
    CHECK(plan.at("certificates").size() == 3);  // no Director given
    // DNS: a CNAME inside the SIP domain, an A record where a CNAME would leave it.
    std::map<std::string, std::string> external;
    for (const auto& d : plan.at("dns")) {
        if (d.at("view") == "external") external[d.at("name").get<std::string>()] = d.at("type").get<std::string>();
    }
    CHECK(external.at("lyncdiscover.contoso.com") == "CNAME");
    CHECK(external.at("lyncdiscover.fabrikam.com") == "A/AAAA");
    CHECK(external.count("lyncdiscoverinternal.contoso.com") == 0);
    CHECK(certificate(plan, "reverse-proxy").at("openssl_req_config").get<std::string>().find(
              "DNS.3 = lyncdiscover.fabrikam.com") != std::string::npos);
}

TEST_CASE("cli: plan as text with a Director and the openssl req config of one role") {
    auto text = mobcheck({"plan", "--sip", "contoso.com", "--external-web", "webext.contoso.com", "--director",
                          "dir01.contoso.net"});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("Director") != std::string::npos);
    CHECK(text.out.find("lyncdiscoverinternal.contoso.com") != std::string::npos);
    CHECK(text.out.find("--role reverse-proxy") != std::string::npos);
    auto config = mobcheck({"plan", "--sip", "contoso.com", "--sip", "fabrikam.com", "--external-web",
                            "webext.contoso.com", "--req-config", "reverse-proxy"});
    REQUIRE(config.exit_code == 0);
    CHECK(config.out.find("CN = webext.contoso.com") != std::string::npos);
    CHECK(config.out.find("extendedKeyUsage = serverAuth") != std::string::npos);
    CHECK(config.out.find("DNS.3 = lyncdiscover.fabrikam.com") != std::string::npos);
    CHECK(mobcheck({"plan", "--sip", "contoso.com", "--req-config", "director"}).exit_code == 2);
}

TEST_CASE("cli: cert on a request missing a SIP domain exits 1 naming the missing name") {
    auto r = mobcheck({"cert", kCerts + "proxy-missing-fabrikam.csr", "--role", "reverse-proxy", "--sip", "contoso.com",
                       "--sip", "fabrikam.com", "--external-web", "webext.contoso.com"});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("FAIL  tls.lyncdiscover-san  fabrikam.com") != std::string::npos);
    CHECK(r.out.find("does not cover lyncdiscover.fabrikam.com") != std::string::npos);
    CHECK(r.out.find("PASS  tls.lyncdiscover-san  contoso.com") != std::string::npos);
    auto complete = mobcheck({"cert", kCerts + "proxy-complete.csr", "--role", "reverse-proxy", "--sip", "contoso.com",
                              "--sip", "fabrikam.com", "--external-web", "webext.contoso.com", "--format", "json"});
    CHECK(complete.exit_code == 0);
    const json report = json::parse(complete.out);
    CHECK(report.at("summary").at("fail") == 0);
    int undated = 0;
    for (const auto& res : report.at("results")) {
        if (res.at("check") != "tls.chain" && res.at("check") != "tls.validity") continue;
        CHECK(res.at("status") == "skip");
        ++undated;
    }
    CHECK(undated == 2);  // one each: a file's properties are reported once
}

TEST_CASE("cli: cert on a certificate chain: trusted with --ca-file and untrusted without and as a Front End certificate") {
    const std::vector<std::string> base = {"cert", kCerts + "proxy-chain.pem", "--role", "reverse-proxy", "--sip",
                                           "contoso.com", "--sip", "fabrikam.com", "--format", "json"};
    auto with_ca = base;
    with_ca.insert(with_ca.end(), {"--ca-file", kLabCa});
    auto trusted = mobcheck(with_ca);
    CHECK(trusted.exit_code == 0);
    auto untrusted = mobcheck(base);
    CHECK(untrusted.exit_code == 1);
    const json report = json::parse(untrusted.out);
    int chain_results = 0;
    for (const auto& res : report.at("results")) {
        if (res.at("check") != "tls.chain") continue;
        ++chain_results;
        CHECK(res.at("status") == "fail");
        CHECK(res.at("subject") == kCerts + "proxy-chain.pem");  // a file's properties are reported once
    }
    CHECK(chain_results == 1);
    // The same certificate as a Front End certificate lacks every lyncdiscoverinternal name.
    auto fe = mobcheck({"cert", kCerts + "proxy-chain.pem", "--role", "front-end", "--sip", "contoso.com", "--ca-file",
                        kLabCa});
    CHECK(fe.exit_code == 1);
    CHECK(fe.out.find("does not cover lyncdiscoverinternal.contoso.com") != std::string::npos);
}

TEST_CASE("cli: cert on hostile certificates: a NUL in a SAN - 500 SANs - garbage DER - a DER file") {
    auto cert = [](const std::string& file, std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {"cert", kCerts + file, "--role", "reverse-proxy", "--sip", "contoso.com",
                                         "--sip", "fabrikam.com", "--ca-file", kLabCa};
        args.insert(args.end(), extra.begin(), extra.end());
        return mobcheck(args);
    };
    SUBCASE("a NUL in a SAN: the name is not covered and the entry prints escaped") {
        auto r = cert("nul-san.pem");
        CHECK(r.exit_code == 1);
        CHECK(r.out.find('\0') == std::string::npos);
        CHECK(r.out.find("FAIL  tls.lyncdiscover-san  contoso.com") != std::string::npos);
        CHECK(r.out.find("does not cover lyncdiscover.contoso.com") != std::string::npos);
        CHECK(r.out.find("lyncdiscover.contoso.com\\x00.evil.example") != std::string::npos);
        CHECK(r.out.find("PASS  tls.lyncdiscover-san  fabrikam.com") != std::string::npos);
        auto j = json::parse(cert("nul-san.pem", {"--format", "json"}).out);
        int judged = 0;
        for (const auto& res : j.at("results")) {
            if (res.at("check") != "tls.lyncdiscover-san" || res.at("subject") != "contoso.com") continue;
            ++judged;
            CHECK(res.at("status") == "fail");
            CHECK(testsupport::leaf_names(j, res.at("evidence").at("probes")[0])[2] == "lyncdiscover.contoso.com\\x00.evil.example");
        }
        CHECK(judged == 1);
    }
    SUBCASE("500 SANs: the 500th covers - the missing one is named - the message stays short") {
        auto r = cert("500-sans.pem", {"--format", "json"});
        CHECK(r.exit_code == 1);
        const json j = json::parse(r.out);
        int judged = 0;
        for (const auto& res : j.at("results")) {
            if (res.at("check") != "tls.lyncdiscover-san") continue;
            ++judged;
            const std::string message = res.at("message");
            CAPTURE(message);
            CHECK(res.at("status") == (res.at("subject") == "contoso.com" ? "pass" : "fail"));
            CHECK(message.size() < 1500);
            CHECK(testsupport::leaf_names(j, res.at("evidence").at("probes")[0]).size() == 500);
            if (res.at("subject") == "fabrikam.com") CHECK(message.find("and 480 more (500 names in all") != std::string::npos);
        }
        CHECK(judged == 2);  // contoso.com and fabrikam.com
    }
    SUBCASE("garbage DER: exit 2 with one line in PEM armour or bare") {
        auto armoured = cert("garbage-der.pem");
        CHECK(armoured.exit_code == 2);
        CHECK(armoured.err.find("a CERTIFICATE block OpenSSL cannot read") != std::string::npos);
        CHECK(armoured.err.find('\n') == armoured.err.size() - 1);
        auto bare = cert("garbage.der");
        CHECK(bare.exit_code == 2);
        CHECK(bare.err.find("is not a DER certificate or request either") != std::string::npos);
        CHECK(bare.err.find('\n') == bare.err.size() - 1);
    }
    SUBCASE("a DER certificate (a Windows .cer) is read like PEM") {
        auto r = cert("proxy-leaf.der");
        CHECK(r.out.find("PASS  tls.lyncdiscover-san  contoso.com") != std::string::npos);
        CHECK(r.out.find("PASS  tls.lyncdiscover-san  fabrikam.com") != std::string::npos);
        // The file holds the leaf only: its issuing CA is neither in it nor a trust anchor.
        CHECK(r.out.find("FAIL  tls.chain") != std::string::npos);
        CHECK(r.exit_code == 1);
    }
}
