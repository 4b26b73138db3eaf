#include <windows.h>

#include <cstdlib>

#include "options.hpp"
#include "password.hpp"
#include "windows_text.hpp"

namespace mobcheck::cli {

namespace {

// The console's input mode as it was before the prompt turned echo off, for the Ctrl-C handler: a
// Ctrl-C at the prompt must not leave the console without echo.
HANDLE g_input = INVALID_HANDLE_VALUE;
DWORD g_saved_mode = 0;

BOOL WINAPI restore_on_break(DWORD) {
    if (g_input != INVALID_HANDLE_VALUE) ::SetConsoleMode(g_input, g_saved_mode);
    return FALSE;  // and the default handler ends the process, as it would have
}

void say(HANDLE output, const std::wstring& text) {
    DWORD written = 0;
    if (output != INVALID_HANDLE_VALUE) ::WriteConsoleW(output, text.data(), static_cast<DWORD>(text.size()), &written, nullptr);
}

}  // namespace

std::string read_password(const std::string& user) {
    if (const char* env = std::getenv("MOBCHECK_PASSWORD"); env != nullptr) {
        if (*env == '\0') throw UsageError("--user " + user + ": MOBCHECK_PASSWORD is empty");
        return env;
    }
    // The console itself, as /dev/tty on POSIX: not standard input, which may be a pipe.
    HANDLE input = ::CreateFileW(L"CONIN$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                                 OPEN_EXISTING, 0, nullptr);
    DWORD saved = 0;
    if (input == INVALID_HANDLE_VALUE || !::GetConsoleMode(input, &saved)) {
        if (input != INVALID_HANDLE_VALUE) ::CloseHandle(input);
        throw UsageError("--user " + user + " needs a password: set MOBCHECK_PASSWORD (there is no console to ask on)");
    }
    HANDLE output = ::CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                                  OPEN_EXISTING, 0, nullptr);
    g_input = input;
    g_saved_mode = saved;
    ::SetConsoleCtrlHandler(restore_on_break, TRUE);
    ::SetConsoleMode(input, (saved | ENABLE_LINE_INPUT | ENABLE_PROCESSED_INPUT) & ~static_cast<DWORD>(ENABLE_ECHO_INPUT));
    say(output, L"Password for " + windows::wide(user) + L": ");
    std::wstring typed;
    wchar_t c = 0;
    DWORD got = 0;
    while (::ReadConsoleW(input, &c, 1, &got, nullptr) && got == 1 && c != L'\n') typed += c;
    if (!typed.empty() && typed.back() == L'\r') typed.pop_back();
    ::SetConsoleMode(input, saved);
    ::SetConsoleCtrlHandler(restore_on_break, FALSE);
    g_input = INVALID_HANDLE_VALUE;
    say(output, L"\r\n");
    if (output != INVALID_HANDLE_VALUE) ::CloseHandle(output);
    ::CloseHandle(input);
    const std::string password = windows::utf8(typed);
    if (password.empty()) throw UsageError("--user " + user + ": no password given");
    return password;
}

}  // namespace mobcheck::cli
