// The rule tables as a whole: the built deployment passes every check of the registry (the pass row
// of every table), every check has a table, and judge() itself: selection, a check that throws, and
// the remediation a result gets by default.
#include <doctest/doctest.h>

#include <set>
#include <stdexcept>

#include "evidence_builders.hpp"

using namespace mobcheck;
using namespace builders;

namespace {

// The checks whose every status has a table in tests/unit/test_*_rules.cpp. A check added to the
// registry without one fails the test below until its table is written.
const std::set<std::string> kTabled = {
    "dns.resolver",
    "dns.lyncdiscoverinternal",     "dns.lyncdiscover",
    "dns.internal-name-hidden",     "dns.external-name-inside",
    "dns.cname-domain",             "dns.chain-health",
    "dns.web-internal-private",     "dns.web-external-public",
    "dns.web-external-via-proxy",   "dns.federation-srv",
    "topology.web-fqdns-distinct",  "topology.mobility-urls-external",
    "http.lyncdiscoverinternal",    "http.lyncdiscover",
    "http.lyncdiscover-port80",     "http.autodiscover-links",
    "http.user-challenge",          "http.hairpin",
    "http.source-affinity",         "http.mobility-service",
    "http.iis-version",             "http.modern-auth",
    "tls.lyncdiscover-san",
    "tls.lyncdiscoverinternal-san", "tls.internal-cert-lyncdiscover-san",
    "tls.external-web-san",         "tls.chain",
    "tls.validity",                 "tls.signature",
    "tls.server-auth-eku",          "tls.no-wildcard-subject",
    "tls.protocol",                 "ports.apns",
    "ports.sba-ucwa-external",      "ports.sba-ucwa-primary",
};

void throwing_check(CheckContext& ctx) {
    ctx.pass("before", "", "a result before the throw is kept");
    throw std::runtime_error("index out of range");
}

void one_of_each(CheckContext& ctx) {
    ctx.pass("p", "", "pass");
    ctx.broken("b", "", "broken");
    ctx.emit(Status::Warn, "w", "", "warn");
    ctx.emit(Status::Error, "e", "", "error");
    ctx.emit(Status::Info, "i", "", "info");
    ctx.emit(Status::Fail, "own", "", "fail with its own fix").remediation = "its own fix";
}

}  // namespace

TEST_CASE("rule catalogue: every check of the registry has a table") {
    std::set<std::string> registered;
    for (const auto& def : builtin_registry().all()) registered.insert(def.id);
    CHECK(registered == kTabled);
}

TEST_CASE("rule catalogue: the built deployment passes every check - from both vantages and with two SIP domains") {
    struct Case {
        std::vector<std::string> sips;
        Vantage vantage;
    };
    for (const Case& c : {Case{{"contoso.com"}, Vantage::Internal}, Case{{"contoso.com", "fabrikam.com"}, Vantage::Internal},
                          Case{{"contoso.com"}, Vantage::External}}) {
        const Evidence e = good(c.sips, c.vantage);
        for (const auto& def : builtin_registry().all()) {
            INFO(def.id << " (" << c.sips.size() << " SIP domains, vantage " << to_string(c.vantage) << ")");
            const auto results = judge_check(e, def.id);
            CHECK_FALSE(results.empty());
            for (const auto& r : results) {
                INFO(r.subject << ": " << r.message);
                // From outside, the internal-only rules do not apply.
                const bool not_applicable = c.vantage == Vantage::External && r.status == Status::Skip;
                CHECK((r.status == Status::Pass || not_applicable));
                if (r.status == Status::Pass) CHECK(r.remediation.empty());
            }
        }
    }
}

TEST_CASE("rule catalogue: judge() skips what is not selected - names a check that throws - and fills remediations") {
    SUBCASE("a check not selected yields one skip with subject 'star'") {
        const auto all = judge(good(), builtin_registry(), Selection{{"tls.signature"}, {}});
        for (const auto& r : all) {
            INFO(r.check);
            if (r.check == "tls.signature") {
                CHECK(r.status == Status::Pass);
            } else {
                CHECK(r.status == Status::Skip);
                CHECK(r.subject == "*");
            }
        }
        const auto skipped = judge(good(), builtin_registry(), Selection{{}, {"tls"}});
        for (const auto& r : skipped) {
            if (r.check.starts_with("tls.")) CHECK(r.status == Status::Skip);
        }
    }
    SUBCASE("a check that throws yields an error and costs no other result") {
        Registry registry;
        registry.add({"x.throws", "throws", Status::Fail, "rule", "source", "fix", &throwing_check});
        registry.add({"x.each", "one of each", Status::Warn, "rule", "source", "the registry's fix", &one_of_each});
        const auto results = judge(good(), registry, {});
        REQUIRE(results.size() == 8);
        CHECK(results[0].subject == "before");
        CHECK(results[0].status == Status::Pass);
        CHECK(results[1].check == "x.throws");
        CHECK(results[1].subject == "*");
        CHECK(results[1].status == Status::Error);
        CHECK(results[1].message == "the check could not be evaluated: index out of range");
        CHECK(results[1].remediation.find("could not decide") != std::string::npos);
        // broken() yields the registry's severity; warn and fail get the registry's fix unless they
        // have their own; error gets the undecided one; pass and info none.
        const auto& each = std::vector<Result>(results.begin() + 2, results.end());
        CHECK(each[0].remediation.empty());
        CHECK(each[1].status == Status::Warn);
        CHECK(each[1].remediation == "the registry's fix");
        CHECK(each[2].remediation == "the registry's fix");
        CHECK(each[3].remediation.find("could not decide") != std::string::npos);
        CHECK(each[4].remediation.empty());
        CHECK(each[5].remediation == "its own fix");
    }
}

TEST_CASE("rule catalogue: selectors name a check - its category - 'category.' and 'category.star'") {
    const Registry& r = builtin_registry();
    const CheckDef& def = *r.find("tls.signature");
    CHECK(def.category() == "tls");
    for (const char* s : {"tls.signature", "tls", "tls.", "tls.*"}) {
        INFO(s);
        CHECK(Registry::selector_matches(s, def));
    }
    for (const char* s : {"tls.sig", "tl", "dns", "tls.signature.x", "*"}) {
        INFO(s);
        CHECK_FALSE(Registry::selector_matches(s, def));
    }
    CHECK(r.find("tls.nope") == nullptr);
    CHECK_FALSE(r.selector_known("nope"));
    CHECK(Selection{{"tls"}, {"tls.signature"}}.selected(*r.find("tls.chain")));
    CHECK_FALSE(Selection{{"tls"}, {"tls.signature"}}.selected(def));
}
