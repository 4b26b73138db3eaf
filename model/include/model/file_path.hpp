// A file name as mobcheck holds it (UTF-8, as typed on the command line or written in a topology file)
// turned into a path the platform opens: the same bytes on POSIX, UTF-16 on Windows, where a narrow
// name would be read in the ANSI code page and a name outside it could not be opened at all.
#pragma once

#include <filesystem>
#include <string>

namespace mobcheck {

inline std::filesystem::path file_path(const std::string& utf8) {
    return std::filesystem::path(std::u8string(utf8.begin(), utf8.end()));
}

// The way back: a path as UTF-8, for messages and for mobcheck's own strings.
inline std::string utf8_of(const std::filesystem::path& path) {
    const std::u8string text = path.u8string();
    return std::string(text.begin(), text.end());
}

}  // namespace mobcheck
