#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "model/evidence_json.hpp"

using namespace mobcheck;
using nlohmann::json;

TEST_CASE("evidence_json: a recorded run survives a round trip unchanged") {
    const Evidence original = fixtures::load("good");
    REQUIRE_FALSE(original.dns.empty());
    const Evidence again = evidence_from_json(evidence_to_json(original));
    CHECK(again.dns == original.dns);
    CHECK(again.plan.sip_domains == original.plan.sip_domains);
    CHECK(again.plan.internal_dns == original.plan.internal_dns);
    CHECK(again.plan.internal_web == original.plan.internal_web);
    CHECK(again.run.internal_resolvers == original.run.internal_resolvers);
    CHECK(evidence_to_json(again) == evidence_to_json(original));
}

TEST_CASE("evidence_json: bad files are rejected with the JSON path of the problem") {
    json good = evidence_to_json(fixtures::load("good"));
    auto error_of = [](const json& j) -> std::string {
        try {
            evidence_from_json(j);
        } catch (const EvidenceFormatError& e) {
            return e.what();
        }
        return "";
    };
    CHECK(error_of(json::array()).find("expected a JSON object") != std::string::npos);

    json j = good;
    j["schema_version"] = 7;
    CHECK(error_of(j).find("$.schema_version") != std::string::npos);

    j = good;
    j["kind"] = "something-else";
    CHECK(error_of(j).find("$.kind") != std::string::npos);

    j = good;
    j["plan"]["sip_domains"][1] = "bad domain!";
    CHECK(error_of(j).find("$.plan.sip_domains[1]") != std::string::npos);

    j = good;
    j["dns"][0]["outcome"] = "maybe";
    CHECK(error_of(j).find("$.dns[0].outcome") != std::string::npos);

    j = good;
    j["dns"][2]["view"] = 3;
    CHECK(error_of(j).find("$.dns[2].view") != std::string::npos);

    j = good;
    j["dns"][0]["chain"] = json::array({json{{"name", "a.contoso.com"}}});
    CHECK(error_of(j).find("$.dns[0].chain[0].target") != std::string::npos);

    j = good;
    j["plan"]["internal_dns"] = json::array({"not-an-address"});
    CHECK(error_of(j).find("$.plan.internal_dns[0]") != std::string::npos);

    j = good;
    j.erase("plan");
    CHECK(error_of(j).find("$.plan") != std::string::npos);
}

TEST_CASE("evidence_json: unknown fields are tolerated (a newer mobcheck may add some)") {
    json j = evidence_to_json(fixtures::load("good"));
    j["something_new"] = {{"x", 1}};
    j["dns"][0]["new_field"] = true;
    CHECK_NOTHROW(evidence_from_json(j));
}

TEST_CASE("evidence_json: a purpose mobcheck does not know is kept as it was written") {
    json j = evidence_to_json(fixtures::load("good"));
    REQUIRE_FALSE(j["http"].empty());
    REQUIRE_FALSE(j["tls"].empty());
    j["http"][0]["purpose"] = "something-new";
    j["http"][0]["via"] = "another-root";
    j["tls"][0]["purpose"] = "webext-v2";
    const Evidence e = evidence_from_json(j);
    CHECK(e.http[0].purpose == ProbePurpose::Other);
    CHECK(e.http[0].purpose.text() == "something-new");
    CHECK(e.http[0].via.text() == "another-root");
    CHECK(e.tls[0].purpose == ProbePurpose::Other);
    CHECK(evidence_to_json(e) == j);
    // Known ones are spelled as they always were, and an empty purpose is still refused.
    CHECK(std::string(to_string(ProbePurpose::LyncdiscoverPort80)) == "lyncdiscover-port80");
    CHECK(probe_purpose_from_string("external-web") == ProbePurpose::ExternalWeb);
    j["http"][0]["purpose"] = "";
    CHECK_THROWS_AS(evidence_from_json(j), EvidenceFormatError);
}

TEST_CASE("evidence: A and AAAA together make one name resolution") {
    const Evidence e = fixtures::load("good");
    const NameResolution r = resolve_name(e, DnsView::Internal, "lyncdiscoverinternal.contoso.com");
    CHECK(r.looked_up);
    CHECK(r.resolves());
    CHECK(r.addresses == std::vector<std::string>{"127.10.0.10"});
    REQUIRE(r.chain.size() == 1);
    CHECK(r.chain[0].target == "pool01.contoso.net");
    CHECK(r.describe() == "CNAME lyncdiscoverinternal.contoso.com → pool01.contoso.net → 127.10.0.10");

    const NameResolution absent = resolve_name(e, DnsView::External, "lyncdiscoverinternal.contoso.com");
    CHECK_FALSE(absent.resolves());
    CHECK(absent.outcome == DnsOutcome::NxDomain);
    CHECK_FALSE(resolve_name(e, DnsView::External, "never.asked.example").looked_up);
}

TEST_CASE("evidence: outcome classes do not overlap") {
    for (int i = 0; i <= static_cast<int>(DnsOutcome::Error); ++i) {
        const auto o = static_cast<DnsOutcome>(i);
        CAPTURE(to_string(o));
        CHECK(dns_outcome_from_string(to_string(o)) == o);
        CHECK_FALSE((is_negative(o) && is_undecided(o)));
    }
}
