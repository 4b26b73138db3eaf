#include "report/text_wrap.hpp"

#include <sstream>

namespace mobcheck::text {

namespace {
std::size_t columns(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // count UTF-8 lead bytes only
    return n;
}
}  // namespace

std::string wrap(std::string_view text, std::size_t width, std::size_t indent) {
    std::istringstream words{std::string(text)};
    std::string word, out;
    std::size_t column = indent;
    bool first = true;
    while (words >> word) {
        const std::size_t w = columns(word);
        if (!first && column + 1 + w > width) {
            out += "\n" + std::string(indent, ' ');
            column = indent;
            first = true;
        }
        if (!first) {
            out += ' ';
            ++column;
        }
        out += word;
        column += w;
        first = false;
    }
    return out;
}

}  // namespace mobcheck::text

namespace mobcheck::text {

namespace {

// The ASCII stand-ins of the characters mobcheck's own messages use.
const char* stand_in(char32_t c) {
    switch (c) {
        case U'\u00B7': return "-";    // · middle dot
        case U'\u2192': return "->";   // → arrow
        case U'\u21D2': return "=>";   // ⇒
        case U'\u2014': return "--";   // — em dash
        case U'\u2013': return "-";    // – en dash
        case U'\u2018':
        case U'\u2019': return "'";
        case U'\u201C':
        case U'\u201D': return "\"";
        case U'\u2026': return "...";  // …
        case U'\u00D7': return "x";    // ×
        case U'\u2264': return "<=";
        case U'\u2265': return ">=";
        case U'\u00A0': return " ";    // no-break space
        case U'\u00A7': return "S";    // § (SPEC §1)
        default: return "?";
    }
}

}  // namespace

std::string ascii(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80) {
            out += static_cast<char>(lead);
            ++i;
            continue;
        }
        // The length of a well-formed UTF-8 sequence from its lead byte; 0 for a byte that cannot lead.
        const std::size_t length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                                   : lead >= 0xF0 && lead <= 0xF4                               ? 4
                                                                                                 : 0;
        char32_t c = length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
        bool well_formed = length != 0 && i + length <= text.size();
        for (std::size_t k = 1; well_formed && k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            well_formed = (next & 0xC0) == 0x80;
            c = (c << 6) | (next & 0x3F);
        }
        out += well_formed ? stand_in(c) : "?";
        i += well_formed ? length : 1;
    }
    return out;
}

}  // namespace mobcheck::text
