// Strict reading of JSON values for the evidence loader: each helper names the JSON path of a bad
// value ("$.tls[2].port: out of range"), so a hand-edited or truncated file gives one clear line.
// The helpers are compiled once (json_read.cpp); the templates below only convert what those return.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "model/evidence_json.hpp"
#include "model/names.hpp"
#include "model/probe_purpose.hpp"

namespace mobcheck::json_read {

using nlohmann::json;

// Throws EvidenceFormatError "evidence: <path>: <what>".
[[noreturn]] void bad(const std::string& path, const std::string& what);
// The same for the member `key` of the object at `path`.
[[noreturn]] void bad_member(const std::string& path, const std::string& key, const std::string& what);
// The same for the element `index` of the array `key` ("$.tls[2].chain[1]").
[[noreturn]] void bad_element(const std::string& path, const std::string& key, std::size_t index, const std::string& what);

// The member `key` of the object j; throws when j is no object or lacks it.
const json& member(const json& j, const std::string& key, const std::string& path);
// Whether j is an object with the member `key` (null or not).
bool has_member(const json& j, const std::string& key);

std::string get_string(const json& j, const std::string& key, const std::string& path);
// Absent or null: nullopt.
std::optional<std::string> get_optional_string(const json& j, const std::string& key, const std::string& path);
// Absent: empty. Otherwise an array of strings.
std::vector<std::string> get_strings(const json& j, const std::string& key, const std::string& path);
const json& get_array(const json& j, const std::string& key, const std::string& path);
// A number within [min, max].
double get_number_in(const json& j, const std::string& key, const std::string& path, double min, double max);

// A probe's purpose: any text but "" (one mobcheck does not know is kept as it was read).
RecordedPurpose get_purpose(const json& j, const std::string& key, const std::string& path);
DnsView get_view(const json& j, const std::string& key, const std::string& path);
// A DNS name, normalized; refused with normalize_domain's reason.
std::string get_domain(const json& j, const std::string& key, const std::string& path);

// A string naming an enum value, read through the enum's own from-string function.
template <typename E>
E get_enum(const json& j, const std::string& key, const std::string& path, std::optional<E> (*from)(std::string_view),
           const char* what) {
    const std::string text = get_string(j, key, path);
    const std::optional<E> value = from(text);
    if (!value) bad_member(path, key, std::string("unknown ") + what + " \"" + text + "\"");
    return *value;
}

template <typename Number>
Number get_number(const json& j, const std::string& key, const std::string& path, double min, double max) {
    return static_cast<Number>(get_number_in(j, key, path, min, max));
}

// The fallback when j has no member `key`.
template <typename Number>
Number get_number_or(const json& j, const std::string& key, const std::string& path, double min, double max,
                     Number fallback) {
    return has_member(j, key) ? get_number<Number>(j, key, path, min, max) : fallback;
}

}  // namespace mobcheck::json_read
