// What the terminal mobcheck writes to can show: how wide it is, whether it takes UTF-8 and colour.
// The one place that asks the operating system (terminal_posix.cpp, terminal_windows.cpp: CMake
// builds one); the text report only reads TextStyle.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace mobcheck::cli {

// Columns to wrap the text report and --help at: the terminal's own width when standard output is
// a terminal (and the report goes there), else $COLUMNS, else 100; never under 40.
std::size_t report_width(bool to_terminal);

enum class Stream { Out, Err };

// Whether standard output (or error) is a terminal (a console on Windows).
bool is_terminal(Stream stream);

// Standard output's width in columns when it is a terminal that tells.
std::optional<std::size_t> terminal_columns();

// Whether standard output (or error), a terminal, takes ANSI sequences (colour, erasing the progress
// line): always on POSIX; on Windows when the console takes virtual terminal sequences (turned on
// here, for the run).
bool terminal_takes_sequences(Stream stream);

// $COLUMNS read as a width: nullopt when unset, empty, not a number, or under 1.
std::optional<std::size_t> columns_from_env(const char* value);

// Whether the locale's charset (LC_ALL, LC_CTYPE, LANG as the C library reads them) is UTF-8;
// when not, the text report writes ASCII stand-ins for "·" and "→". On Windows: whether the console
// shows UTF-8 (its output code page is set to UTF-8 here), and always when the output is not a console.
bool locale_speaks_utf8();

// A charset name of nl_langinfo(CODESET) that means UTF-8 ("UTF-8", "utf8").
bool is_utf8_charset(std::string_view codeset);

inline constexpr std::size_t kDefaultWidth = 100;
inline constexpr std::size_t kMinimumWidth = 40;

}  // namespace mobcheck::cli
