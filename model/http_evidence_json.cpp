// The "http" and "learned" parts of the evidence file (docs/evidence.md): every walk of the
// Autodiscover discovery hop by hop, and the web services names learned from it.
#include "json_read.hpp"
#include "model/enum_names.hpp"
#include "model/evidence_json.hpp"

namespace mobcheck {

using nlohmann::json;
using namespace json_read;

namespace {

constexpr EnumNames<HttpWalkEnd, 9> kWalkEndNames{{
    {HttpWalkEnd::Response, "response"},
    {HttpWalkEnd::Failed, "failed"},
    {HttpWalkEnd::Unresolved, "unresolved"},
    {HttpWalkEnd::RedirectLoop, "redirect-loop"},
    {HttpWalkEnd::RedirectOtherDomain, "redirect-other-domain"},
    {HttpWalkEnd::RedirectOtherPort, "redirect-other-port"},
    {HttpWalkEnd::RedirectBadScheme, "redirect-bad-scheme"},
    {HttpWalkEnd::TooManyRedirects, "too-many-redirects"},
    {HttpWalkEnd::NotSent, "not-sent"},
}};

json exchange_to_json(const HttpExchange& x) {
    json headers = json::array();
    for (const auto& [name, value] : x.headers) headers.push_back(json::array({name, value}));
    json j = {{"url", x.url},         {"address", x.address}, {"status", x.status},
              {"headers", headers},   {"body", x.body},       {"body_truncated", x.body_truncated},
              {"failure", x.failure}, {"error", x.error},     {"tls_version", x.tls_version},
              {"elapsed_ms", x.elapsed_ms}};
    return j;
}

HttpExchange exchange_from_json(const json& j, const std::string& path) {
    HttpExchange x;
    x.url = get_string(j, "url", path);
    x.address = get_optional_string(j, "address", path).value_or("");
    x.status = get_number_or<long>(j, "status", path, 0, 999, 0);
    if (j.contains("headers")) {
        const json& headers = get_array(j, "headers", path);
        for (std::size_t i = 0; i < headers.size(); ++i) {
            const json& h = headers[i];
            if (!h.is_array() || h.size() != 2 || !h[0].is_string() || !h[1].is_string()) {
                bad_element(path, "headers", i, "expected [name, value]");
            }
            x.headers.emplace_back(h[0].get<std::string>(), h[1].get<std::string>());
        }
    }
    x.body = get_optional_string(j, "body", path).value_or("");
    if (j.contains("body_truncated")) {
        if (!j.at("body_truncated").is_boolean()) bad_member(path, "body_truncated", "expected true or false");
        x.body_truncated = j.at("body_truncated").get<bool>();
    }
    x.failure = get_optional_string(j, "failure", path).value_or("");
    x.error = get_optional_string(j, "error", path).value_or("");
    x.tls_version = get_optional_string(j, "tls_version", path).value_or("");
    x.elapsed_ms = get_number_or<double>(j, "elapsed_ms", path, 0, 1e9, 0);
    return x;
}

json learned_name_to_json(const std::optional<LearnedName>& n) {
    if (!n) return nullptr;
    return {{"name", n->name}, {"source", n->source}};
}

std::optional<LearnedName> learned_name_from_json(const json& j, const std::string& key, const std::string& path) {
    if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
    const json& n = member(j, key, path);
    const std::string p = path + "." + key;
    return LearnedName{get_domain(n, "name", p), get_optional_string(n, "source", p).value_or("")};
}

}  // namespace

const char* to_string(HttpWalkEnd end) { return enum_name(kWalkEndNames, end); }

std::optional<HttpWalkEnd> http_walk_end_from_string(std::string_view text) { return enum_from_name(kWalkEndNames, text); }

json to_json(const HttpWalk& w) {
    json hops = json::array();
    for (const auto& x : w.hops) hops.push_back(exchange_to_json(x));
    json j = {{"purpose", w.purpose.text()}, {"sip_domain", w.sip_domain}, {"via", w.via.text()},
              {"view", to_string(w.view)}, {"start_url", w.start_url},  {"hops", hops},
              {"end", to_string(w.end)},   {"detail", w.detail}};
    return j;
}

HttpWalk http_walk_from_json(const json& j, const std::string& path) {
    HttpWalk w;
    w.purpose = get_purpose(j, "purpose", path);
    w.sip_domain = get_optional_string(j, "sip_domain", path).value_or("");
    if (!w.sip_domain.empty()) w.sip_domain = get_domain(j, "sip_domain", path);
    w.via = RecordedPurpose::from_text(get_optional_string(j, "via", path).value_or(""));
    w.view = get_view(j, "view", path);
    w.start_url = get_string(j, "start_url", path);
    if (j.contains("hops")) {
        const json& hops = get_array(j, "hops", path);
        for (std::size_t i = 0; i < hops.size(); ++i) {
            w.hops.push_back(exchange_from_json(hops[i], path + ".hops[" + std::to_string(i) + "]"));
        }
    }
    w.end = get_enum(j, "end", path, &http_walk_end_from_string, "walk end");
    w.detail = get_optional_string(j, "detail", path).value_or("");
    return w;
}

json to_json(const LearnedWebNames& learned) {
    return {{"internal_web", learned_name_to_json(learned.internal_web)},
            {"external_web", learned_name_to_json(learned.external_web)}};
}

LearnedWebNames learned_web_names_from_json(const json& j, const std::string& path) {
    if (!j.is_object()) bad(path, "expected an object");
    return {learned_name_from_json(j, "internal_web", path), learned_name_from_json(j, "external_web", path)};
}

}  // namespace mobcheck
