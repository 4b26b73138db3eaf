// Every http.* check and the escalations that depend on the HTTP port 80 path, judged from evidence
// recorded in the lab's Autodiscover scenarios (fixture names are the scenario names).
#include <doctest/doctest.h>
#include <strings.h>

#include <algorithm>
#include <map>

#include "fixtures.hpp"
#include "model/evidence_json.hpp"
#include "checks/registry.hpp"
#include "sign_in_rule.hpp"

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

TEST_CASE("http.lyncdiscoverinternal") {
    const char* id = "http.lyncdiscoverinternal";
    expect("good", id, {});
    CHECK(mentions(only(judge_one("good", id), "contoso.com"), "answers an Autodiscover root (json"));
    expect("http-xml-only", id, {});  // the XML form is as valid
    CHECK(mentions(only(judge_one("http-xml-only", id), "contoso.com"), "answers an Autodiscover root (xml"));
    expect("missing-internal-fabrikam", id, {{"fabrikam.com", Status::Skip}});  // dns.* reports it
    expect("vantage-external", id, {{"contoso.com", Status::Skip}, {"fabrikam.com", Status::Skip}});
}

TEST_CASE("http.lyncdiscover") {
    const char* id = "http.lyncdiscover";
    expect("good", id, {});
    SUBCASE("a redirect to another domain is a failed hop") {
        expect("http-redirect-other-domain", id, {{"contoso.com", Status::Fail}});
        const Result r = only(judge_one("http-redirect-other-domain", id), "contoso.com");
        CHECK(mentions(r, "https://lyncdiscover.contoso-online.example/, outside contoso.com"));
        CHECK(r.evidence.at("walk").at("end") == "redirect-other-domain");
    }
    SUBCASE("a redirect loop ends at the first repeated URL") {
        const Result r = only(judge_one("http-redirect-loop", id), "contoso.com");
        CHECK(r.status == Status::Fail);
        CHECK(mentions(r, "a redirect back to https://lyncdiscover.contoso.com/loop-a, already requested"));
        CHECK(r.evidence.at("walk").at("hops").size() == 3);
    }
    SUBCASE("a 20 MB body is cut at the cap and not read") {
        const Result r = only(judge_one("http-huge-body", id), "contoso.com");
        CHECK(r.status == Status::Fail);
        CHECK(mentions(r, "body larger than 65536 bytes"));
        CHECK(r.evidence.at("walk").at("hops")[0].at("body").get<std::string>().size() == 65536);
    }
    SUBCASE("a server that stalls after its headers costs one timeout") {
        const Result r = only(judge_one("http-stalled", id), "contoso.com");
        CHECK(r.status == Status::Fail);
        CHECK(mentions(r, "Operation timed out after"));
        CHECK(mentions(r, "with 11 out of 100000 bytes received"));
        CHECK(r.evidence.at("walk").at("hops")[0].at("elapsed_ms").get<double>() < 1500);
    }
    SUBCASE("a server that trickles a byte a second costs one timeout and is told from a stall") {
        const Result r = only(judge_one("http-trickle", id), "contoso.com");
        CHECK(r.status == Status::Fail);
        CHECK(mentions(r, "no complete answer: trickled: "));
        CHECK(mentions(r, "still coming when the 3000 ms allowed ran out"));
        CHECK(r.evidence.at("walk").at("hops")[0].at("failure") == "timeout");
        CHECK(r.evidence.at("walk").at("hops")[0].at("elapsed_ms").get<double>() < 4500);
    }
    SUBCASE("headers without end are cut at 64 KiB") {
        expect("http-endless-headers", id, {{"contoso.com", Status::Fail}});
        const Result r = only(judge_one("http-endless-headers", id), "contoso.com");
        CHECK(mentions(r, "headers over 64 KiB"));
        CHECK(r.evidence.at("walk").at("hops")[0].at("failure") == "headers-too-large");
    }
    SUBCASE("a redirect to file:// is a failed hop and never followed") {
        expect("http-redirect-file", id, {{"contoso.com", Status::Fail}});
        const Result r = only(judge_one("http-redirect-file", id), "contoso.com");
        CHECK(mentions(r, "a redirect to file:///etc/passwd: mobile clients follow only http(s)"));
        CHECK(r.evidence.at("walk").at("end") == "redirect-bad-scheme");
        CHECK(r.evidence.at("walk").at("hops").size() == 1);
    }
    SUBCASE("a redirect to another port of the same name is a failed hop although the port answers") {
        expect("http-redirect-other-port", id, {{"contoso.com", Status::Fail}});
        const Result r = only(judge_one("http-redirect-other-port", id), "contoso.com");
        CHECK(mentions(r, "a redirect to https://lyncdiscover.contoso.com:4443/, another port (4443)"));
        CHECK(r.evidence.at("walk").at("end") == "redirect-other-port");
        CHECK(r.evidence.at("walk").at("hops").size() == 1);
    }
    SUBCASE("only the HTTP port 80 path works: info (SPEC §3)") {
        expect("tls-proxy-missing-fabrikam", id, {{"fabrikam.com", Status::Info}});
        CHECK(mentions(only(judge_one("tls-proxy-missing-fabrikam", id), "fabrikam.com"), "Only the HTTP port 80 path works"));
        // The same HTTPS failure without the port 80 path: fail.
        const Evidence e = fixtures::without_walks("tls-proxy-missing-fabrikam", "lyncdiscover-port80");
        CHECK(only(judge_one(e, id), "fabrikam.com").status == Status::Fail);
    }
    SUBCASE("hairpin blocked: from inside the reverse proxy does not answer") {
        expect("http-hairpin-blocked", id, {{"contoso.com", Status::Fail}, {"fabrikam.com", Status::Fail}});
    }
}

TEST_CASE("http.lyncdiscover-port80") {
    const char* id = "http.lyncdiscover-port80";
    expect("good", id, {});
    // Not published, and not needed: info.
    expect("http-port80-missing", id, {{"contoso.com", Status::Info}, {"fabrikam.com", Status::Info}});
    // A redirect to HTTPS defeats the rule.
    const Result https = only(judge_one("http-port80-redirects-https", id), "contoso.com");
    CHECK(https.status == Status::Info);
    CHECK(mentions(https, "redirects to HTTPS"));
    // Needed because the CNAME leaves the domain, and missing: fail.
    expect("cname-other-domain-no-port80", id, {{"contoso.com", Status::Info}, {"fabrikam.com", Status::Fail}});
    const Result needed = only(judge_one("cname-other-domain-no-port80", id), "fabrikam.com");
    CHECK(mentions(needed, "required because lyncdiscover.fabrikam.com is a CNAME to webext.contoso.com"));
    // Needed because the reverse proxy certificate lacks the name, and published: pass.
    expect("tls-proxy-missing-fabrikam", id, {});
    CHECK(only(judge_one("tls-proxy-missing-fabrikam", id), "fabrikam.com").evidence.at("required_because") ==
          "the reverse proxy certificate at 127.20.0.10 does not cover lyncdiscover.fabrikam.com");
}

TEST_CASE("dns.cname-domain escalates when the HTTP port 80 path is not published") {
    const char* id = "dns.cname-domain";
    const Result published = only(judge_one("cname-other-domain", id), "fabrikam.com");
    CHECK(published.status == Status::Warn);
    CHECK(mentions(published, "The HTTP port 80 rule is published"));
    const Result missing = only(judge_one("cname-other-domain-no-port80", id), "fabrikam.com");
    CHECK(missing.status == Status::Fail);
    CHECK(mentions(missing, "Mobile clients cannot discover fabrikam.com"));
    // Evidence without HTTP probes (an older recording): the rule's own severity.
    const Evidence old = fixtures::without_walks("cname-other-domain-no-port80", "lyncdiscover-port80");
    CHECK(only(judge_one(old, id), "fabrikam.com").status == Status::Warn);
}

TEST_CASE("http.autodiscover-links") {
    const char* id = "http.autodiscover-links";
    expect("good", id, {});
    expect("http-xml-only", id, {});
    expect("http-links-internal", id, {{"contoso.com", Status::Fail}, {"fabrikam.com", Status::Fail}});
    const Result r = only(judge_one("http-links-internal", id), "contoso.com");
    CHECK(mentions(r, "pool01.contoso.net does not resolve outside: NXDOMAIN"));
    // Learned names: the internal-only link host is never taken for the external web FQDN.
    CHECK(fixtures::load("http-links-internal").learned.external_web.has_value() == false);
    expect("http-hairpin-blocked", id, {{"contoso.com", Status::Skip}, {"fabrikam.com", Status::Skip}});
}

TEST_CASE("http.user-challenge") {
    const char* id = "http.user-challenge";
    expect("good", id, {});
    const Result good = only(judge_one("good", id), "lyncdiscover.contoso.com");
    CHECK(mentions(good, "challenges with MsRtcOAuth, Bearer"));
    expect("http-no-challenge", id,
           {{"lyncdiscover.contoso.com", Status::Fail}, {"lyncdiscoverinternal.contoso.com", Status::Fail},
            {"lyncdiscover.fabrikam.com", Status::Fail}, {"lyncdiscoverinternal.fabrikam.com", Status::Fail}});
    CHECK(mentions(only(judge_one("http-no-challenge", id), "lyncdiscover.contoso.com"), "answers 200 instead of a 401"));
    // No root, no user link to ask.
    // The internal root still answers; the external one does not, so its user link cannot be asked.
    expect("http-hairpin-blocked", id, {{"lyncdiscover.contoso.com", Status::Skip}, {"lyncdiscover.fabrikam.com", Status::Skip}});
    SUBCASE("the user link named by the HTTPS root is judged whichever answered first") {
        Evidence e = fixtures::load("http-no-challenge");
        // The good fixture's challenge, as if asked through the HTTPS root, after the port 80 root's 200.
        for (const auto& w : fixtures::load("good").http) {
            if (w.purpose == ProbePurpose::UserChallenge && w.sip_domain == "contoso.com" && w.view == DnsView::External) {
                HttpWalk https = w;
                https.via = ProbePurpose::Lyncdiscover;
                for (auto& mine : e.http) {
                    if (mine.purpose == ProbePurpose::UserChallenge && mine.sip_domain == "contoso.com" && mine.view == DnsView::External)
                        mine.via = ProbePurpose::LyncdiscoverPort80;
                }
                e.http.push_back(https);
            }
        }
        CHECK(only(judge_one(e, id), "lyncdiscover.contoso.com").status == Status::Pass);
    }
}

TEST_CASE("--user signs in only through a root that came over verified HTTPS from the SIP domain") {
    const Evidence good = fixtures::load("good");
    auto root = [&](const std::string& purpose) {
        for (const auto& w : good.http) {
            if (w.purpose.text() == purpose && w.sip_domain == "contoso.com") return w;
        }
        FAIL("no " << purpose << " walk in the good fixture");
        return HttpWalk{};
    };
    const std::string user = "https://pool01.contoso.net/Autodiscover/AutodiscoverService.svc/root/oauth/user";
    const HttpWalk inside = root("lyncdiscoverinternal");
    CHECK(sign_in_refusal(inside, user) == "");
    CHECK(sign_in_refusal(inside, "http://pool01.contoso.net/user").find("not an https:// URL") != std::string::npos);
    // Over the port 80 rule anyone on the path could have written the links.
    CHECK(sign_in_refusal(root("lyncdiscover-port80"), user).find("plain HTTP") != std::string::npos);
    // Steered by a Redirect document (to another pool, or another tenant): not the SIP domain's own root.
    HttpWalk steered = inside;
    steered.hops.insert(steered.hops.begin(), steered.hops.front());
    CHECK(sign_in_refusal(steered, user).find("redirected to another deployment") != std::string::npos);
    // Through a host outside the SIP domain.
    HttpWalk elsewhere = inside;
    elsewhere.hops.front().url = "https://lyncdiscover.outsider.example/";
    CHECK(sign_in_refusal(elsewhere, user).find("outside contoso.com") != std::string::npos);
    HttpWalk failed = inside;
    failed.end = HttpWalkEnd::Failed;
    CHECK(sign_in_refusal(failed, user).find("did not answer") != std::string::npos);
}

TEST_CASE("a walk recorded as a response without a request is judged and not dereferenced") {
    Evidence e = fixtures::load("good");
    for (auto& w : e.http) {
        if (w.purpose == ProbePurpose::Lyncdiscover && w.sip_domain == "contoso.com") w.hops.clear();
    }
    const Result r = only(judge_one(e, "http.lyncdiscover"), "contoso.com");
    CHECK(r.status == Status::Info);  // broken, and softened: the port 80 path works in this fixture
    CHECK(mentions(r, "no request"));
}

TEST_CASE("http.hairpin") {
    const char* id = "http.hairpin";
    expect("good", id, {});
    expect("http-hairpin-blocked", id, {{"webext.contoso.com", Status::Fail}});
    CHECK(mentions(only(judge_one("http-hairpin-blocked", id), "webext.contoso.com"), "at 127.20.0.10"));
    CHECK(judge_one("vantage-external", id).at(0).status == Status::Skip);
}

TEST_CASE("http.source-affinity") {
    const char* id = "http.source-affinity";
    expect("good", id, {});
    expect("http-affinity-missing", id, {{"webext.contoso.com", Status::Warn}});
    const Result r = only(judge_one("http-affinity-missing", id), "webext.contoso.com");
    CHECK(mentions(r, "fe01.contoso.net"));
    CHECK(mentions(r, "fe02.contoso.net"));
    CHECK(r.evidence.at("connections").size() == 4);
    SUBCASE("one answer naming its Front End compares with nothing") {
        Evidence e = fixtures::load("http-affinity-missing");
        bool first = true;
        for (auto& w : e.http) {
            if (w.purpose != ProbePurpose::Affinity) continue;
            if (!first) {
                for (auto& hop : w.hops) {
                    hop.headers.erase(std::remove_if(hop.headers.begin(), hop.headers.end(),
                                                     [](const auto& h) { return strcasecmp(h.first.c_str(), "X-MS-Server-Fqdn") == 0; }),
                                      hop.headers.end());
                }
            }
            first = false;
        }
        const Result one = only(judge_one(e, id), "webext.contoso.com");
        CHECK(one.status == Status::Info);
        CHECK(mentions(one, "affinity needs two to compare"));
    }
}

TEST_CASE("http.mobility-service") {
    const char* id = "http.mobility-service";
    expect("good", id, {});
    expect("http-mobility-missing", id,
           {{"https://webext.contoso.com/ucwa/", Status::Fail}, {"https://webext.contoso.com/Mcx/McxService.svc", Status::Info}});
}

TEST_CASE("http.iis-version") {
    const char* id = "http.iis-version";
    expect("good", id, {});
    CHECK(judge_one("good", id).size() == 2);  // fe01 and fe02, named by X-MS-Server-Fqdn
    expect("http-iis-old", id, {{"fe01.contoso.net", Status::Warn}, {"fe02.contoso.net", Status::Warn}});
    // The header replaced by something else (a reverse proxy): info; no header at all: info.
    Evidence e = fixtures::load("good");
    for (auto& w : e.http) {
        for (auto& hop : w.hops) {
            for (auto& [name, value] : hop.headers) {
                if (name == "Server") value = hop.header("X-MS-Server-Fqdn") == "fe01.contoso.net" ? "nginx" : "";
            }
        }
    }
    const auto results = judge_one(e, id);
    CHECK(results.size() == 2);  // fe01 and fe02
    for (const auto& r : results) CHECK(r.status == Status::Info);
}

TEST_CASE("the authenticated walk keeps secrets out of the evidence") {
    const Evidence e = fixtures::load("user-good");
    const std::string text = evidence_to_json(e).dump();
    CHECK(text.find("Lab-Passw0rd") == std::string::npos);
    CHECK(text.find("lab-token-alice") == std::string::npos);
    bool token = false, document = false;
    for (const auto& w : e.http) {
        if (w.purpose == ProbePurpose::Token) {
            token = true;
            CHECK(w.last()->status == 200);
            CHECK(w.last()->body.rfind("(withheld", 0) == 0);
        }
        if (w.purpose == ProbePurpose::UserDocument) document = w.last() != nullptr && w.last()->status == 200;
    }
    CHECK(token);
    CHECK(document);
}

TEST_CASE("HTTP evidence: a round trip and strict loading with the JSON path") {
    const Evidence e = fixtures::load("good");
    CHECK(!e.http.empty());
    CHECK(evidence_from_json(evidence_to_json(e)).http == e.http);
    CHECK(evidence_from_json(evidence_to_json(e)).learned == e.learned);
    nlohmann::json j = evidence_to_json(e);
    j["http"][0]["end"] = "sideways";
    CHECK_THROWS_WITH_AS(evidence_from_json(j), doctest::Contains("$.http[0].end: unknown walk end \"sideways\""),
                         EvidenceFormatError);
    j = evidence_to_json(e);
    j["http"][1]["hops"][0]["headers"][0] = "Server: x";
    CHECK_THROWS_WITH_AS(evidence_from_json(j), doctest::Contains("$.http[1].hops[0].headers[0]: expected [name, value]"),
                         EvidenceFormatError);
    j = evidence_to_json(e);
    j["learned"]["external_web"]["name"] = "bad name!";
    CHECK_THROWS_AS(evidence_from_json(j), EvidenceFormatError);
}
