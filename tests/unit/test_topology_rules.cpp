// Rule tables of the topology.* checks: the two web services FQDNs, and the Mobility Service URLs of
// the authenticated user document.
#include <doctest/doctest.h>

#include "evidence_builders.hpp"

using namespace mobcheck;
using namespace builders;

namespace {

const std::string kVia = "lyncdiscoverinternal";  // the subject: the root the user document came through

std::function<void(Evidence&)> user_document(std::string body, long status = 200) {
    return [=](Evidence& e) {
        HttpExchange& x = walk(e, "user-document", "contoso.com").hops.back();
        x.body = body;
        x.status = status;
    };
}

std::string links_xml(const std::vector<std::pair<std::string, std::string>>& links) {
    std::string text = "<AutodiscoverResponse AccessLocation=\"Internal\"><User>";
    for (const auto& [token, href] : links) text += "<Link token=\"" + token + "\" href=\"" + href + "\"/>";
    return text + "</User></AutodiscoverResponse>";
}

}  // namespace

TEST_CASE("topology rules: topology.web-fqdns-distinct") {
    run_table("topology.web-fqdns-distinct",
              {
                  {"distinct", nullptr, {{kExternalWeb, Status::Pass, "distinct"}}},
                  {"the same name: fail", [](Evidence& e) { e.plan.internal_web = kExternalWeb; },
                   {{kExternalWeb, Status::Fail, "are the same name"}}},
                  {"learned names are judged and said to be learned",
                   [](Evidence& e) {
                       e.plan.internal_web.reset();
                       e.learned.internal_web = LearnedName{kExternalWeb, "the links of https://lyncdiscoverinternal.contoso.com/"};
                   },
                   {{kExternalWeb, Status::Fail, "(learned from the links of"}}},
                  {"no internal web FQDN: skip", [](Evidence& e) { e.plan.internal_web.reset(); },
                   {{"web FQDNs", Status::Skip, "needs both web services FQDNs"}}},
                  {"no external web FQDN: skip", [](Evidence& e) { e.plan.external_web.reset(); },
                   {{"web FQDNs", Status::Skip}}},
              });
    Evidence e = good();
    e.plan.external_web.reset();
    e.learned.external_web = LearnedName{kExternalWeb, "the links"};
    CHECK(one(judge_check(e, "topology.web-fqdns-distinct"), kExternalWeb).evidence.contains("learned"));
}

TEST_CASE("topology rules: topology.mobility-urls-external") {
    const std::string web = std::string("https://") + kExternalWeb;
    const std::string pool = std::string("https://") + kInternalWeb;
    run_table(
        "topology.mobility-urls-external",
        {
            {"every Mcx and UCWA link at the external web FQDN", nullptr, {{kVia, Status::Pass, "4 links"}}},
            {"Internal/Ucwa at the internal web FQDN: fail",
             user_document(links_xml({{"Internal/Mcx", web + "/Mcx/McxService.svc"},
                                      {"External/Mcx", web + "/Mcx/McxService.svc"},
                                      {"Internal/Ucwa", pool + "/ucwa/v1/applications"},
                                      {"External/Ucwa", web + "/ucwa/v1/applications"}})),
             {{kVia, Status::Fail, "Internal/Ucwa https://pool01.contoso.net/ucwa/v1/applications"}}},
            {"every link at the internal web FQDN: fail",
             user_document(links_xml({{"Internal/Mcx", pool + "/Mcx/McxService.svc"},
                                      {"External/Ucwa", pool + "/ucwa/v1/applications"}})),
             {{kVia, Status::Fail, "Internal/Mcx https://pool01.contoso.net/Mcx/McxService.svc; External/Ucwa"}}},
            {"only some of the four links, all external: pass",
             user_document(links_xml({{"External/Ucwa", web + "/ucwa/v1/applications"}})), {{kVia, Status::Pass, "1 links"}}},
            {"no Mcx or UCWA link: fail", user_document(links_xml({{"Internal/Autodiscover", pool + "/Autodiscover"}})),
             {{kVia, Status::Fail, "names no Mcx or UCWA link (user document)"}}},
            {"not a user document at all: fail", user_document("<html></html>"),
             {{kVia, Status::Fail, "(invalid document)"}}},
            {"the document was refused: error", user_document("", 401), {{kVia, Status::Error, "no user document to read"}}},
            {"no answer: error, with the walk's detail",
             [](Evidence& e) {
                 HttpWalk& w = walk(e, "user-document", "contoso.com");
                 w.hops = {no_answer(w.start_url, "timeout", "timed out")};
                 w.end = HttpWalkEnd::Failed;
                 w.detail = "the token request timed out";
             },
             {{kVia, Status::Error, "the token request timed out"}}},
            {"no request at all: error",
             [](Evidence& e) {
                 HttpWalk& w = walk(e, "user-document", "contoso.com");
                 w.hops.clear();
                 w.end = HttpWalkEnd::NotSent;
             },
             {{kVia, Status::Error, "see the walk"}}},
            {"a document fetched without a root to name is named by its URL",
             [](Evidence& e) { walk(e, "user-document", "contoso.com").via = RecordedPurpose{}; },
             {{"https://pool01.contoso.net/Autodiscover/AutodiscoverService.svc/root/oauth/user?originalDomain=contoso.com",
               Status::Pass}}},
            {"no external web FQDN known: skip", [](Evidence& e) { e.plan.external_web.reset(); },
             {{kVia, Status::Skip, "--external-web"}}},
            {"--user given, no user document fetched from inside: error",
             [](Evidence& e) { remove_walks(e, "user-document"); },
             {{"Mobility Service URLs", Status::Error, "lyncdiscoverinternal.contoso.com gave no user link"}}},
            {"no --user: skip",
             [](Evidence& e) {
                 remove_walks(e, "user-document");
                 e.plan.user.reset();
             },
             {{"Mobility Service URLs", Status::Skip, "--user"}}},
        });
    run_table("topology.mobility-urls-external",
              {{"--user given, no user document fetched from outside: error",
                [](Evidence& e) { remove_walks(e, "user-document"); },
                {{"Mobility Service URLs", Status::Error, "the Autodiscover root of lyncdiscover.contoso.com"}}}},
              [] { return good({"contoso.com"}, Vantage::External); });
    Evidence e = good({"contoso.com", "fabrikam.com"});
    e.plan.user = "bob@fabrikam.com";
    remove_walks(e, "user-document");
    const Result r = one(judge_check(e, "topology.mobility-urls-external"), "Mobility Service URLs");
    CHECK(r.sip_domain == "fabrikam.com");
}
