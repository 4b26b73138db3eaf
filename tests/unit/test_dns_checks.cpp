// Every dns.* check, judged from evidence recorded in the lab: the all-good deployment, and each
// scenario in which the rule breaks. Fixture names are the lab scenario names.
#include <doctest/doctest.h>

#include "checks/registry.hpp"
#include "fixtures.hpp"

using namespace mobcheck;
using fixtures::judge_one;
using fixtures::only;

namespace {

bool mentions(const Result& r, const std::string& text) {
    return r.message.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("dns.lyncdiscoverinternal") {
    const char* id = "dns.lyncdiscoverinternal";
    SUBCASE("resolves for both SIP domains in the good deployment") {
        auto results = judge_one("good", id);
        CHECK(results.size() == 2);
        const Result& contoso = only(results, "contoso.com");
        CHECK(contoso.status == Status::Pass);
        CHECK(mentions(contoso, "pool01.contoso.net"));  // the CNAME hop is evidence
        CHECK(mentions(contoso, "127.10.0.10"));
        CHECK(only(results, "fabrikam.com").status == Status::Pass);
    }
    SUBCASE("missing for the second SIP domain fails that domain only") {
        auto results = judge_one("missing-internal-fabrikam", id);
        const Result& fabrikam = only(results, "fabrikam.com");
        CHECK(fabrikam.status == Status::Fail);
        CHECK(mentions(fabrikam, "lyncdiscoverinternal.fabrikam.com"));
        CHECK(mentions(fabrikam, "NXDOMAIN"));
        CHECK_FALSE(fabrikam.remediation.empty());
        CHECK(only(results, "contoso.com").status == Status::Pass);
    }
    SUBCASE("a dangling CNAME fails") {
        const Result& r = only(judge_one("dangling-cname", id), "contoso.com");
        CHECK(r.status == Status::Fail);
        CHECK(mentions(r, "pool99.contoso.net"));
    }
    SUBCASE("a resolver that refuses connections is an error and neither a pass nor a fail") {
        const Result& r = only(judge_one("internal-dns-refused", id), "contoso.com");
        CHECK(r.status == Status::Error);
        CHECK(mentions(r, "refused"));
    }
}

TEST_CASE("dns.lyncdiscover") {
    const char* id = "dns.lyncdiscover";
    SUBCASE("good") {
        auto results = judge_one("good", id);
        CHECK(only(results, "contoso.com").status == Status::Pass);
        CHECK(mentions(only(results, "contoso.com"), "webext.contoso.com"));
        CHECK(only(results, "fabrikam.com").status == Status::Pass);
    }
    SUBCASE("missing external record") {
        const Result& r = only(judge_one("missing-external-fabrikam", id), "fabrikam.com");
        CHECK(r.status == Status::Fail);
        CHECK(mentions(r, "NXDOMAIN"));
    }
    SUBCASE("a CNAME loop fails") {
        const Result& r = only(judge_one("cname-loop", id), "contoso.com");
        CHECK(r.status == Status::Fail);
        CHECK(mentions(r, "loop"));
    }
    SUBCASE("SERVFAIL fails: no client can resolve it") {
        const Result& r = only(judge_one("servfail", id), "fabrikam.com");
        CHECK(r.status == Status::Fail);
        CHECK(mentions(r, "SERVFAIL"));
    }
    SUBCASE("a resolver that drops every query is an error naming the timeout") {
        const Result& r = only(judge_one("external-dns-drops", id), "contoso.com");
        CHECK(r.status == Status::Error);
        CHECK(mentions(r, "no answer"));
        CHECK_FALSE(r.remediation.empty());
    }
}

TEST_CASE("dns.internal-name-hidden") {
    const char* id = "dns.internal-name-hidden";
    auto good = judge_one("good", id);
    CHECK(only(good, "contoso.com").status == Status::Pass);
    CHECK(only(good, "fabrikam.com").status == Status::Pass);
    const Result& visible = only(judge_one("internal-name-visible", id), "contoso.com");
    CHECK(visible.status == Status::Warn);
    CHECK(mentions(visible, "127.10.0.10"));
    CHECK(only(judge_one("external-dns-drops", id), "contoso.com").status == Status::Error);
}

TEST_CASE("dns.external-name-inside") {
    const char* id = "dns.external-name-inside";
    CHECK(only(judge_one("good", id), "contoso.com").status == Status::Pass);
    const Result& inside = only(judge_one("external-name-inside", id), "contoso.com");
    CHECK(inside.status == Status::Info);
    CHECK(mentions(inside, "lyncdiscover.contoso.com"));
    CHECK(only(judge_one("external-name-inside", id), "fabrikam.com").status == Status::Pass);
}

TEST_CASE("dns.cname-domain") {
    const char* id = "dns.cname-domain";
    SUBCASE("a CNAME inside the domain and a plain A record both pass") {
        auto results = judge_one("good", id);
        CHECK(only(results, "contoso.com").status == Status::Pass);
        CHECK(mentions(only(results, "contoso.com"), "stays inside"));
        CHECK(only(results, "fabrikam.com").status == Status::Pass);
        CHECK(mentions(only(results, "fabrikam.com"), "no CNAME"));
    }
    SUBCASE("a CNAME to another domain warns and names both") {
        const Result& r = only(judge_one("cname-other-domain", id), "fabrikam.com");
        CHECK(r.status == Status::Warn);
        CHECK(mentions(r, "webext.contoso.com"));
        CHECK(mentions(r, "outside fabrikam.com"));
        CHECK(r.remediation.find("port 80") != std::string::npos);
    }
    SUBCASE("no external record: not applicable") {
        CHECK(only(judge_one("missing-external-fabrikam", id), "fabrikam.com").status == Status::Skip);
    }
}

TEST_CASE("dns.chain-health") {
    const char* id = "dns.chain-health";
    SUBCASE("good: every subject passes") {
        const auto results = judge_one("good", id);
        CHECK(results.size() == 4);  // both SIP domains and both web services FQDNs
        for (const auto& r : results) {
            CAPTURE(r.subject);
            CHECK(r.status == Status::Pass);
        }
    }
    SUBCASE("loop") {
        const Result& r = only(judge_one("cname-loop", id), "contoso.com");
        CHECK(r.status == Status::Fail);
        CHECK(mentions(r, "lyncdiscover2.contoso.com"));
        CHECK(mentions(r, "loop"));
    }
    SUBCASE("dangling") {
        const Result& r = only(judge_one("dangling-cname", id), "contoso.com");
        CHECK(r.status == Status::Fail);
        CHECK(mentions(r, "dangling"));
    }
    SUBCASE("SERVFAIL") {
        auto results = judge_one("servfail", id);
        CHECK(only(results, "fabrikam.com").status == Status::Fail);
        CHECK(mentions(only(results, "fabrikam.com"), "SERVFAIL"));
        CHECK(only(results, "contoso.com").status == Status::Pass);
    }
    SUBCASE("timeouts leave it undecided") {
        CHECK(only(judge_one("external-dns-drops", id), "contoso.com").status == Status::Error);
    }
}

TEST_CASE("dns.web-internal-private") {
    const char* id = "dns.web-internal-private";
    CHECK(only(judge_one("good", id), "pool01.contoso.net").status == Status::Pass);
    const Result& r = only(judge_one("web-internal-public", id), "pool01.contoso.net");
    CHECK(r.status == Status::Fail);
    CHECK(mentions(r, "resolves in the external view"));
    // Not given: learned from the links of the internal Autodiscover root, and said so.
    const Result& learned = only(judge_one("no-web-fqdns", id), "pool01.contoso.net");
    CHECK(learned.status == Status::Pass);
    CHECK(learned.evidence.at("learned").at("internal_web").at("source") ==
          "the Autodiscover links of https://lyncdiscoverinternal.contoso.com/");
    // Neither given nor learned.
    Evidence none = fixtures::load("no-web-fqdns");
    none.learned = {};
    CHECK(fixtures::judge_one(none, id).at(0).status == Status::Skip);
}

TEST_CASE("dns.web-external-public") {
    const char* id = "dns.web-external-public";
    CHECK(only(judge_one("good", id), "webext.contoso.com").status == Status::Pass);
    CHECK(only(judge_one("web-external-missing", id), "webext.contoso.com").status == Status::Fail);
    const Result& learned = only(judge_one("no-web-fqdns", id), "webext.contoso.com");
    CHECK(learned.status == Status::Pass);
    CHECK(learned.evidence.at("learned").at("external_web").at("source") ==
          "the Autodiscover links of https://lyncdiscover.contoso.com/");
    Evidence none = fixtures::load("no-web-fqdns");
    none.learned = {};
    CHECK(fixtures::judge_one(none, id).at(0).status == Status::Skip);
}

TEST_CASE("dns.web-external-via-proxy") {
    const char* id = "dns.web-external-via-proxy";
    CHECK(only(judge_one("good", id), "webext.contoso.com").status == Status::Pass);
    const Result& direct = only(judge_one("web-external-direct", id), "webext.contoso.com");
    CHECK(direct.status == Status::Warn);
    CHECK(mentions(direct, "127.10.0.10"));
    CHECK(mentions(direct, "pool01.contoso.net"));
    CHECK(only(judge_one("no-web-fqdns", id), "webext.contoso.com").status == Status::Pass);
    Evidence none = fixtures::load("no-web-fqdns");
    none.learned = {};
    CHECK(fixtures::judge_one(none, id).at(0).status == Status::Skip);
}

TEST_CASE("dns.federation-srv") {
    const char* id = "dns.federation-srv";
    auto good = judge_one("good", id);
    CHECK(only(good, "contoso.com").status == Status::Pass);
    CHECK(mentions(only(good, "contoso.com"), "5061 sip.contoso.com"));
    CHECK(only(judge_one("no-federation-srv", id), "fabrikam.com").status == Status::Warn);
    CHECK(only(judge_one("no-federation-srv", id), "contoso.com").status == Status::Pass);
}

TEST_CASE("dns.resolver: an internal resolver nobody listens on is one error and the external view is still judged") {
    const auto results = judge(fixtures::load("internal-dns-refused"), builtin_registry(), {});
    std::vector<const Result*> errors, blocked;
    for (const Result& r : results) {
        if (r.status == Status::Error || r.status == Status::Fail || r.status == Status::Warn) errors.push_back(&r);
        if (r.blocked_by) blocked.push_back(&r);
    }
    REQUIRE(errors.size() == 1);
    const Result& cause = *errors.front();
    CHECK(cause.check == "dns.resolver");
    CHECK(cause.subject == "internal view (127.0.0.56:53)");
    CHECK(cause.reason == "resolver-refused");
    CHECK(mentions(cause, "127.0.0.56:53"));
    CHECK(cause.remediation.find("--internal-dns") != std::string::npos);
    // Everything that needed the internal view names it as its cause ...
    CHECK(blocked.size() >= 15);
    for (const Result* r : blocked) {
        INFO(r->check << " " << r->subject);
        CHECK(r->blocked_by->check == "dns.resolver");
        CHECK(r->blocked_by->subject == cause.subject);
        CHECK(r->remediation.empty());
    }
    // ... and what the external view decides alone is decided.
    for (const char* check : {"dns.lyncdiscover", "dns.internal-name-hidden", "dns.federation-srv", "tls.chain"}) {
        for (const Result& r : results) {
            if (r.check == check) CHECK_MESSAGE(r.status == Status::Pass, check << " " << r.subject << ": " << r.message);
        }
    }
    for (const Result& r : results) {
        if (r.check == "dns.resolver" && r.subject.starts_with("external")) CHECK(r.status == Status::Pass);
    }
}

TEST_CASE("dns fixes follow the cause and name the real names") {
    SUBCASE("a dangling CNAME names the target that does not exist") {
        const Result& r = only(judge_one("dangling-cname", "dns.lyncdiscoverinternal"), "contoso.com");
        CHECK(r.reason == "dangling-cname");
        CHECK(r.remediation.find("ends at pool99.contoso.net, which does not exist") != std::string::npos);
        CHECK(r.remediation.find("create pool99.contoso.net") != std::string::npos);
    }
    SUBCASE("SERVFAIL says the zone does not load") {
        const Result& r = only(judge_one("servfail", "dns.lyncdiscover"), "fabrikam.com");
        CHECK(r.reason == "servfail");
        CHECK(r.remediation.find("does not load on that server") != std::string::npos);
        CHECK(r.remediation.find("Create lyncdiscover") == std::string::npos);
    }
    SUBCASE("NXDOMAIN asks to create the record of that SIP domain") {
        const Result& r = only(judge_one("missing-external-fabrikam", "dns.lyncdiscover"), "fabrikam.com");
        CHECK(r.reason == "nxdomain");
        CHECK(r.remediation.find("Create lyncdiscover.fabrikam.com") != std::string::npos);
        CHECK(r.remediation.find("<sip>") == std::string::npos);
    }
}
