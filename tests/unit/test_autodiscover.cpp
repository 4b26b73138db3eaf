// Autodiscover documents as servers send them (testdata/autodiscover/), and broken ones.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "model/autodiscover.hpp"

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

TEST_CASE("autodiscover: url_host takes the host of every form a link takes") {
    CHECK(url_host("https://WebExt.Contoso.com/ucwa") == "webext.contoso.com");
    CHECK(url_host("https://webext.contoso.com:4443/x?y") == "webext.contoso.com");
    CHECK(url_host("http://webext.contoso.com.") == "webext.contoso.com");
    CHECK(url_host("https://[2001:db8::1]:443/") == "2001:db8::1");
    CHECK(url_host("https://user@webext.contoso.com/") == "webext.contoso.com");
    CHECK(url_host("ftp://webext.contoso.com/") == "");
    CHECK(url_host("/relative/path") == "");
    CHECK(url_host("https://[::1") == "");
    CHECK(url_host("HTTPS://WebExt.Contoso.com") == "webext.contoso.com");
    CHECK(url_host("https://webext.contoso.com#frag") == "webext.contoso.com");
    CHECK(url_host("https://webext.contoso.com.:443/") == "webext.contoso.com");
    CHECK(url_host("https://[2001:DB8::1]/") == "2001:db8::1");
    CHECK(url_host("https://user:pw@[::1]:8443/") == "::1");
    CHECK(url_host("https://") == "");
    CHECK(url_host("https://.") == "");
    CHECK(url_host("http:/x") == "");
}

TEST_CASE("autodiscover: which links count and which kind a document is - one row per rule") {
    struct Row {
        const char* body;
        const char* type;
        Kind kind;
        Format format;
        const char* user_link;  // what link("user") reads back
    };
    const Row rows[] = {
        // JSON: a link is an object with a string href; anything else is passed over.
        {R"({"_links":{"user":{"href":"https://a/u"}}})", "application/json", Kind::Root, Format::Json, "https://a/u"},
        {R"({"_links":{"user":"https://a/u"}})", "application/json", Kind::Invalid, Format::Json, ""},
        {R"({"_links":{"user":{"url":"https://a/u"}}})", "application/json", Kind::Invalid, Format::Json, ""},
        {R"({"_links":{"user":{"href":null}},"x":1})", "application/json", Kind::Invalid, Format::Json, ""},
        {R"({"_links":[]})", "application/json", Kind::Invalid, Format::Json, ""},
        // The user document: AccessLocation (a string, any case) or an applications link marks it.
        {R"({"accesslocation":"External","_links":{}})", "application/json", Kind::User, Format::Json, ""},
        {R"({"AccessLocation":7,"_links":{"user":{"href":"https://a/u"}}})", "application/json", Kind::Root, Format::Json,
         "https://a/u"},
        {R"({"_links":{"applications":{"href":"https://a/ucwa"}}})", "application/json", Kind::User, Format::Json, ""},
        {R"({"_links":{"redirect":{"href":"https://b/"}}})", "", Kind::Redirect, Format::Json, ""},
        // XML: a Link needs both token and href; one inside <User> marks the user document.
        {"<AutodiscoverResponse><Root><Link token='User' href='https://a/u'/></Root></AutodiscoverResponse>",
         "application/xml", Kind::Root, Format::Xml, "https://a/u"},
        {"<AutodiscoverResponse><Root><Link token='User'/><Link href='https://a/u'/></Root></AutodiscoverResponse>",
         "application/xml", Kind::Invalid, Format::Xml, ""},
        {"<AutodiscoverResponse><User><Link token='Ucwa' href='https://a/ucwa'/></User></AutodiscoverResponse>", "",
         Kind::User, Format::Xml, ""},
        {"<autodiscoverresponse AccessLocation='Internal'><Link token='Redirect' href='https://b/'/></autodiscoverresponse>",
         "text/xml", Kind::Redirect, Format::Xml, ""},
        {"<Error><Link token='User' href='https://a/u'/></Error>", "application/xml", Kind::Invalid, Format::Xml, ""},
        // Neither: the error names the Content-Type, or its absence.
        {"hello", "text/plain", Kind::Invalid, Format::Unknown, ""},
        {"hello", "", Kind::Invalid, Format::Unknown, ""},
        {"", "text/html", Kind::Invalid, Format::Unknown, ""},
    };
    for (const Row& row : rows) {
        CAPTURE(row.body);
        CAPTURE(row.type);
        const auto d = parse_autodiscover(row.body, row.type);
        CHECK(to_string(d.kind) == std::string(to_string(row.kind)));
        CHECK(to_string(d.format) == std::string(to_string(row.format)));
        CHECK(d.link("user") == row.user_link);
        CHECK(d.error.empty() == (row.kind != Kind::Invalid));
    }
    CHECK(parse_autodiscover("hello", "text/plain").error == "neither JSON nor XML (Content-Type text/plain)");
    CHECK(parse_autodiscover("hello", "").error == "neither JSON nor XML (Content-Type absent)");
    CHECK(parse_autodiscover(R"({"AccessLocation":"Internal","_links":{}})", "application/json").access_location ==
          "Internal");
    CHECK(std::string(to_string(Kind::User)) == "user");
    CHECK(std::string(to_string(Format::Unknown)) == "unknown");
}

TEST_CASE("autodiscover: url_port - the port written or else the scheme's and 0 for no URL or no port") {
    struct Row {
        const char* url;
        int port;
    };
    const Row rows[] = {
        {"https://webext.contoso.com/ucwa/", 443}, {"http://lyncdiscover.contoso.com/", 80},
        {"HTTPS://sts.contoso.com:8443/adfs/", 8443}, {"https://alice@sts.contoso.com:444", 444},
        {"https://[2001:db8::5]/x", 443},         {"https://[2001:db8::5]:4443/x", 4443},
        {"https://sts.contoso.com:/x", 443},      {"https://sts.contoso.com?a=b:9", 443},
        {"https://sts.contoso.com:0/", 0},        {"https://sts.contoso.com:65536/", 0},
        {"https://sts.contoso.com:44a/", 0},      {"ftp://sts.contoso.com:21/", 0},
        {"sts.contoso.com:443", 0},               {"", 0},
    };
    for (const Row& row : rows) {
        const std::string url = row.url;
        CAPTURE(url);
        CHECK(url_port(url) == row.port);
    }
}
