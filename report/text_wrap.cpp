#include "text_wrap.hpp"

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
