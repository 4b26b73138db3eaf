// The Autodiscover XML reader, one row per rule: every way a document is refused names its own
// reason, and every construct it accepts reads back as written. A row that stops reaching its branch
// (a check reordered, a reason reworded) fails here.
#include <doctest/doctest.h>

#include <string>

#include "xml_scan.hpp"

using namespace mobcheck;

namespace {

struct Refused {
    const char* text;
    const char* reason;  // the start of Document::error
};

}  // namespace

TEST_CASE("xml_scan: each malformed document is refused with its own reason") {
    const Refused rows[] = {
        {"", "no element"},
        {"  \n", "no element"},
        {"<?xml version='1.0'?>", "no element"},
        {"text<a/>", "text outside the document element"},
        {"<a/>text", "text outside the document element"},
        {"<?xml version='1.0'", "unterminated processing instruction"},
        {"<a><!-- x</a>", "unterminated comment"},
        {"<![CDATA[x]]><a/>", "CDATA outside the document element"},
        {"<a><![CDATA[x</a>", "unterminated CDATA section"},
        {"<!DOCTYPE a><a/>", "DOCTYPE and declarations are not accepted"},
        {"<!ENTITY x 'y'><a/>", "DOCTYPE and declarations are not accepted"},
        {"<a></a", "malformed end tag"},
        {"<a></a x>", "malformed end tag"},
        {"<a></b>", "end tag </b> does not match"},
        {"</a>", "end tag </a> does not match"},
        {"<a/><b/>", "a second document element"},
        {"<a></a><b/>", "a second document element"},
        {"<>", "malformed start tag"},
        {"< a/>", "malformed start tag"},
        {"<a", "unterminated start tag"},
        {"<a x='1' ", "unterminated start tag"},
        {"<a /", "malformed empty-element tag"},
        {"<a /x>", "malformed empty-element tag"},
        {"<a ='1'/>", "malformed attribute"},
        {"<a x/>", "attribute without a value"},
        {"<a x", "attribute without a value"},
        {"<a x=", "unquoted attribute value"},
        {"<a x=1/>", "unquoted attribute value"},
        {"<a x='1/>", "unterminated attribute value"},
        {"<a x='<'/>", "'<' in an attribute value"},
        {"<a x='&foo;'/>", "unknown entity in an attribute value"},
        {"<a x='&amp'/>", "unknown entity in an attribute value"},
        {"<a x='&abcdefghijklmnop;'/>", "unknown entity in an attribute value"},
        {"<a x='&#;'/>", "unknown entity in an attribute value"},
        {"<a x='&#x;'/>", "unknown entity in an attribute value"},
        {"<a x='&#12a;'/>", "unknown entity in an attribute value"},
        {"<a x='&#xg1;'/>", "unknown entity in an attribute value"},
        {"<a x='&#0;'/>", "unknown entity in an attribute value"},
        {"<a x='&#x110000;'/>", "unknown entity in an attribute value"},
        {"<a x='&#99999999;'/>", "unknown entity in an attribute value"},
        {"<a>", "element <a> is not closed"},
        {"<a><b></b>", "element <a> is not closed"},
    };
    for (const Refused& row : rows) {
        CAPTURE(row.text);
        const xml::Document doc = xml::scan(row.text);
        CHECK(doc.error.rfind(row.reason, 0) == 0);
        CHECK(doc.error.find(" at byte ") != std::string::npos);
        CHECK(doc.elements.empty());  // never half a document
    }
}

TEST_CASE("xml_scan: what a document may hold reads back as written") {
    // A byte order mark, a declaration, comments and white space around the document element.
    const xml::Document doc = xml::scan(
        "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- before -->\n"
        "<p:Root xmlns:p='urn:x' p:Kind = \"a&amp;b&lt;&gt;&quot;&apos;\">\n"
        "  <Link token=\"&#65;&#x42;&#xe9;&#x20AC;&#x1F600;\" href='h'/>\n"
        "  <![CDATA[ <not-an-element/> ]]>\n"
        "  <User><Link token='t' href='u' /></User >\n"
        "</p:Root >\n<!-- after -->\n");
    REQUIRE(doc.error.empty());
    REQUIRE(doc.elements.size() == 4);
    const xml::Element& root = doc.elements[0];
    CHECK(root.name == "Root");
    CHECK(root.depth == 0);
    CHECK(root.parent.empty());
    CHECK(root.attr("Kind") == "a&b<>\"'");
    CHECK(root.attr("xmlns").empty());  // "xmlns:p" has the local name "p"
    CHECK(root.attr("p") == "urn:x");
    CHECK(root.attr("absent").empty());
    // One, two, three and four UTF-8 bytes from character references.
    CHECK(doc.elements[1].attr("token") == "AB\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    CHECK(doc.elements[1].parent == "Root");
    CHECK(doc.elements[2].name == "User");
    CHECK(doc.elements[3].parent == "User");
    CHECK(doc.elements[3].depth == 2);
    // A self-closing document element closes the document.
    CHECK(xml::scan("<only/>").elements.size() == 1);
    // Non-ASCII names are names.
    CHECK(xml::scan("<\xC3\xA9l\xC3\xA9ment/>").elements.front().name == "\xC3\xA9l\xC3\xA9ment");
}

TEST_CASE("xml_scan: the limits hold at their edges") {
    auto nested = [](int depth) {
        std::string text;
        for (int i = 0; i < depth; ++i) text += "<d>";
        for (int i = 0; i < depth; ++i) text += "</d>";
        return text;
    };
    CHECK(xml::scan(nested(64)).error.empty());
    CHECK(xml::scan(nested(65)).error.rfind("nested deeper than 64", 0) == 0);

    auto flat = [](int children) {
        std::string text = "<r>";
        for (int i = 0; i < children; ++i) text += "<e/>";
        return text + "</r>";
    };
    CHECK(xml::scan(flat(9999)).elements.size() == 10000);  // the document element and 9,999 children
    CHECK(xml::scan(flat(10000)).error.rfind("more than 10000 elements", 0) == 0);
}
