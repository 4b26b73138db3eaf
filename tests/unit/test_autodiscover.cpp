// Autodiscover documents as servers send them (testdata/autodiscover/), and broken ones.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "model/autodiscover.hpp"
#include "xml_scan.hpp"

using namespace mobcheck;
using Kind = AutodiscoverDocument::Kind;
using Format = AutodiscoverDocument::Format;

namespace {
std::string body(const std::string& name) {
    std::ifstream in(std::string(MOBCHECK_TESTDATA) + "/autodiscover/" + name, std::ios::binary);
    REQUIRE_MESSAGE(in, "missing testdata/autodiscover/" << name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("autodiscover: the JSON root") {
    const auto d = parse_autodiscover(body("root.json"), "application/json; charset=utf-8");
    CHECK(d.format == Format::Json);
    CHECK(d.kind == Kind::Root);
    CHECK(d.link("user") ==
          "https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/root/oauth/user?originalDomain=contoso.com");
    CHECK(d.link("xframe") == "https://webext.contoso.com/Autodiscover/XFrame/XFrame.html");
    CHECK(url_host(d.link("user")) == "webext.contoso.com");
}

TEST_CASE("autodiscover: the XML root with entities decoded") {
    const auto d = parse_autodiscover(body("root.xml"), "application/vnd.microsoft.rtc.autodiscover+xml; v=1");
    CHECK(d.format == Format::Xml);
    CHECK(d.kind == Kind::Root);
    CHECK(d.link("USER").ends_with("/root/user?originalDomain=contoso.com"));
    CHECK(d.link("oauth").find("/oauth/user") != std::string::npos);
    CHECK(d.link("self").ends_with("originalDomain=contoso.com&sipuri=alice%40contoso.com"));
}

TEST_CASE("autodiscover: tokens in another case and the body decides without a Content-Type") {
    const auto d = parse_autodiscover(body("root-capitalised.json"), "");
    CHECK(d.kind == Kind::Root);
    CHECK_FALSE(d.link("user").empty());
    CHECK(parse_autodiscover(body("root.xml"), "text/plain").kind == Kind::Root);
}

TEST_CASE("autodiscover: redirects in JSON (Office 365) and XML") {
    const auto o365 = parse_autodiscover(body("redirect-office365.json"), "application/json");
    CHECK(o365.kind == Kind::Redirect);
    CHECK(url_host(o365.link("redirect")) == "webdir0e.online.lync.com");
    const auto xml = parse_autodiscover(body("redirect.xml"), "application/xml");
    CHECK(xml.kind == Kind::Redirect);
    CHECK(url_host(xml.link("redirect")) == "webext2.contoso.com");
}

TEST_CASE("autodiscover: the user document and its Mobility Service links") {
    const auto d = parse_autodiscover(body("user.xml"), "application/vnd.microsoft.rtc.autodiscover+xml; v=1");
    CHECK(d.kind == Kind::User);
    CHECK(d.access_location == "External");
    CHECK(d.link("Internal/Mcx") == "https://webext.contoso.com/Mcx/McxService.svc");
    CHECK(d.link("External/Ucwa") == "https://webext.contoso.com/ucwa/v1/applications");
    CHECK(url_host(d.link("Internal/Autodiscover")) == "pool01.contoso.net");
    CHECK(d.links.size() == 10);
}

TEST_CASE("autodiscover: garbage is a finding with a reason and never a crash") {
    struct Case {
        std::string body, type, reason;
    };
    for (const Case& c : {Case{body("iis-404.html"), "text/html", "not well-formed"},
                          Case{body("doctype.xml"), "application/xml", "DOCTYPE"},
                          Case{body("truncated.json"), "application/json", "not valid JSON"},
                          Case{body("not-autodiscover.xml"), "application/xml", "<Error>"},
                          Case{"", "", "empty body"},
                          Case{"   ", "application/json", "not valid JSON"},
                          Case{"[1,2,3]", "application/json", "not an object"},
                          Case{"{\"links\":{}}", "application/json", "without a _links"},
                          Case{"{\"_links\":{\"self\":{\"href\":\"https://x/\"}}}", "application/json", "no user link"},
                          Case{"{\"_links\":{\"user\":{\"href\":42}}}", "", "no user link"},
                          Case{"hello", "", "neither JSON nor XML"},
                          Case{"<AutodiscoverResponse><Root>", "", "not closed"}}) {
        CAPTURE(c.body.substr(0, 60));
        const auto d = parse_autodiscover(c.body, c.type);
        CHECK(d.kind == Kind::Invalid);
        CHECK(d.error.find(c.reason) != std::string::npos);
        CHECK(d.error.find('\n') == std::string::npos);
    }
}

TEST_CASE("autodiscover: url_host") {
    CHECK(url_host("https://WebExt.Contoso.com/ucwa") == "webext.contoso.com");
    CHECK(url_host("https://webext.contoso.com:4443/x?y") == "webext.contoso.com");
    CHECK(url_host("http://webext.contoso.com.") == "webext.contoso.com");
    CHECK(url_host("https://[2001:db8::1]:443/") == "2001:db8::1");
    CHECK(url_host("https://user@webext.contoso.com/") == "webext.contoso.com");
    CHECK(url_host("ftp://webext.contoso.com/") == "");
    CHECK(url_host("/relative/path") == "");
    CHECK(url_host("https://[::1") == "");
}

TEST_CASE("xml_scan: well-formedness - limits - decoding") {
    auto ok = xml::scan("<a x='1 &lt; 2' y=\"&#x41;&#66;\"><b/><!-- c --><![CDATA[<x>]]><p:c q:z=\"v\">text</p:c></a>");
    REQUIRE(ok.error.empty());
    REQUIRE(ok.elements.size() == 3);
    CHECK(ok.elements[0].attr("x") == "1 < 2");
    CHECK(ok.elements[0].attr("y") == "AB");
    CHECK(ok.elements[1].parent == "a");
    CHECK(ok.elements[2].name == "c");
    CHECK(ok.elements[2].attr("z") == "v");
    CHECK(ok.elements[2].depth == 1);

    for (const char* bad : {"<a>", "<a></b>", "<a/><b/>", "text<a/>", "<a x=1/>", "<a x='&foo;'/>", "<a x='&#0;'/>",
                            "<a x='&#x110000;'/>", "<a x='<'/>", "<!DOCTYPE a><a/>", "<a", "</a>", "<a><!-- x</a>",
                            "<a x/>", "<>"}) {
        CAPTURE(bad);
        CHECK_FALSE(xml::scan(bad).error.empty());
    }
    std::string deep;
    for (int i = 0; i < 100; ++i) deep += "<d>";
    CHECK(xml::scan(deep).error.find("deeper") != std::string::npos);
    std::string many = "<r>";
    for (int i = 0; i < 10001; ++i) many += "<e/>";
    many += "</r>";
    CHECK(xml::scan(many).error.find("more than") != std::string::npos);
}
