#include "terminal.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <cstdlib>
#include <string>

namespace mobcheck::cli {

std::optional<std::size_t> columns_from_env(const char* value) {
    if (value == nullptr || *value == '\0' || std::strlen(value) > 6) return std::nullopt;
    std::size_t n = 0;
    for (const char* p = value; *p != '\0'; ++p) {
        if (!std::isdigit(static_cast<unsigned char>(*p))) return std::nullopt;
        n = n * 10 + static_cast<std::size_t>(*p - '0');
    }
    if (n == 0) return std::nullopt;
    return n;
}

std::size_t report_width(bool to_terminal) {
    std::size_t width = kDefaultWidth;
    if (const auto columns = to_terminal ? terminal_columns() : std::nullopt) {
        width = *columns;
    } else if (const auto from_env = columns_from_env(std::getenv("COLUMNS"))) {
        width = *from_env;
    }
    return std::max(width, kMinimumWidth);
}

bool is_utf8_charset(std::string_view codeset) {
    std::string folded;
    for (char c : codeset) {
        if (c != '-' && c != '_') folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return folded == "utf8";
}

}  // namespace mobcheck::cli
