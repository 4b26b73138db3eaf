// Every tls.* check, judged from evidence recorded in the lab's certificate scenarios (fixture names
// are the scenario names), and the strict loading of the TLS evidence.
#include <doctest/doctest.h>
#include <openssl/x509_vfy.h>

#include <functional>
#include <map>

#include "fixtures.hpp"
#include "model/evidence_json.hpp"
#include "checks/registry.hpp"
#include "model/report_header.hpp"

using namespace mobcheck;
using fixtures::judge_one;
using fixtures::only;

namespace {

bool mentions(const Result& r, const std::string& text) { return r.message.find(text) != std::string::npos; }

// Every result of check in fixture passes, except the (subject, status) pairs listed.
void expect(const std::string& fixture, const std::string& check, std::map<std::string, Status> broken) {
    CAPTURE(fixture);
    CAPTURE(check);
    const auto results = judge_one(fixture, check);
    CHECK(!results.empty());
    for (const auto& r : results) {
        CAPTURE(r.subject);
        CAPTURE(r.message);
        auto it = broken.find(r.subject);
        CHECK(r.status == (it == broken.end() ? Status::Pass : it->second));
    }
    for (const auto& [subject, status] : broken) CHECK_NOTHROW(only(results, subject));
}

}  // namespace

TEST_CASE("tls.lyncdiscover-san") {
    const char* id = "tls.lyncdiscover-san";
    SUBCASE("both SIP domains covered") { expect("good", id, {}); }
    SUBCASE("the reverse proxy lacks the second SIP domain: the address and the name and the SAN list") {
        // Without the HTTP port 80 path (not published, or not probed) the missing SAN is a failure.
        const Evidence no_port80 = fixtures::without_walks("tls-proxy-missing-fabrikam", "lyncdiscover-port80");
        const Result r = only(fixtures::judge_one(no_port80, id), "fabrikam.com");
        CHECK(r.status == Status::Fail);
        CHECK(only(fixtures::judge_one(no_port80, id), "contoso.com").status == Status::Pass);
        CHECK(mentions(r, "127.20.0.10:443"));
        CHECK(mentions(r, "does not cover lyncdiscover.fabrikam.com"));
        CHECK(mentions(r, "its SAN list is webext.contoso.com, lyncdiscover.contoso.com."));
        CHECK(r.remediation.find("reverse proxy certificate with lyncdiscover.fabrikam.com") != std::string::npos);
        CHECK(r.remediation.find("webext.contoso.com, lyncdiscover.contoso.com and lyncdiscover.fabrikam.com") !=
              std::string::npos);
    }
    SUBCASE("the HTTP port 80 rule answers instead: info (SPEC §3)") {
        expect("tls-proxy-missing-fabrikam", id, {{"fabrikam.com", Status::Info}});
        const Result r = only(judge_one("tls-proxy-missing-fabrikam", id), "fabrikam.com");
        CHECK(mentions(r, "does not cover lyncdiscover.fabrikam.com"));
        CHECK(mentions(r, "The HTTP port 80 publishing rule for lyncdiscover.fabrikam.com answers instead"));
        CHECK(r.remediation.empty());  // an info result asks nothing of the admin
        CHECK(mentions(r, "Nothing is required; to serve the first request over HTTPS as recommended, reissue"));
    }
    SUBCASE("wildcard SANs cover it") {
        expect("tls-wildcard-san", id, {});
        CHECK(mentions(only(judge_one("tls-wildcard-san", id), "fabrikam.com"), "SAN *.fabrikam.com"));
    }
    SUBCASE("a NUL inside a SAN entry: the name is not covered and the entry is printed escaped") {
        expect("tls-nul-san", id, {{"contoso.com", Status::Fail}});
        const Result r = only(judge_one("tls-nul-san", id), "contoso.com");
        CHECK(mentions(r, "does not cover lyncdiscover.contoso.com"));
        CHECK(mentions(r, "its SAN list is webext.contoso.com, lyncdiscover.fabrikam.com, "
                          "lyncdiscover.contoso.com\\x00.evil.example."));
        CHECK(r.message.find('\0') == std::string::npos);
    }
    SUBCASE("500 SANs: the 500th covers - the missing one is named - the list in the message is cut") {
        expect("tls-500-sans", id, {{"fabrikam.com", Status::Fail}});
        const Result r = only(judge_one("tls-500-sans", id), "fabrikam.com");
        CHECK(mentions(r, "does not cover lyncdiscover.fabrikam.com"));
        CHECK(mentions(r, "lyncdiscover.tenant020.example and 480 more (500 names in all"));
        CHECK(r.message.size() < 1500);
        // The result names the certificate by its fingerprint; its 500 names are in the report's table once.
        const auto leaf = r.evidence.at("probes")[0].at("leaf");
        CHECK(leaf.at("san_count") == 500);
        CHECK_FALSE(leaf.contains("san"));
        const ReportHeader header = report_header(fixtures::load("tls-500-sans"));
        REQUIRE(header.certificate_table.count(leaf.at("sha256").get<std::string>()) == 1);
        CHECK(header.certificate_table.at(leaf.at("sha256").get<std::string>())->dns_names.size() == 500);
    }
    SUBCASE("a name that does not resolve has no certificate: skip - DNS undecided: error") {
        expect("missing-external-fabrikam", id, {{"fabrikam.com", Status::Skip}});
        expect("external-dns-drops", id, {{"contoso.com", Status::Error}, {"fabrikam.com", Status::Error}});
    }
}

TEST_CASE("tls.lyncdiscoverinternal-san") {
    const char* id = "tls.lyncdiscoverinternal-san";
    SUBCASE("covered") { expect("good", id, {}); }
    SUBCASE("the Front End lacks lyncdiscoverinternal.fabrikam.com") {
        expect("tls-frontend-missing-internal", id, {{"fabrikam.com", Status::Fail}});
        const Result r = only(judge_one("tls-frontend-missing-internal", id), "fabrikam.com");
        CHECK(mentions(r, "127.10.0.10:443"));
        CHECK(r.remediation.find("Front End") != std::string::npos);
    }
    SUBCASE("a port that never speaks TLS: error with the timeout") {
        expect("tls-no-handshake", id, {{"fabrikam.com", Status::Error}});
        CHECK(mentions(only(judge_one("tls-no-handshake", id), "fabrikam.com"), "no TLS handshake within"));
    }
    SUBCASE("a certificate that is not DER: error saying so") {
        expect("tls-garbage-der", id, {{"fabrikam.com", Status::Error}});
        const Result r = only(judge_one("tls-garbage-der", id), "fabrikam.com");
        CHECK(mentions(r, "127.10.0.12:443: handshake failed: the certificate the server sent is not DER"));
    }
    SUBCASE("from outside: skip") {
        expect("vantage-external", id, {{"contoso.com", Status::Skip}, {"fabrikam.com", Status::Skip}});
    }
}

TEST_CASE("tls.internal-cert-lyncdiscover-san") {
    const char* id = "tls.internal-cert-lyncdiscover-san";
    expect("good", id, {});
    expect("tls-frontend-missing-lyncdiscover", id, {{"fabrikam.com", Status::Warn}});
    expect("dangling-cname", id, {{"contoso.com", Status::Skip}});
}

TEST_CASE("tls.external-web-san") {
    const char* id = "tls.external-web-san";
    expect("good", id, {});
    expect("tls-proxy-missing-webext", id, {{"webext.contoso.com", Status::Fail}});
    expect("web-external-missing", id, {{"webext.contoso.com", Status::Skip}});
    // Learned from the Autodiscover links when not given.
    expect("no-web-fqdns", id, {});
    Evidence none = fixtures::load("no-web-fqdns");
    none.learned = {};
    CHECK(only(fixtures::judge_one(none, id), "external web services").status == Status::Skip);
}

TEST_CASE("tls.chain") {
    const char* id = "tls.chain";
    expect("good", id, {});
    const std::map<std::string, Status> internal = {{"lyncdiscoverinternal.contoso.com:443", Status::Fail},
                                                    {"lyncdiscoverinternal.fabrikam.com:443", Status::Fail}};
    const std::map<std::string, Status> proxy = {{"lyncdiscover.contoso.com:443", Status::Fail},
                                                 {"lyncdiscover.fabrikam.com:443", Status::Fail},
                                                 {"webext.contoso.com:443", Status::Fail}};
    SUBCASE("self-signed") {
        expect("tls-self-signed", id, internal);
        CHECK(mentions(only(judge_one("tls-self-signed", id), "lyncdiscoverinternal.contoso.com:443"), "self-signed"));
    }
    SUBCASE("intermediate not served") {
        expect("tls-intermediate-missing", id, proxy);
        const Result r = only(judge_one("tls-intermediate-missing", id), "webext.contoso.com:443");
        CHECK(mentions(r, "the intermediate certificate is not served"));
        CHECK(mentions(r, "unable to get local issuer certificate"));
    }
    SUBCASE("a root that is not a trust anchor (run without --ca-file)") {
        auto results = judge_one("tls-untrusted", id);
        CHECK(results.size() == 5);  // lyncdiscover and lyncdiscoverinternal of both SIP domains, the web FQDN
        for (const auto& r : results) CHECK(r.status == Status::Fail);
        CHECK(mentions(only(results, "webext.contoso.com:443"), "--ca-file"));
    }
    SUBCASE("an expired certificate is tls.validity's business and not the chain's") { expect("tls-expired", id, {}); }
    SUBCASE("never a pass for a chain OpenSSL did not verify whatever the record claims") {
        // The prober's handshake verifies nothing on purpose; only the verification recorded after it
        // decides. A record that says trusted but carries an error code is judged untrusted.
        Evidence e = fixtures::load("tls-untrusted");
        REQUIRE(!e.tls.empty());
        for (auto& probe : e.tls) {
            REQUIRE(probe.verification.code != X509_V_OK);
            probe.verification.trusted = true;
        }
        auto results = fixtures::judge_one(e, id);
        CHECK(!results.empty());
        for (const auto& r : results) CHECK(r.status == Status::Fail);
        Evidence good = fixtures::load("good");
        REQUIRE(!good.tls.empty());
        for (auto& probe : good.tls) probe.verification.code = X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
        const auto untrusted = fixtures::judge_one(good, id);
        CHECK(untrusted.size() == 6);  // the five names of the deployment and the AD FS authority
        for (const auto& r : untrusted) CHECK(r.status == Status::Fail);
    }
}

TEST_CASE("tls.validity") {
    const char* id = "tls.validity";
    expect("good", id, {});
    SUBCASE("expired on one of two VIP members: that member is named and judged at the probe's moment") {
        expect("tls-expired", id, {{"lyncdiscoverinternal.fabrikam.com:443", Status::Fail}});
        const Result r = only(judge_one("tls-expired", id), "lyncdiscoverinternal.fabrikam.com:443");
        CHECK(mentions(r, "127.10.0.12:443"));
        CHECK_FALSE(mentions(r, "127.10.0.11"));
        CHECK(mentions(r, "30 days before the probe"));
    }
    SUBCASE("not yet valid") {
        expect("tls-not-yet-valid", id, {{"lyncdiscoverinternal.contoso.com:443", Status::Fail},
                                         {"lyncdiscoverinternal.fabrikam.com:443", Status::Fail}});
    }
    SUBCASE("expiring in 10 days: warn - the horizon is configurable") {
        expect("tls-expiring-soon", id, {{"lyncdiscover.contoso.com:443", Status::Warn},
                                         {"lyncdiscover.fabrikam.com:443", Status::Warn},
                                         {"webext.contoso.com:443", Status::Warn}});
        Evidence e = fixtures::load("tls-expiring-soon");
        e.plan.expiry_warn_days = 7;
        Selection s;
        s.only = {id};
        std::size_t judged = 0;
        for (const auto& r : judge(e, builtin_registry(), s)) {
            if (r.check != id) continue;
            CHECK(r.status == Status::Pass);
            ++judged;
        }
        CHECK(judged == 6);  // the five names of the deployment and the AD FS authority
    }
}

TEST_CASE("tls.signature") {
    const char* id = "tls.signature";
    expect("good", id, {});
    expect("tls-sha1", id, {{"lyncdiscoverinternal.contoso.com:443", Status::Warn},
                            {"lyncdiscoverinternal.fabrikam.com:443", Status::Warn}});
    expect("tls-rsa1024", id, {{"lyncdiscover.contoso.com:443", Status::Warn},
                               {"lyncdiscover.fabrikam.com:443", Status::Warn},
                               {"webext.contoso.com:443", Status::Warn}});
    CHECK(mentions(only(judge_one("tls-rsa1024", id), "webext.contoso.com:443"), "RSA key of 1024 bits"));
    CHECK(mentions(only(judge_one("tls-sha1", id), "lyncdiscoverinternal.contoso.com:443"), "ecdsa-with-SHA1"));
}

TEST_CASE("tls.server-auth-eku") {
    const char* id = "tls.server-auth-eku";
    expect("good", id, {});
    expect("tls-client-auth-only", id, {{"lyncdiscoverinternal.contoso.com:443", Status::Fail},
                                        {"lyncdiscoverinternal.fabrikam.com:443", Status::Fail}});
    CHECK(mentions(only(judge_one("tls-client-auth-only", id), "lyncdiscoverinternal.contoso.com:443"), "clientAuth"));
}

TEST_CASE("tls.no-wildcard-subject") {
    const char* id = "tls.no-wildcard-subject";
    expect("good", id, {});
    expect("tls-wildcard-san", id, {});
    expect("tls-wildcard-subject", id, {{"lyncdiscover.contoso.com:443", Status::Warn},
                                        {"lyncdiscover.fabrikam.com:443", Status::Warn},
                                        {"webext.contoso.com:443", Status::Warn}});
}

TEST_CASE("tls.protocol") {
    const char* id = "tls.protocol";
    expect("good", id, {});
    expect("tls-legacy-protocol", id, {{"lyncdiscoverinternal.contoso.com:443", Status::Fail},
                                       {"lyncdiscoverinternal.fabrikam.com:443", Status::Fail}});
    CHECK(mentions(only(judge_one("tls-legacy-protocol", id), "lyncdiscoverinternal.fabrikam.com:443"), "TLSv1.1"));
}

TEST_CASE("evidence: TLS probes round-trip and load strictly") {
    const Evidence good = fixtures::load("good");
    REQUIRE(!good.tls.empty());
    const Evidence again = evidence_from_json(evidence_to_json(good));
    CHECK(again.tls == good.tls);
    auto broken = [&](const std::function<void(nlohmann::json&)>& edit, const std::string& path) {
        nlohmann::json j = evidence_to_json(good);
        edit(j);
        CAPTURE(path);
        try {
            evidence_from_json(j);
            FAIL("accepted");
        } catch (const EvidenceFormatError& e) {
            CHECK(std::string(e.what()).find(path) != std::string::npos);
        }
    };
    broken([](auto& j) { j["tls"][0]["chain"][0] = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"; },
           "$.tls[0].chain[0]");
    broken([](auto& j) { j["tls"][0]["probed_at"] = "yesterday"; }, "$.tls[0].probed_at");
    broken([](auto& j) { j["tls"][0]["probed_at"] = "2026-02-31T10:00:00Z"; }, "$.tls[0].probed_at");
    broken([](auto& j) { j["tls"][0]["outcome"] = "fine"; }, "$.tls[0].outcome");
    broken([](auto& j) { j["tls"][0]["chain"] = nlohmann::json::array(); }, "$.tls[0].chain");
    broken([](auto& j) { j["tls"][0]["port"] = 0; }, "$.tls[0].port");
    broken([](auto& j) { j["tls"][0]["verification"]["trusted"] = "yes"; }, "$.tls[0].verification.trusted");
    broken([](auto& j) { j["tls"] = "none"; }, "$.tls");
}
