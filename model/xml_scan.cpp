#include "xml_scan.hpp"

#include <cctype>
#include <cstdint>

namespace mobcheck::xml {

namespace {

constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxElements = 10000;

bool is_name_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || c == '-' || c == '.' || c == ':' || u >= 0x80;
}

std::string local_name(std::string_view qname) {
    const auto colon = qname.rfind(':');
    return std::string(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Decodes the five predefined entities and character references; false on anything else.
bool decode(std::string_view raw, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '&') {
            out += raw[i];
            continue;
        }
        const auto semi = raw.find(';', i);
        if (semi == std::string_view::npos || semi - i > 12) return false;
        const std::string_view entity = raw.substr(i + 1, semi - i - 1);
        if (entity == "amp") out += '&';
        else if (entity == "lt") out += '<';
        else if (entity == "gt") out += '>';
        else if (entity == "quot") out += '"';
        else if (entity == "apos") out += '\'';
        else if (entity.size() > 1 && entity[0] == '#') {
            std::uint32_t cp = 0;
            const bool hex = entity[1] == 'x';
            const std::string_view digits = entity.substr(hex ? 2 : 1);
            if (digits.empty()) return false;
            for (char c : digits) {
                const auto u = static_cast<unsigned char>(c);
                const int v = std::isdigit(u) ? c - '0' : (hex && std::isxdigit(u)) ? (std::tolower(u) - 'a' + 10) : -1;
                if (v < 0) return false;
                cp = cp * (hex ? 16u : 10u) + static_cast<std::uint32_t>(v);
                if (cp > 0x10FFFF) return false;
            }
            if (cp == 0) return false;
            append_utf8(out, cp);
        } else {
            return false;  // no DTD, so no other entity exists
        }
        i = semi;
    }
    return true;
}

}  // namespace

std::string Element::attr(std::string_view wanted) const {
    for (const auto& [k, v] : attrs) {
        if (k == wanted) return v;
    }
    return "";
}

Document scan(std::string_view text) {
    Document doc;
    std::vector<std::string> open;  // names of the open elements
    std::size_t i = 0;
    bool root_closed = false;
    auto fail = [&](const std::string& why) {
        doc.error = why + " at byte " + std::to_string(i);
        doc.elements.clear();
        return doc;
    };
    // A UTF-8 byte order mark is allowed before the document.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;

    while (i < text.size()) {
        if (text[i] != '<') {
            // Character data: only white space outside the document element; inside it is ignored.
            if (open.empty() && !std::isspace(static_cast<unsigned char>(text[i]))) return fail("text outside the document element");
            ++i;
            continue;
        }
        const std::string_view rest = text.substr(i);
        if (rest.starts_with("<?")) {
            const auto end = text.find("?>", i + 2);
            if (end == std::string_view::npos) return fail("unterminated processing instruction");
            i = end + 2;
        } else if (rest.starts_with("<!--")) {
            const auto end = text.find("-->", i + 4);
            if (end == std::string_view::npos) return fail("unterminated comment");
            i = end + 3;
        } else if (rest.starts_with("<![CDATA[")) {
            if (open.empty()) return fail("CDATA outside the document element");
            const auto end = text.find("]]>", i + 9);
            if (end == std::string_view::npos) return fail("unterminated CDATA section");
            i = end + 3;
        } else if (rest.starts_with("<!")) {
            return fail("DOCTYPE and declarations are not accepted");
        } else if (rest.starts_with("</")) {
            std::size_t j = i + 2;
            while (j < text.size() && is_name_char(text[j])) ++j;
            const std::string name = local_name(text.substr(i + 2, j - i - 2));
            while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
            if (j >= text.size() || text[j] != '>') return fail("malformed end tag");
            if (open.empty() || open.back() != name) return fail("end tag </" + name + "> does not match");
            open.pop_back();
            if (open.empty()) root_closed = true;
            i = j + 1;
        } else {
            if (root_closed) return fail("a second document element");
            std::size_t j = i + 1;
            while (j < text.size() && is_name_char(text[j])) ++j;
            if (j == i + 1) return fail("malformed start tag");
            Element element;
            element.name = local_name(text.substr(i + 1, j - i - 1));
            element.depth = static_cast<int>(open.size());
            element.parent = open.empty() ? "" : open.back();
            bool self_closing = false;
            for (;;) {
                while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
                if (j >= text.size()) return fail("unterminated start tag");
                if (text[j] == '>') {
                    ++j;
                    break;
                }
                if (text[j] == '/') {
                    if (j + 1 >= text.size() || text[j + 1] != '>') return fail("malformed empty-element tag");
                    self_closing = true;
                    j += 2;
                    break;
                }
                const std::size_t name_start = j;
                while (j < text.size() && is_name_char(text[j])) ++j;
                if (j == name_start) return fail("malformed attribute");
                const std::string attr_name = local_name(text.substr(name_start, j - name_start));
                while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
                if (j >= text.size() || text[j] != '=') return fail("attribute without a value");
                ++j;
                while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
                if (j >= text.size() || (text[j] != '"' && text[j] != '\'')) return fail("unquoted attribute value");
                const char quote = text[j];
                const auto close = text.find(quote, j + 1);
                if (close == std::string_view::npos) return fail("unterminated attribute value");
                const std::string_view raw = text.substr(j + 1, close - j - 1);
                if (raw.find('<') != std::string_view::npos) return fail("'<' in an attribute value");
                std::string value;
                if (!decode(raw, value)) return fail("unknown entity in an attribute value");
                element.attrs.emplace_back(attr_name, std::move(value));
                j = close + 1;
            }
            if (doc.elements.size() >= kMaxElements) return fail("more than " + std::to_string(kMaxElements) + " elements");
            if (!self_closing) {
                if (static_cast<int>(open.size()) >= kMaxDepth) return fail("nested deeper than " + std::to_string(kMaxDepth));
                open.push_back(element.name);
            } else if (open.empty()) {
                root_closed = true;
            }
            doc.elements.push_back(std::move(element));
            i = j;
        }
    }
    if (doc.elements.empty()) return fail("no element");
    if (!open.empty()) return fail("element <" + open.back() + "> is not closed");
    return doc;
}

}  // namespace mobcheck::xml
