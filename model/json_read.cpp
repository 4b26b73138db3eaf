#include "json_read.hpp"

namespace mobcheck::json_read {

void bad(const std::string& path, const std::string& what) {
    throw EvidenceFormatError("evidence: " + path + ": " + what);
}

void bad_member(const std::string& path, const std::string& key, const std::string& what) {
    bad(path + "." + key, what);
}

void bad_element(const std::string& path, const std::string& key, std::size_t index, const std::string& what) {
    bad(path + "." + key + "[" + std::to_string(index) + "]", what);
}

const json& member(const json& j, const std::string& key, const std::string& path) {
    if (!j.is_object()) bad(path, "expected an object");
    auto it = j.find(key);
    if (it == j.end()) bad_member(path, key, "missing");
    return *it;
}

bool has_member(const json& j, const std::string& key) { return j.is_object() && j.contains(key); }

std::string get_string(const json& j, const std::string& key, const std::string& path) {
    const json& v = member(j, key, path);
    if (!v.is_string()) bad_member(path, key, "expected a string");
    return v.get<std::string>();
}

std::optional<std::string> get_optional_string(const json& j, const std::string& key, const std::string& path) {
    if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
    return get_string(j, key, path);
}

const json& get_array(const json& j, const std::string& key, const std::string& path) {
    const json& v = member(j, key, path);
    if (!v.is_array()) bad_member(path, key, "expected an array");
    return v;
}

std::vector<std::string> get_strings(const json& j, const std::string& key, const std::string& path) {
    std::vector<std::string> out;
    if (!j.contains(key)) return out;
    const json& arr = get_array(j, key, path);
    for (std::size_t i = 0; i < arr.size(); ++i) {
        if (!arr[i].is_string()) bad_element(path, key, i, "expected a string");
        out.push_back(arr[i].get<std::string>());
    }
    return out;
}

double get_number_in(const json& j, const std::string& key, const std::string& path, double min, double max) {
    const json& v = member(j, key, path);
    if (!v.is_number()) bad_member(path, key, "expected a number");
    const double d = v.get<double>();
    if (d < min || d > max) bad_member(path, key, "out of range");
    return d;
}

RecordedPurpose get_purpose(const json& j, const std::string& key, const std::string& path) {
    const std::string text = get_string(j, key, path);
    if (text.empty()) bad_member(path, key, "must not be empty");
    return RecordedPurpose::from_text(text);
}

DnsView get_view(const json& j, const std::string& key, const std::string& path) {
    const std::string v = get_string(j, key, path);
    if (v == "internal") return DnsView::Internal;
    if (v == "external") return DnsView::External;
    bad_member(path, key, "expected \"internal\" or \"external\"");
}

std::string get_domain(const json& j, const std::string& key, const std::string& path) {
    const std::string raw = get_string(j, key, path);
    auto parsed = normalize_domain(raw);
    if (!parsed) bad_member(path, key, parsed.error);
    return *parsed;
}

}  // namespace mobcheck::json_read
