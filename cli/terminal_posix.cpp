#include <langinfo.h>
#include <locale.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "terminal.hpp"

namespace mobcheck::cli {

bool is_terminal(Stream stream) { return ::isatty(stream == Stream::Out ? STDOUT_FILENO : STDERR_FILENO) == 1; }

std::optional<std::size_t> terminal_columns() {
    winsize size{};
    if (::isatty(STDOUT_FILENO) == 1 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return std::nullopt;
}

bool terminal_takes_sequences(Stream) { return true; }

namespace {

// The locale the environment names for LC_CTYPE: LC_ALL, else LC_CTYPE, else LANG.
std::string locale_name_from_env() {
    for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') return value;
    }
    return "";
}

}  // namespace

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
