// Strict reading of JSON values for the evidence loader: each helper names the JSON path of a bad
// value ("$.tls[2].port: out of range"), so a hand-edited or truncated file gives one clear line.
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

[[noreturn]] inline void bad(const std::string& path, const std::string& what) {
    throw EvidenceFormatError("evidence: " + path + ": " + what);
}

inline const json& member(const json& j, const std::string& key, const std::string& path) {
    if (!j.is_object()) bad(path, "expected an object");
    auto it = j.find(key);
    if (it == j.end()) bad(path + "." + key, "missing");
    return *it;
}

inline std::string get_string(const json& j, const std::string& key, const std::string& path) {
    const json& v = member(j, key, path);
    if (!v.is_string()) bad(path + "." + key, "expected a string");
    return v.get<std::string>();
}

// A string naming an enum value, read through the enum's own from-string function.
template <typename E>
E get_enum(const json& j, const std::string& key, const std::string& path, std::optional<E> (*from)(std::string_view),
           const char* what) {
    const std::string text = get_string(j, key, path);
    const std::optional<E> value = from(text);
    if (!value) bad(path + "." + key, std::string("unknown ") + what + " \"" + text + "\"");
    return *value;
}

// A probe's purpose: any text but "" (one mobcheck does not know is kept as it was read).
inline RecordedPurpose get_purpose(const json& j, const std::string& key, const std::string& path) {
    const std::string text = get_string(j, key, path);
    if (text.empty()) bad(path + "." + key, "must not be empty");
    return RecordedPurpose::from_text(text);
}

inline std::optional<std::string> get_optional_string(const json& j, const std::string& key, const std::string& path) {
    if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
    return get_string(j, key, path);
}

template <typename Number>
Number get_number(const json& j, const std::string& key, const std::string& path, double min, double max) {
    const json& v = member(j, key, path);
    if (!v.is_number()) bad(path + "." + key, "expected a number");
    const double d = v.get<double>();
    if (d < min || d > max) bad(path + "." + key, "out of range");
    return static_cast<Number>(d);
}

template <typename Number>
Number get_number_or(const json& j, const std::string& key, const std::string& path, double min, double max,
                     Number fallback) {
    if (!j.is_object() || !j.contains(key)) return fallback;
    return get_number<Number>(j, key, path, min, max);
}

inline const json& get_array(const json& j, const std::string& key, const std::string& path) {
    const json& v = member(j, key, path);
    if (!v.is_array()) bad(path + "." + key, "expected an array");
    return v;
}

inline std::vector<std::string> get_strings(const json& j, const std::string& key, const std::string& path) {
    std::vector<std::string> out;
    if (!j.contains(key)) return out;
    const json& arr = get_array(j, key, path);
    for (std::size_t i = 0; i < arr.size(); ++i) {
        if (!arr[i].is_string()) bad(path + "." + key + "[" + std::to_string(i) + "]", "expected a string");
        out.push_back(arr[i].get<std::string>());
    }
    return out;
}

inline DnsView get_view(const json& j, const std::string& key, const std::string& path) {
    const std::string v = get_string(j, key, path);
    if (v == "internal") return DnsView::Internal;
    if (v == "external") return DnsView::External;
    bad(path + "." + key, "expected \"internal\" or \"external\"");
}

inline std::string get_domain(const json& j, const std::string& key, const std::string& path) {
    const std::string raw = get_string(j, key, path);
    auto parsed = normalize_domain(raw);
    if (!parsed) bad(path + "." + key, parsed.error);
    return *parsed;
}

}  // namespace mobcheck::json_read
