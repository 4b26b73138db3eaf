// What the terminal mobcheck writes to can show: how wide it is, and whether it takes UTF-8.
// The one place that asks the operating system; the text report only reads TextStyle.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace mobcheck::cli {

// Columns to wrap the text report and --help at: the terminal's own width when standard output is
// a terminal (and the report goes there), else $COLUMNS, else 100; never under 40.
std::size_t report_width(bool to_terminal);

// $COLUMNS read as a width: nullopt when unset, empty, not a number, or under 1.
std::optional<std::size_t> columns_from_env(const char* value);

// Whether the locale's charset (LC_ALL, LC_CTYPE, LANG as the C library reads them) is UTF-8;
// when not, the text report writes ASCII stand-ins for "·" and "→".
bool locale_speaks_utf8();

// A charset name of nl_langinfo(CODESET) that means UTF-8 ("UTF-8", "utf8").
bool is_utf8_charset(std::string_view codeset);

inline constexpr std::size_t kDefaultWidth = 100;
inline constexpr std::size_t kMinimumWidth = 40;

}  // namespace mobcheck::cli
