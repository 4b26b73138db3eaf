#include "xml_text.hpp"

namespace mobcheck::xml {

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\n': out += "&#10;"; break;
            case '\t': out += "&#9;"; break;
            case '\r': out += "&#13;"; break;
            default:
                if (u >= 0x20) out += c;  // other control characters cannot be written in XML 1.0
                break;
        }
    }
    return out;
}

}  // namespace mobcheck::xml
