// Text across the Windows API (Windows build only): mobcheck's strings are UTF-8, Windows' wide ones
// are UTF-16, and its error codes have messages of their own.
#pragma once

#include <string>

namespace mobcheck::cli::windows {

std::wstring wide(const std::string& utf8);
std::string utf8(const std::wstring& wide);
std::string utf8(const wchar_t* wide);
// The system's message for a GetLastError() code, one line without its full stop.
std::string system_message(unsigned long error);

}  // namespace mobcheck::cli::windows
