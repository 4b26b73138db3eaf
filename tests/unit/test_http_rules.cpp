// Rule tables of the http.* checks: every way an Autodiscover walk ends, the port 80 path and when it
// is required, the links, the user link's challenge, and the web services probes.
#include <doctest/doctest.h>

#include "evidence_builders.hpp"

using namespace mobcheck;
using namespace builders;

namespace {

const std::string kUcwa = "https://webext.contoso.com/ucwa/";
const std::string kMcx = "https://webext.contoso.com/Mcx/McxService.svc";

std::vector<std::pair<std::string, std::string>> json_headers() {
    auto h = iis_headers();
    h.insert(h.begin(), {"Content-Type", "application/json"});
    return h;
}

// The walk of purpose for contoso.com ends with hops (and how).
std::function<void(Evidence&)> ends(const std::string& purpose, std::vector<HttpExchange> hops,
                                    HttpWalkEnd end = HttpWalkEnd::Response, const std::string& detail = "") {
    return [=](Evidence& e) {
        HttpWalk& w = walk(e, purpose, "contoso.com");
        w.hops = hops;
        w.end = end;
        w.detail = detail;
    };
}

std::function<void(Evidence&)> web_probe_ends(const std::string& purpose, std::vector<HttpExchange> hops,
                                              HttpWalkEnd end = HttpWalkEnd::Response, const std::string& detail = "") {
    return [=](Evidence& e) {
        HttpWalk& w = *walks(e, purpose).front();
        w.hops = hops;
        w.end = end;
        w.detail = detail;
    };
}

void erase_walk(Evidence& e, const HttpWalk& w) { e.http.erase(e.http.begin() + (&w - e.http.data())); }

// The run's deadline cut the last request short.
HttpExchange cut_by_deadline(const std::string& url) { return no_answer(url, "timeout", "the run's deadline was reached"); }

std::string links_json(const std::vector<std::pair<std::string, std::string>>& links) {
    std::string text = R"({"_links":{)";
    for (std::size_t i = 0; i < links.size(); ++i) {
        text += (i ? "," : "") + std::string("\"") + links[i].first + R"(":{"href":")" + links[i].second + "\"}";
    }
    return text + "}}";
}

// Every answer of the web services that names its Front End carries this Server header ("" none).
void server_header(Evidence& e, const std::string& value) {
    for (auto& w : e.http) {
        for (auto& hop : w.hops) {
            std::erase_if(hop.headers, [](const auto& h) { return h.first == "Server"; });
            if (!value.empty()) hop.headers.emplace_back("Server", value);
        }
    }
}

}  // namespace

// ---- the discovery walks -------------------------------------------------------------------------

TEST_CASE("http rules: http.lyncdiscover - every way the external walk ends") {
    const std::string url = "https://lyncdiscover.contoso.com/";
    const std::string id = "http.lyncdiscover";
    auto without_port80 = [](std::function<void(Evidence&)> change) {
        return [change](Evidence& e) {
            change(e);
            walk(e, "lyncdiscover-port80", "contoso.com").hops = {answer("http://lyncdiscover.contoso.com/", 404)};
        };
    };
    run_table(
        id,
        {
            {"a JSON root", nullptr, {{"contoso.com", Status::Pass, "answers an Autodiscover root (json"}}},
            {"an XML root",
             ends("lyncdiscover", {answer(url, 200, {{"Content-Type", "application/vnd.microsoft.rtc.autodiscover+xml"}},
                                          root_xml(kExternalWeb, "contoso.com"))}),
             {{"contoso.com", Status::Pass, "(xml"}}},
            {"a redirect followed to a root",
             ends("lyncdiscover", {answer(url, 302, {{"Location", "https://lyncdiscover.contoso.com/root"}}),
                                   answer(url + "root", 200, json_headers(), root_json(kExternalWeb, "contoso.com"))}),
             {{"contoso.com", Status::Pass, "302 to https://lyncdiscover.contoso.com/root"}}},
            {"a 404, without the port 80 path: fail",
             without_port80(ends("lyncdiscover", {answer(url, 404, {}, "<html>Not Found</html>")})),
             {{"contoso.com", Status::Fail, "the answer is HTTP 404", "no-root"}}},
            {"a 404 while the port 80 path works: info",
             ends("lyncdiscover", {answer(url, 404)}),
             {{"contoso.com", Status::Info, "Only the HTTP port 80 path works"}}},
            {"a 500 whose body is a root",
             without_port80(ends("lyncdiscover", {answer(url, 500, json_headers(), root_json(kExternalWeb, "contoso.com"))})),
             {{"contoso.com", Status::Fail, "(although its body is one)", "server-error"}}},
            {"a 401 from a reverse proxy that pre-authenticates",
             without_port80(ends("lyncdiscover", {answer(url, 401, {{"WWW-Authenticate", "Basic realm=\"proxy\""}})})),
             {{"contoso.com", Status::Fail, "the answer is HTTP 401", "pre-authentication"}}},
            {"200 with an HTML page",
             without_port80(ends("lyncdiscover", {answer(url, 200, {{"Content-Type", "text/html"}}, "<html></html>")})),
             {{"contoso.com", Status::Fail, "not an Autodiscover document"}}},
            {"200 with a redirect document that leads nowhere",
             without_port80(ends("lyncdiscover",
                                 {answer(url, 200, {{"Content-Type", "application/json"}},
                                         links_json({{"redirect", "https://elsewhere.example/"}}))})),
             {{"contoso.com", Status::Fail, "an Autodiscover redirect document"}}},
            {"a redirect to another domain",
             without_port80(ends("lyncdiscover", {answer(url, 302, {{"Location", "https://lyncdiscover.other.example/"}})},
                                 HttpWalkEnd::RedirectOtherDomain, "a redirect to https://lyncdiscover.other.example/")),
             {{"contoso.com", Status::Fail, "a redirect to https://lyncdiscover.other.example/"}}},
            {"a redirect loop",
             without_port80(ends("lyncdiscover", {answer(url, 302, {{"Location", url}})}, HttpWalkEnd::RedirectLoop,
                                 "a redirect back to " + url)),
             {{"contoso.com", Status::Fail, "a redirect back to"}}},
            {"no complete answer (TLS verification)",
             without_port80(ends("lyncdiscover", {no_answer(url, "tls-verify", "certificate verify failed")},
                                 HttpWalkEnd::Failed)),
             {{"contoso.com", Status::Fail, "no complete answer: certificate verify failed"}}},
            {"no complete answer, the transport's failure only",
             without_port80(ends("lyncdiscover", {no_answer(url, "connect", "")}, HttpWalkEnd::Failed)),
             {{"contoso.com", Status::Fail, "no complete answer: connect"}}},
            {"cut short by the run's deadline: undecided",
             [&](Evidence& e) {
                 e.run.deadline_reached = true;
                 ends("lyncdiscover", {cut_by_deadline(url)}, HttpWalkEnd::Failed)(e);
             },
             {{"contoso.com", Status::Error, "could not tell"}}},
            {"a deadline named in the walk's detail: undecided",
             [&](Evidence& e) {
                 e.run.deadline_reached = true;
                 ends("lyncdiscover", {}, HttpWalkEnd::Failed, "not sent before the run's deadline")(e);
             },
             {{"contoso.com", Status::Error}}},
            {"a timeout that is not the run's deadline is a failure",
             without_port80(ends("lyncdiscover", {cut_by_deadline(url)}, HttpWalkEnd::Failed)),
             {{"contoso.com", Status::Fail}}},
            {"a deadline run whose walk failed for another reason is a failure",
             [&](Evidence& e) {
                 e.run.deadline_reached = true;
                 without_port80(ends("lyncdiscover", {no_answer(url, "connect", "connection refused")},
                                     HttpWalkEnd::Failed))(e);
             },
             {{"contoso.com", Status::Fail, "connection refused"}}},
            {"a deadline run whose walk failed before any request, for another reason",
             [&](Evidence& e) {
                 e.run.deadline_reached = true;
                 without_port80(ends("lyncdiscover", {}, HttpWalkEnd::Failed, "no address to connect to"))(e);
             },
             {{"contoso.com", Status::Fail, "no address to connect to"}}},
            {"200 with a text body and no Content-Type",
             without_port80(ends("lyncdiscover", {answer(url, 200, {}, "hello")})),
             {{"contoso.com", Status::Fail, "neither JSON nor XML (Content-Type absent)"}}},
            {"the name does not resolve: skip, dns.lyncdiscover reports it",
             [&](Evidence& e) {
                 fails(e, DnsView::External, "lyncdiscover.contoso.com", DnsOutcome::NxDomain);
                 ends("lyncdiscover", {}, HttpWalkEnd::Unresolved, "lyncdiscover.contoso.com does not resolve")(e);
             },
             {{"contoso.com", Status::Skip, "dns.lyncdiscover reports it"}}},
            {"DNS could not tell: error",
             [&](Evidence& e) {
                 fails(e, DnsView::External, "lyncdiscover.contoso.com", DnsOutcome::Timeout);
                 ends("lyncdiscover", {}, HttpWalkEnd::Unresolved, "lyncdiscover.contoso.com: timeout")(e);
             },
             {{"contoso.com", Status::Error}}},
            {"a redirect to a name that does not resolve is a failed hop",
             without_port80([&](Evidence& e) {
                 fails(e, DnsView::External, "gone.contoso.com", DnsOutcome::NxDomain);
                 ends("lyncdiscover", {answer(url, 302, {{"Location", "https://gone.contoso.com/"}})},
                      HttpWalkEnd::Unresolved, "gone.contoso.com does not resolve")(e);
             }),
             {{"contoso.com", Status::Fail, "gone.contoso.com does not resolve"}}},
            {"a walk that records a response but no request",
             without_port80(ends("lyncdiscover", {}, HttpWalkEnd::Response)),
             {{"contoso.com", Status::Fail, "records a response but no request"}}},
            {"no walk in the evidence", [](Evidence& e) { remove_walks(e, "lyncdiscover"); },
             {{"contoso.com", Status::Error, "the evidence holds no HTTP request"}}},
        });
    Evidence e = good();
    ends("lyncdiscover", {answer(url, 404)})(e);
    walk(e, "lyncdiscover-port80", "contoso.com").hops = {answer("http://lyncdiscover.contoso.com/", 404)};
    CHECK(one(judge_check(e, id), "contoso.com").remediation.find("Publish https://lyncdiscover.contoso.com/") == 0);
    // The fix follows the answer: credentials asked for, or the pool behind failing.
    walk(e, "lyncdiscover-port80", "contoso.com").hops = {answer("http://lyncdiscover.contoso.com/", 404)};
    ends("lyncdiscover", {answer(url, 403)})(e);
    CHECK(one(judge_check(e, id), "contoso.com").remediation.find("on the reverse proxy without pre-authentication") !=
          std::string::npos);
    ends("lyncdiscover", {answer(url, 503)})(e);
    const Result failing = one(judge_check(e, id), "contoso.com");
    CHECK(failing.reason == "server-error");
    CHECK(failing.remediation.find("The server behind lyncdiscover.contoso.com fails (HTTP 503)") == 0);
}

TEST_CASE("http rules: http.lyncdiscoverinternal - from inside only") {
    const std::string url = "https://lyncdiscoverinternal.fabrikam.com/";
    const std::string id = "http.lyncdiscoverinternal";
    auto fabrikam = [&](std::vector<HttpExchange> hops, HttpWalkEnd end = HttpWalkEnd::Response) {
        return [=](Evidence& e) {
            HttpWalk& w = walk(e, "lyncdiscoverinternal", "fabrikam.com");
            w.hops = hops;
            w.end = end;
        };
    };
    run_table(id,
              {
                  {"a root for both SIP domains", nullptr, {{"fabrikam.com", Status::Pass}}},
                  {"a 404 for the second: fail, with the Front End's fix",
                   fabrikam({answer(url, 404, {}, "", kPoolAddress)}), {{"fabrikam.com", Status::Fail, "on the corporate network"}}},
                  {"the name does not resolve inside: skip",
                   [&](Evidence& e) {
                       fails(e, DnsView::Internal, "lyncdiscoverinternal.fabrikam.com", DnsOutcome::NxDomain);
                       fabrikam({}, HttpWalkEnd::Unresolved)(e);
                   },
                   {{"fabrikam.com", Status::Skip, "dns.lyncdiscoverinternal reports it"}}},
                  {"no walk in the evidence", [](Evidence& e) { remove_walks(e, "lyncdiscoverinternal", "fabrikam.com"); },
                   {{"fabrikam.com", Status::Error}}},
              },
              [] { return good({"contoso.com", "fabrikam.com"}); });
    Evidence e = good();
    walk(e, "lyncdiscoverinternal", "contoso.com").hops = {answer("https://lyncdiscoverinternal.contoso.com/", 404)};
    CHECK(one(judge_check(e, id), "contoso.com").remediation.find("Make the Front End pool or Director answer") == 0);
    run_table(id, {{"from outside: skip", nullptr, {{"contoso.com", Status::Skip, "vantage (external)"}}}},
              [] { return good({"contoso.com"}, Vantage::External); });
}

TEST_CASE("http rules: http.lyncdiscover-port80 - published - and required or not") {
    const std::string url = "http://lyncdiscover.contoso.com/";
    auto not_published = ends("lyncdiscover-port80", {answer(url, 404)});
    auto cname_elsewhere = [](Evidence& e) {
        resolves(e, DnsView::External, "lyncdiscover.contoso.com", {kProxyAddress}, {"proxy.hosting.example"});
    };
    auto proxy_lacks_name = [](Evidence& e) {
        tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com").chain =
            served_chain(issue(CertSpec{.cn = kExternalWeb, .sans = {kExternalWeb}}));
    };
    run_table(
        "http.lyncdiscover-port80",
        {
            {"published", nullptr, {{"contoso.com", Status::Pass, "answers an Autodiscover root over HTTP"}}},
            {"not published and not needed: info", not_published, {{"contoso.com", Status::Info, "not needed"}}},
            {"a redirect to HTTPS is not publishing, not needed: info",
             ends("lyncdiscover-port80", {answer(url, 301, {{"Location", "https://lyncdiscover.contoso.com/"}}),
                                          answer("https://lyncdiscover.contoso.com/", 200, json_headers(),
                                                 root_json(kExternalWeb, "contoso.com"))}),
             {{"contoso.com", Status::Info, "redirects to HTTPS"}}},
            {"needed because the CNAME leaves the domain: fail",
             [&](Evidence& e) {
                 cname_elsewhere(e);
                 not_published(e);
             },
             {{"contoso.com", Status::Fail, "required because lyncdiscover.contoso.com is a CNAME to proxy.hosting.example"}}},
            {"needed because the reverse proxy certificate lacks the name: fail",
             [&](Evidence& e) {
                 proxy_lacks_name(e);
                 not_published(e);
             },
             {{"contoso.com", Status::Fail, "does not cover lyncdiscover.contoso.com"}}},
            {"needed, and redirecting to HTTPS: fail",
             [&](Evidence& e) {
                 cname_elsewhere(e);
                 ends("lyncdiscover-port80", {answer(url, 301, {{"Location", "https://lyncdiscover.contoso.com/"}}),
                                              answer("https://lyncdiscover.contoso.com/", 200, json_headers(),
                                                     root_json(kExternalWeb, "contoso.com"))})(e);
             },
             {{"contoso.com", Status::Fail, "must not redirect"}}},
            {"needed and published: pass",
             [&](Evidence& e) {
                 cname_elsewhere(e);
                 proxy_lacks_name(e);
             },
             {{"contoso.com", Status::Pass}}},
            {"the name does not resolve: skip",
             [&](Evidence& e) {
                 fails(e, DnsView::External, "lyncdiscover.contoso.com", DnsOutcome::NxDomain);
                 ends("lyncdiscover-port80", {}, HttpWalkEnd::Unresolved, "lyncdiscover.contoso.com does not resolve")(e);
             },
             {{"contoso.com", Status::Skip, "dns.lyncdiscover reports it"}}},
            {"cut by the run's deadline: undecided",
             [&](Evidence& e) {
                 e.run.deadline_reached = true;
                 ends("lyncdiscover-port80", {cut_by_deadline(url)}, HttpWalkEnd::Failed)(e);
             },
             {{"contoso.com", Status::Error, "could not tell"}}},
            {"not probed: error", [](Evidence& e) { remove_walks(e, "lyncdiscover-port80"); },
             {{"contoso.com", Status::Error, "the evidence holds no HTTP request to http://lyncdiscover.contoso.com/"}}},
            {"a proxy chain mobcheck cannot read is not judged",
             [&](Evidence& e) {
                 tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com").chain = {"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"};
                 not_published(e);
             },
             {{"contoso.com", Status::Info}}},
            {"an empty chain recorded for the proxy is not judged",
             [&](Evidence& e) {
                 tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com").chain.clear();
                 not_published(e);
             },
             {{"contoso.com", Status::Info}}},
        });
    Evidence e = good();
    cname_elsewhere(e);
    not_published(e);
    const Result r = one(judge_check(e, "http.lyncdiscover-port80"), "contoso.com");
    CHECK(r.evidence.at("required_because").get<std::string>().find("proxy.hosting.example") != std::string::npos);
    CHECK(r.remediation.find("HTTP/TCP 80") != std::string::npos);
}

TEST_CASE("http rules: http.autodiscover-links point at the external web FQDN") {
    const std::string url = "https://lyncdiscover.contoso.com/";
    auto links = [&](std::vector<std::pair<std::string, std::string>> l) {
        return ends("lyncdiscover", {answer(url, 200, json_headers(), links_json(l))});
    };
    const std::string user = "https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/root/oauth/user";
    run_table(
        "http.autodiscover-links",
        {
            {"every link at the external web FQDN", nullptr, {{"contoso.com", Status::Pass, "the 3 links"}}},
            {"a link to the internal web FQDN, which does not resolve outside",
             links({{"user", "https://pool01.contoso.net/Autodiscover/AutodiscoverService.svc/root/oauth/user"}}),
             {{"contoso.com", Status::Fail, "pool01.contoso.net does not resolve outside"}}},
            {"a link to another public name",
             [&](Evidence& e) {
                 resolves(e, DnsView::External, "other.contoso.com", {"192.0.2.99"});
                 links({{"user", user}, {"xframe", "https://other.contoso.com/XFrame.html"}})(e);
             },
             {{"contoso.com", Status::Fail, "not the external web FQDN webext.contoso.com"}}},
            {"a link to a name never looked up that is not the external web FQDN",
             links({{"user", user}, {"self", "https://unknown.contoso.com/"}}),
             {{"contoso.com", Status::Fail, "unknown.contoso.com"}}},
            {"a relative link", links({{"user", user}, {"xframe", "/XFrame.html"}}),
             {{"contoso.com", Status::Fail, "not an absolute http(s) URL"}}},
            {"a name whose outside lookup timed out is not called internal-only",
             [&](Evidence& e) {
                 fails(e, DnsView::External, kExternalWeb, DnsOutcome::Timeout);
                 links({{"user", user}})(e);
             },
             {{"contoso.com", Status::Pass}}},
            {"no HTTPS root: read from the port 80 root",
             [&](Evidence& e) {
                 ends("lyncdiscover", {answer(url, 404)})(e);
                 walk(e, "lyncdiscover-port80", "contoso.com").hops.back().body =
                     links_json({{"user", "https://pool01.contoso.net/x"}});
             },
             {{"contoso.com", Status::Fail, "pool01.contoso.net"}}},
            {"no root at all: skip",
             [&](Evidence& e) {
                 ends("lyncdiscover", {answer(url, 404)})(e);
                 ends("lyncdiscover-port80", {answer("http://lyncdiscover.contoso.com/", 404)})(e);
             },
             {{"contoso.com", Status::Skip, "http.lyncdiscover reports why"}}},
            {"no external web FQDN known: names that resolve outside pass",
             [](Evidence& e) { e.plan.external_web.reset(); },
             {{"contoso.com", Status::Pass, "names that resolve outside"}}},
            {"no external web FQDN known: a name that resolves only inside fails",
             [&](Evidence& e) {
                 e.plan.external_web.reset();
                 links({{"user", "https://pool01.contoso.net/x"}})(e);
             },
             {{"contoso.com", Status::Fail}}},
        });
    Evidence e = good();
    links({{"user", "https://pool01.contoso.net/x"}})(e);
    const Result r = one(judge_check(e, "http.autodiscover-links"), "contoso.com");
    CHECK(r.remediation.find("(webext.contoso.com)") != std::string::npos);
    CHECK(r.evidence.at("root_url") == url);
}

// ---- the user link --------------------------------------------------------------------------------

TEST_CASE("http rules: http.user-challenge asks for an OAuth challenge - not any 401") {
    const std::string outside = "lyncdiscover.contoso.com";
    const std::string inside = "lyncdiscoverinternal.contoso.com";
    const std::string url = "https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/root/oauth/user";
    auto outside_answers = [&](long status, std::vector<std::pair<std::string, std::string>> headers) {
        return [=](Evidence& e) { walk(e, "user-challenge", "contoso.com", DnsView::External).hops = {answer(url, status, headers)}; };
    };
    auto challenge = [&](std::vector<std::string> values) {
        std::vector<std::pair<std::string, std::string>> h;
        for (auto& v : values) h.emplace_back("WWW-Authenticate", v);
        return outside_answers(401, h);
    };
    run_table(
        "http.user-challenge",
        {
            {"MsRtcOAuth inside, MsRtcOAuth and Bearer outside", nullptr,
             {{outside, Status::Pass, "challenges with MsRtcOAuth, Bearer"}, {inside, Status::Pass, "MsRtcOAuth"}}},
            {"Bearer alone", challenge({"Bearer authorization_uri=\"https://login.example/\""}),
             {{outside, Status::Pass, "Bearer"}}},
            {"WebTicket alone", challenge({"WebTicket href=\"x\""}), {{outside, Status::Pass}}},
            {"the scheme in another case", challenge({"msrtcoauth href=\"x\""}), {{outside, Status::Pass}}},
            {"a scheme alone, with no parameters", challenge({"Bearer"}), {{outside, Status::Pass}}},
            {"Basic, then Bearer", challenge({"Basic realm=\"x\"", "Bearer"}), {{outside, Status::Pass}}},
            // Several challenges folded into one header (RFC 9110 allows it; some proxies merge the headers).
            {"Basic and MsRtcOAuth folded into one header", challenge({"Basic realm=\"x\", MsRtcOAuth href=\"https://a/t\",grant_type=\"password\""}),
             {{outside, Status::Pass, "challenges with Basic, MsRtcOAuth"}}},
            {"Negotiate and NTLM folded into one header", challenge({"Negotiate, NTLM"}),
             {{outside, Status::Fail, "(Negotiate, NTLM)"}}},
            {"401 with Negotiate and NTLM only", challenge({"Negotiate", "NTLM"}),
             {{outside, Status::Fail, "without an MsRtcOAuth, WebTicket or Bearer challenge (Negotiate, NTLM)"}}},
            {"401 with a look-alike scheme", challenge({"MsRtcOAuthX href=\"x\"", "Bearerish"}), {{outside, Status::Fail}}},
            {"401 with an empty challenge", challenge({""}), {{outside, Status::Fail, "no WWW-Authenticate at all"}}},
            {"401 without WWW-Authenticate", outside_answers(401, {}),
             {{outside, Status::Fail, "no WWW-Authenticate at all"}}},
            {"200: the user link is not protected",
             outside_answers(200, {{"WWW-Authenticate", "MsRtcOAuth href=\"x\""}}),
             {{outside, Status::Fail, "answers 200 instead of a 401 challenge"}}},
            {"403 from a pre-authenticating proxy", outside_answers(403, {}), {{outside, Status::Fail, "answers 403"}}},
            {"no answer",
             [&](Evidence& e) {
                 HttpWalk& w = walk(e, "user-challenge", "contoso.com", DnsView::External);
                 w.hops = {no_answer(url, "timeout", "Operation timed out")};
                 w.end = HttpWalkEnd::Failed;
             },
             {{outside, Status::Fail, "gives no answer", "no-answer"}}},
            {"no request at all",
             [&](Evidence& e) {
                 HttpWalk& w = walk(e, "user-challenge", "contoso.com", DnsView::External);
                 w.hops.clear();
                 w.end = HttpWalkEnd::NotSent;
             },
             {{outside, Status::Fail, "not sent"}}},
            {"the internal root's user link without a challenge",
             [&](Evidence& e) {
                 walk(e, "user-challenge", "contoso.com", DnsView::Internal).hops = {answer(url, 401, {}, "", kPoolAddress)};
             },
             {{inside, Status::Fail}}},
            {"no user link to ask outside: skip",
             [](Evidence& e) { erase_walk(e, walk(e, "user-challenge", "contoso.com", DnsView::External)); },
             {{outside, Status::Skip, "http.lyncdiscover reports why"}}},
            {"no user link to ask inside: skip",
             [](Evidence& e) { erase_walk(e, walk(e, "user-challenge", "contoso.com", DnsView::Internal)); },
             {{inside, Status::Skip, "http.lyncdiscoverinternal reports why"}}},
            {"the user link of the HTTPS root is judged, not the port 80 root's (port 80's first)",
             [&](Evidence& e) {
                 HttpWalk port80 = walk(e, "user-challenge", "contoso.com", DnsView::External);
                 port80.via = ProbePurpose::LyncdiscoverPort80;
                 outside_answers(401, {{"WWW-Authenticate", "NTLM"}})(e);
                 e.http.insert(e.http.begin(), port80);
             },
             {{outside, Status::Fail, "NTLM"}}},
            {"... (port 80's last)",
             [&](Evidence& e) {
                 HttpWalk port80 = walk(e, "user-challenge", "contoso.com", DnsView::External);
                 port80.via = ProbePurpose::LyncdiscoverPort80;
                 outside_answers(401, {{"WWW-Authenticate", "NTLM"}})(e);
                 e.http.push_back(port80);
             },
             {{outside, Status::Fail, "NTLM"}}},
            {"two port 80 walks: the first is judged",
             [&](Evidence& e) {
                 HttpWalk& w = walk(e, "user-challenge", "contoso.com", DnsView::External);
                 w.via = ProbePurpose::LyncdiscoverPort80;
                 HttpWalk second = w;
                 second.hops = {answer(url, 401, {{"WWW-Authenticate", "MsRtcOAuth href=\"x\""}})};
                 w.hops = {answer(url, 401, {{"WWW-Authenticate", "NTLM"}})};
                 e.http.push_back(second);
             },
             {{outside, Status::Fail, "NTLM"}}},
            {"a 201 that names a Location is not a redirect",
             outside_answers(201, {{"Location", "https://webext.contoso.com/elsewhere"}}),
             {{outside, Status::Fail, "answers 201 instead of a 401 challenge"}}},
            {"a 404 that names a Location is not a redirect", outside_answers(404, {{"Location", "https://x/"}}),
             {{outside, Status::Fail, "GET " + url + " at 192.0.2.80: 404"}}},
            {"no answer from a request pinned to no address",
             [&](Evidence& e) {
                 HttpWalk& w = walk(e, "user-challenge", "contoso.com", DnsView::External);
                 w.hops = {no_answer(url, "connect", "", "")};
                 w.end = HttpWalkEnd::Failed;
             },
             {{outside, Status::Fail, "GET " + url + ": connect"}}},
            {"only the port 80 root gave a user link: it is judged",
             [&](Evidence& e) {
                 walk(e, "user-challenge", "contoso.com", DnsView::External).via = ProbePurpose::LyncdiscoverPort80;
                 outside_answers(401, {{"WWW-Authenticate", "NTLM"}})(e);
             },
             {{outside, Status::Fail}}},
        });
    run_table("http.user-challenge",
              {{"from outside, only the external root's user link", nullptr, {{outside, Status::Pass}}}},
              [] { return good({"contoso.com"}, Vantage::External); });
    Evidence e = good({"contoso.com"}, Vantage::External);
    CHECK(judge_check(e, "http.user-challenge").size() == 1);
    // A user link nobody answers: the fix is to reach the server, not the pre-authentication one.
    Evidence silent = good();
    HttpWalk& w = walk(silent, "user-challenge", "contoso.com", DnsView::External);
    w.hops = {no_answer(w.start_url, "timeout", "Operation timed out")};
    w.end = HttpWalkEnd::Failed;
    const Result r = one(judge_check(silent, "http.user-challenge"), outside);
    CHECK(r.remediation.find("answer on port 443 where the user link sends phones") != std::string::npos);
    CHECK(r.remediation.find("pre-authentication") == std::string::npos);
}

// ---- the web services ----------------------------------------------------------------------------

TEST_CASE("http rules: http.hairpin") {
    const std::string url = "https://webext.contoso.com/";
    run_table(
        "http.hairpin",
        {
            {"any HTTP answer at the public address", nullptr, {{kExternalWeb, Status::Pass, "answers (HTTP 404)"}}},
            {"TLS reached but not verified",
             web_probe_ends("hairpin", {no_answer(url, "tls-verify", "certificate verify failed")}, HttpWalkEnd::Failed),
             {{kExternalWeb, Status::Pass, "TLS reached: tls-verify"}}},
            {"TLS reached, handshake failed",
             web_probe_ends("hairpin", {no_answer(url, "tls", "alert")}, HttpWalkEnd::Failed),
             {{kExternalWeb, Status::Pass, "TLS reached: tls"}}},
            {"no connection: the hairpin is blocked",
             web_probe_ends("hairpin", {no_answer(url, "timeout", "Connection timed out")}, HttpWalkEnd::Failed),
             {{kExternalWeb, Status::Fail, "does not answer"}}},
            {"connection refused", web_probe_ends("hairpin", {no_answer(url, "connect", "refused")}, HttpWalkEnd::Failed),
             {{kExternalWeb, Status::Fail}}},
            {"no request sent", web_probe_ends("hairpin", {}, HttpWalkEnd::NotSent), {{kExternalWeb, Status::Fail}}},
            {"cut by the run's deadline: undecided",
             [&](Evidence& e) {
                 e.run.deadline_reached = true;
                 web_probe_ends("hairpin", {cut_by_deadline(url)}, HttpWalkEnd::Failed)(e);
             },
             {{kExternalWeb, Status::Error, "could not tell"}}},
            {"no public address: skip",
             web_probe_ends("hairpin", {}, HttpWalkEnd::Unresolved, "webext.contoso.com does not resolve"),
             {{kExternalWeb, Status::Skip, "dns.web-external-public reports it"}}},
            {"no hairpin request in the evidence", [](Evidence& e) { remove_walks(e, "hairpin"); },
             {{kExternalWeb, Status::Error}}},
            {"unknown external web FQDN: skip", [](Evidence& e) { e.plan.external_web.reset(); },
             {{"external web services", Status::Skip, "no hairpin to test"}}},
        });
    run_table("http.hairpin", {{"from outside: skip", nullptr, {{"hairpin", Status::Skip, "vantage external"}}}},
              [] { return good({"contoso.com"}, Vantage::External); });
}

TEST_CASE("http rules: http.source-affinity") {
    const std::string url = "https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/root";
    auto front_ends = [&](std::vector<std::string> names) {
        return [=](Evidence& e) {
            remove_walks(e, "affinity");
            for (const auto& n : names) {
                if (n == "-") {
                    add_walk(e, "affinity", "", DnsView::External, {no_answer(url, "timeout", "timed out")}, HttpWalkEnd::Failed);
                } else {
                    add_walk(e, "affinity", "", DnsView::External, {answer(url, 200, iis_headers(n))});
                }
            }
        };
    };
    run_table("http.source-affinity",
              {
                  {"four connections on one Front End", nullptr, {{kExternalWeb, Status::Pass, "all landed on fe01.contoso.net"}}},
                  {"two Front Ends: warn", front_ends({"fe01.contoso.net", "fe02.contoso.net", "fe01.contoso.net"}),
                   {{kExternalWeb, Status::Warn, "landed on different Front Ends"}}},
                  {"two on one Front End, one failed: pass", front_ends({"fe01.contoso.net", "-", "fe01.contoso.net"}),
                   {{kExternalWeb, Status::Pass}}},
                  {"no answer names its Front End: info", front_ends({"", "", ""}),
                   {{kExternalWeb, Status::Info, "no X-MS-Server-Fqdn header in 3 answers"}}},
                  {"only one named answer: info", front_ends({"fe01.contoso.net", "", ""}),
                   {{kExternalWeb, Status::Info, "affinity needs two to compare"}}},
                  {"one named answer, the others failed: error", front_ends({"fe01.contoso.net", "-"}),
                   {{kExternalWeb, Status::Error, "the others: GET"}}},
                  {"every connection failed: error", front_ends({"-", "-"}),
                   {{kExternalWeb, Status::Error, "no fresh connection"}}},
                  {"a connection with no request at all failed",
                   [&](Evidence& e) {
                       front_ends({"-"})(e);
                       walks(e, "affinity").front()->hops.clear();
                   },
                   {{kExternalWeb, Status::Error}}},
                  {"none in the evidence", [](Evidence& e) { remove_walks(e, "affinity"); }, {{kExternalWeb, Status::Error}}},
                  {"unknown external web FQDN: skip", [](Evidence& e) { e.plan.external_web.reset(); },
                   {{"external web services", Status::Skip}}},
              });
}

TEST_CASE("http rules: http.mobility-service - UCWA fails - Mcx is a note") {
    auto ucwa = [](std::vector<HttpExchange> hops, HttpWalkEnd end = HttpWalkEnd::Response, std::string detail = "") {
        return web_probe_ends("ucwa", std::move(hops), end, std::move(detail));
    };
    run_table(
        "http.mobility-service",
        {
            {"UCWA 401, Mcx 200", nullptr, {{kUcwa, Status::Pass, "answers 401"}, {kMcx, Status::Pass, "answers 200"}}},
            {"UCWA 200", ucwa({answer(kUcwa, 200)}), {{kUcwa, Status::Pass}}},
            {"UCWA 403", ucwa({answer(kUcwa, 403)}), {{kUcwa, Status::Pass}}},
            {"UCWA 404: fail", ucwa({answer(kUcwa, 404)}), {{kUcwa, Status::Fail, "finds no Mobility Service"}}},
            {"UCWA 500: fail", ucwa({answer(kUcwa, 500)}), {{kUcwa, Status::Fail}}},
            {"UCWA 302: fail", ucwa({answer(kUcwa, 302, {{"Location", "https://webext.contoso.com/"}})}),
             {{kUcwa, Status::Fail}}},
            {"UCWA no answer: fail", ucwa({no_answer(kUcwa, "connect", "refused")}, HttpWalkEnd::Failed),
             {{kUcwa, Status::Fail, "cannot reach the web services", "no-answer"}}},
            // Mcx served Lync 2010 Mobile only, and Skype for Business Server 2019 and later have none.
            {"Mcx 404: a note", web_probe_ends("mcx", {answer(kMcx, 404)}),
             {{kMcx, Status::Info, "no Mobility Service for Lync 2010 Mobile (Mcx)", "mcx-missing"}}},
            {"Mcx no answer: a note", web_probe_ends("mcx", {no_answer(kMcx, "connect", "refused")}, HttpWalkEnd::Failed),
             {{kMcx, Status::Info, "no answer from the Mobility Service for Lync 2010 Mobile", "no-answer"}}},
            {"Mcx 500: a note", web_probe_ends("mcx", {answer(kMcx, 500)}), {{kMcx, Status::Info, "nothing to fix"}}},
            {"UCWA request not sent: fail", ucwa({}, HttpWalkEnd::NotSent), {{kUcwa, Status::Fail, "not sent"}}},
            {"UCWA cut by the deadline: undecided",
             [&](Evidence& e) {
                 e.run.deadline_reached = true;
                 ucwa({cut_by_deadline(kUcwa)}, HttpWalkEnd::Failed)(e);
             },
             {{kUcwa, Status::Error}}},
            {"UCWA unresolved: skip", ucwa({}, HttpWalkEnd::Unresolved, "webext.contoso.com does not resolve"),
             {{kUcwa, Status::Skip, "no request: webext.contoso.com does not resolve"}}},
            {"no UCWA request in the evidence", [](Evidence& e) { remove_walks(e, "ucwa"); },
             {{"webext.contoso.com ucwa", Status::Error}}},
            {"no Mcx request in the evidence", [](Evidence& e) { remove_walks(e, "mcx"); },
             {{"webext.contoso.com mcx", Status::Error}}},
            {"unknown external web FQDN: skip", [](Evidence& e) { e.plan.external_web.reset(); },
             {{"external web services", Status::Skip}}},
        });
    Evidence e = good();
    web_probe_ends("ucwa", {answer(kUcwa, 404)})(e);
    web_probe_ends("mcx", {answer(kMcx, 404)})(e);
    const auto results = judge_check(e, "http.mobility-service");
    CHECK(one(results, kUcwa).remediation.find("/ucwa/ of webext.contoso.com") != std::string::npos);
    // The fix names the server versions it applies to; a note has no fix.
    CHECK(one(results, kUcwa).remediation.find("Skype for Business Server 2015, 2019 and Subscription Edition") != std::string::npos);
    CHECK(one(results, kUcwa).remediation.find("Lync Server 2013 it needs the February 2013 cumulative update") != std::string::npos);
    CHECK(one(results, kMcx).remediation.empty());
    // No HTTP answer at all says nothing about the virtual directory: the fix is to reach the server.
    Evidence unreachable = good();
    web_probe_ends("ucwa", {no_answer(kUcwa, "connect", "refused")}, HttpWalkEnd::Failed)(unreachable);
    const Result refused = one(judge_check(unreachable, "http.mobility-service"), kUcwa);
    CHECK(refused.remediation.find("Make webext.contoso.com answer on port 443") != std::string::npos);
    CHECK(refused.remediation.find("Install") == std::string::npos);
}

TEST_CASE("http rules: http.iis-version - 7.5 and newer") {
    auto server = [](std::string value) { return [value](Evidence& e) { server_header(e, value); }; };
    run_table("http.iis-version",
              {
                  {"IIS 8.5", nullptr, {{kFrontEnd, Status::Pass, "Microsoft-IIS/8.5"}}},
                  {"IIS 7.5: the edge passes", server("Microsoft-IIS/7.5"), {{kFrontEnd, Status::Pass}}},
                  {"IIS 7.0: just below warns", server("Microsoft-IIS/7.0"),
                   {{kFrontEnd, Status::Warn, "runs Microsoft-IIS/7.0, older than the IIS 7.5"}}},
                  {"IIS 7 without a minor version warns", server("Microsoft-IIS/7"), {{kFrontEnd, Status::Warn}}},
                  {"IIS 6.0 warns", server("Microsoft-IIS/6.0"), {{kFrontEnd, Status::Warn}}},
                  {"IIS 8.0", server("Microsoft-IIS/8.0"), {{kFrontEnd, Status::Pass}}},
                  {"IIS 10.0", server("Microsoft-IIS/10.0"), {{kFrontEnd, Status::Pass}}},
                  {"IIS 7.10 reads as 7.1: warns", server("Microsoft-IIS/7.10"), {{kFrontEnd, Status::Warn}}},
                  {"IIS 7. without a minor digit warns", server("Microsoft-IIS/7."), {{kFrontEnd, Status::Warn}}},
                  {"IIS 7.x warns", server("Microsoft-IIS/7.x"), {{kFrontEnd, Status::Warn}}},
                  {"IIS 10-beta reads as 10", server("Microsoft-IIS/10-beta"), {{kFrontEnd, Status::Pass}}},
                  {"an absurdly long version is read without overflow", server("Microsoft-IIS/123456789012345678901234"),
                   {{kFrontEnd, Status::Pass}}},
                  {"another product: info", server("nginx/1.22.1"),
                   {{kFrontEnd, Status::Info, "not an IIS version"}}},
                  {"an IIS prefix without a version: info", server("Microsoft-IIS/"), {{kFrontEnd, Status::Info}}},
                  {"no Server header: info", server(""), {{kFrontEnd, Status::Info, "sends no Server header"}}},
                  {"an old IIS among new answers warns",
                   [](Evidence& e) { walks(e, "mcx").front()->hops.back().headers = iis_headers(kFrontEnd, "Microsoft-IIS/6.0"); },
                   {{kFrontEnd, Status::Warn, "Microsoft-IIS/6.0"}}},
                  {"a second Front End with an old IIS is its own subject",
                   [](Evidence& e) {
                       walks(e, "mcx").front()->hops.back().headers = iis_headers("fe02.contoso.net", "Microsoft-IIS/7.0");
                   },
                   {{"fe02.contoso.net", Status::Warn}, {kFrontEnd, Status::Pass}}},
                  {"a header on an answer that did not complete is not read",
                   [](Evidence& e) {
                       HttpExchange& x = walks(e, "mcx").front()->hops.back();
                       x.headers = iis_headers("fe02.contoso.net", "Microsoft-IIS/6.0");
                       x.failure = "timeout";
                   },
                   {{kFrontEnd, Status::Pass}}},
                  {"no answer names its Front End: skip",
                   [](Evidence& e) {
                       for (auto& w : e.http) {
                           for (auto& hop : w.hops) {
                               std::erase_if(hop.headers, [](const auto& h) { return h.first == "X-MS-Server-Fqdn"; });
                           }
                       }
                   },
                   {{"web services", Status::Skip}}},
              });
}
