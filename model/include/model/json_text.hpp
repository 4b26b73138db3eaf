// JSON as text, for every file and report mobcheck writes. Servers send anything (a DNS label may hold
// any byte, a certificate subject may be Latin-1): invalid UTF-8 is written as U+FFFD instead of
// making the whole report fail.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace mobcheck {

inline std::string json_text(const nlohmann::json& j, int indent = 2) {
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace mobcheck
