#include "terminal.hpp"

#include <langinfo.h>
#include <locale.h>
#include <sys/ioctl.h>
#include <unistd.h>

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
    winsize size{};
    if (to_terminal && ::isatty(STDOUT_FILENO) == 1 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        width = size.ws_col;
    } else if (const auto columns = columns_from_env(std::getenv("COLUMNS"))) {
        width = *columns;
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

// The locale the environment names for LC_CTYPE: LC_ALL, else LC_CTYPE, else LANG.
std::string locale_name_from_env() {
    for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') return value;
    }
    return "";
}

bool locale_speaks_utf8() {
    // A locale object of its own: the process's global locale (and with it number formatting and
    // the classification of bytes) stays "C".
    locale_t locale = ::newlocale(LC_CTYPE_MASK, "", static_cast<locale_t>(0));
    if (locale == static_cast<locale_t>(0)) {
        // A locale this machine has not generated (en_US.UTF-8 on a minimal system): its name still
        // says what the terminal speaks.
        const std::string name = locale_name_from_env();
        const auto dot = name.find('.');
        return dot != std::string::npos && is_utf8_charset(name.substr(dot + 1, name.find('@') - dot - 1));
    }
    const bool utf8 = is_utf8_charset(::nl_langinfo_l(CODESET, locale));
    ::freelocale(locale);
    return utf8;
}

}  // namespace mobcheck::cli
