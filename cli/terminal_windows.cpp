#include <windows.h>

#include <io.h>

#include "terminal.hpp"

namespace mobcheck::cli {

namespace {

HANDLE handle_of(Stream stream) { return ::GetStdHandle(stream == Stream::Out ? STD_OUTPUT_HANDLE : STD_ERROR_HANDLE); }

// A console, not a file or a pipe (nor the NUL device, which _isatty also calls a terminal).
bool is_console(HANDLE h) {
    DWORD mode = 0;
    return h != INVALID_HANDLE_VALUE && h != nullptr && ::GetConsoleMode(h, &mode) != 0;
}

}  // namespace

bool is_terminal(Stream stream) { return is_console(handle_of(stream)); }

std::optional<std::size_t> terminal_columns() {
    CONSOLE_SCREEN_BUFFER_INFO info{};
    if (!::GetConsoleScreenBufferInfo(handle_of(Stream::Out), &info)) return std::nullopt;
    const int columns = info.srWindow.Right - info.srWindow.Left + 1;
    if (columns <= 0) return std::nullopt;
    return static_cast<std::size_t>(columns);
}

bool terminal_takes_sequences(Stream stream) {
    // Windows 10 and later consoles take ANSI sequences once asked to; older ones show no colour.
    HANDLE out = handle_of(stream);
    DWORD mode = 0;
    if (!::GetConsoleMode(out, &mode)) return false;
    if (mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING) return true;
    return ::SetConsoleMode(out, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0;
}

bool locale_speaks_utf8() {
    // mobcheck writes UTF-8: a file or pipe takes it as it is, and a console is asked to show it.
    if (!is_console(handle_of(Stream::Out))) return true;
    return ::GetConsoleOutputCP() == CP_UTF8 || ::SetConsoleOutputCP(CP_UTF8) != 0;
}

}  // namespace mobcheck::cli
