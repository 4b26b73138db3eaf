#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace mobcheck;

TEST_CASE("topology.web-fqdns-distinct") {
    const char* id = "topology.web-fqdns-distinct";
    CHECK(fixtures::only(fixtures::judge_one("good", id), "webext.contoso.com").status == Status::Pass);
    const Result& same = fixtures::only(fixtures::judge_one("same-web-fqdns", id), "webext.contoso.com");
    CHECK(same.status == Status::Fail);
    CHECK(same.message.find("same name") != std::string::npos);
    // Learned from the Autodiscover links when not given.
    const Result& learned = fixtures::only(fixtures::judge_one("no-web-fqdns", id), "webext.contoso.com");
    CHECK(learned.status == Status::Pass);
    CHECK(learned.message.find("learned from") != std::string::npos);
    Evidence none = fixtures::load("no-web-fqdns");
    none.learned = {};
    CHECK(fixtures::judge_one(none, id).at(0).status == Status::Skip);
}

TEST_CASE("topology.mobility-urls-external") {
    const char* id = "topology.mobility-urls-external";
    // Without --user there is no user document to read.
    CHECK(fixtures::judge_one("good", id).at(0).status == Status::Skip);
    const Result& good = fixtures::only(fixtures::judge_one("user-good", id), "lyncdiscoverinternal");
    CHECK(good.status == Status::Pass);
    CHECK(good.message.find("webext.contoso.com: 4 links") != std::string::npos);
    const Result& bad = fixtures::only(fixtures::judge_one("http-mobility-urls-internal", id), "lyncdiscoverinternal");
    CHECK(bad.status == Status::Fail);
    CHECK(bad.message.find("Internal/Mcx https://pool01.contoso.net/Mcx/McxService.svc") != std::string::npos);
    CHECK(bad.message.find("Internal/Ucwa") != std::string::npos);
    CHECK(bad.message.find("External/Mcx") == std::string::npos);
    // Learned external web FQDN: the same judgement.
    CHECK(fixtures::only(fixtures::judge_one("user-no-web-fqdns", id), "lyncdiscoverinternal").status == Status::Pass);
    // The token request failed: no user document, an error naming why.
    Evidence e = fixtures::without_walks("user-good", "user-document");
    HttpWalk missing;
    missing.purpose = ProbePurpose::UserDocument;
    missing.sip_domain = "contoso.com";
    missing.via = ProbePurpose::LyncdiscoverInternal;
    missing.start_url = "https://pool01.contoso.net/Autodiscover/AutodiscoverService.svc/root/oauth/user";
    missing.end = HttpWalkEnd::NotSent;
    missing.detail = "no access token from https://pool01.contoso.net/WebTicket/oauthtoken (HTTP 400)";
    e.http.push_back(missing);
    const Result& error = fixtures::only(fixtures::judge_one(e, id), "lyncdiscoverinternal");
    CHECK(error.status == Status::Error);
    CHECK(error.message.find("HTTP 400") != std::string::npos);
    // --user given and nothing fetched at all (no user link to sign in through): an error, not a skip.
    Evidence none = fixtures::without_walks("user-good", "user-document");
    std::erase_if(none.http, [](const HttpWalk& w) { return w.purpose == ProbePurpose::Token; });
    REQUIRE(none.plan.user.has_value());
    const auto nothing = fixtures::judge_one(none, id);
    REQUIRE(nothing.size() == 1);
    CHECK(nothing.at(0).status == Status::Error);
    CHECK(nothing.at(0).message.find("no user document could be asked for") != std::string::npos);
}
