#include "config_file.hpp"
#include "model/file_path.hpp"
#include "parse_errors.hpp"
#include "suggest.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "limits.hpp"
#include "model/names.hpp"
#include "model/strings.hpp"

namespace mobcheck::cli {

namespace {

using nlohmann::json;

// Big enough for thousands of SIP domains and waivers, small enough that a wrong file is refused at once.
constexpr std::uintmax_t kMaxConfigBytes = 16 * 1024 * 1024;

// A JSON Pointer token (RFC 6901): "~" and "/" inside a key are escaped.
std::string pointer_token(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

// Printable, one line: a key or a value quoted in a message.
std::string shown(std::string_view text) {
    std::string out = "'";
    for (char c : text.substr(0, 80)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    return out + (text.size() > 80 ? "...'" : "'");
}

std::string unknown_key(const std::string& key, const std::vector<std::string>& known) {
    if (const auto best = nearest(key, known)) return "unknown key (did you mean '" + *best + "'?)";
    return "unknown key; the keys are " + join(known);
}

// Reads values at JSON Pointer paths, refusing with "FILE: /path: reason".
class Reader {
public:
    Reader(const std::string& file, const Registry& registry) : file_(file), registry_(registry) {}

    [[noreturn]] void bad(const std::string& at, const std::string& why) const {
        throw ConfigFileError(file_ + ": " + at + ": " + why);
    }

    const Registry& registry() const { return registry_; }
    const std::string& file() const { return file_; }

    std::string string(const json& v, const std::string& at) const {
        if (!v.is_string()) bad(at, "expected a string");
        return v.get<std::string>();
    }

    std::string non_empty(const json& v, const std::string& at) const {
        std::string s = string(v, at);
        if (s.find_first_not_of(" \t") == std::string::npos) bad(at, "must not be empty");
        return s;
    }

    // Each element through parse (one of names.hpp's parsers); duplicates dropped, order kept.
    template <typename T, typename Parse>
    std::vector<T> list(const json& v, const std::string& at, Parse parse, bool unique = true) const {
        if (!v.is_array()) bad(at, "expected an array");
        if (v.empty()) bad(at, "empty: leave the key out instead");
        std::vector<T> out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string item_at = at + "/" + std::to_string(i);
            auto parsed = parse(string(v[i], item_at));
            if (!parsed) bad(item_at, parsed.error);
            if (!unique || std::find(out.begin(), out.end(), *parsed) == out.end()) out.push_back(*parsed);
        }
        return out;
    }

    template <typename Parse>
    auto one(const json& v, const std::string& at, Parse parse) const {
        auto parsed = parse(string(v, at));
        if (!parsed) bad(at, parsed.error);
        return *parsed;
    }

    double number(const json& v, const std::string& at, Range range, const char* unit) const {
        if (!v.is_number()) bad(at, std::string("expected a number of ") + unit);
        const double d = v.get<double>();
        if (!std::isfinite(d) || d < range.min || d > range.max) bad(at, between(range, unit));
        return d;
    }

    long integer(const json& v, const std::string& at, Range range, const char* unit) const {
        if (!v.is_number_integer()) bad(at, std::string("expected a whole number of ") + unit);
        // Compared as double first: an unsigned value beyond long's range must not wrap around.
        const double d = v.get<double>();
        if (d < range.min || d > range.max) bad(at, between(range, unit));
        return v.get<long>();
    }

    std::string choice(const json& v, const std::string& at, std::initializer_list<const char*> allowed) const {
        const std::string s = string(v, at);
        std::string list;
        for (const char* a : allowed) {
            if (s == a) return s;
            list += std::string(list.empty() ? "" : " or ") + "'" + a + "'";
        }
        bad(at, "expected " + list + ", got " + shown(s));
    }

    void selector(const std::string& s, const std::string& at) const {
        if (!registry_.selector_known(s)) bad(at, "no check or category is called " + shown(s) + " (see mobcheck --list-checks)");
    }

private:
    static std::string between(Range r, const char* unit) {
        std::ostringstream out;
        out << "must be between " << r.min << " and " << r.max << " " << unit;
        return out.str();
    }

    const std::string& file_;
    const Registry& registry_;
};

std::chrono::milliseconds to_ms(double seconds) {
    return std::chrono::milliseconds(static_cast<long>(std::llround(seconds * 1000)));
}

std::vector<std::string> selectors(const Reader& in, const json& v, const std::string& at) {
    auto as_is = [](const std::string& s) { return Parsed<std::string>::ok(s); };
    std::vector<std::string> out = in.list<std::string>(v, at, as_is);
    for (std::size_t i = 0; i < out.size(); ++i) in.selector(out[i], at + "/" + std::to_string(i));
    return out;
}

std::vector<SeverityOverride> severity_overrides(const Reader& in, const json& v, const std::string& at) {
    if (!v.is_object()) {
        in.bad(at, "expected an object of check IDs (or categories) and statuses, e.g. {\"dns.federation-srv\": \"info\"}");
    }
    std::vector<SeverityOverride> out;
    for (const auto& [selector, value] : v.items()) {
        const std::string item_at = at + "/" + pointer_token(selector);
        in.selector(selector, item_at);
        const std::string status = in.choice(value, item_at, {"fail", "warn", "info"});
        out.push_back(SeverityOverride{selector, *status_from_string(status), in.file() + ": " + item_at});
    }
    return out;
}

Waiver waiver(const Reader& in, const json& v, const std::string& at) {
    if (!v.is_object()) in.bad(at, "expected an object with check, subject, reason and (optionally) expires");
    static const std::vector<std::string> kKeys = {"check", "subject", "tag", "reason", "expires"};
    for (const auto& [key, value] : v.items()) {
        if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
            in.bad(at + "/" + pointer_token(key), unknown_key(key, kKeys));
        }
    }
    for (const char* required : {"check", "subject", "reason"}) {
        if (!v.contains(required)) in.bad(at + "/" + required, "missing: a waiver names its check, its subject and why");
    }
    Waiver w;
    w.check = in.string(v.at("check"), at + "/check");
    if (in.registry().find(w.check) == nullptr) {
        in.bad(at + "/check", in.registry().selector_known(w.check)
                                  ? shown(w.check) + " is a category: a waiver names one check"
                                  : "no check is called " + shown(w.check) + " (see mobcheck --list-checks)");
    }
    w.subject = in.non_empty(v.at("subject"), at + "/subject");
    if (v.contains("tag")) {
        // A result's reason tag: the waiver holds only while the problem has that cause.
        w.tag = in.non_empty(v.at("tag"), at + "/tag");
        const CheckDef& def = *in.registry().find(w.check);
        std::vector<std::string> tags;
        for (const auto& t : def.reasons) tags.push_back(t.tag);
        for (const auto& t : common_reasons()) tags.push_back(t.tag);
        if (std::find(tags.begin(), tags.end(), w.tag) == tags.end()) {
            std::string list;
            for (const auto& t : tags) list += (list.empty() ? "" : ", ") + t;
            in.bad(at + "/tag", shown(w.tag) + " is not a reason " + w.check + " gives (" + list + ")");
        }
    }
    w.reason = in.non_empty(v.at("reason"), at + "/reason");
    if (v.contains("expires")) {
        w.expires = in.string(v.at("expires"), at + "/expires");
        w.expires_at = waiver_expiry(w.expires);
        if (!w.expires_at) in.bad(at + "/expires", "expected a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ, got " + shown(w.expires));
    }
    w.origin = in.file() + ": " + at;
    return w;
}

using Handler = std::function<void(const Reader&, const json&, const std::string&, ConfigFile&)>;

struct Key {
    std::string name;
    Handler read;
};

const std::vector<Key>& keys() {
    auto domain = [](std::string_view s) { return normalize_domain(s); };
    auto host = [](std::string_view s) { return parse_host(s); };
    auto resolver = [](std::string_view s) { return parse_resolver(s); };
    static const std::vector<Key> kKeys = {
        {"sip_domains", [=](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.sip_domains = in.list<std::string>(v, at, domain);
         }},
        {"internal_dns", [=](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.internal_dns = in.list<ResolverAddress>(v, at, resolver);
         }},
        {"external_dns", [=](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.external_dns = in.list<ResolverAddress>(v, at, resolver);
         }},
        {"internal_web", [=](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.internal_web = in.one(v, at, domain);
         }},
        {"external_web", [=](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.external_web = in.one(v, at, domain);
         }},
        {"director", [=](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.director = in.one(v, at, domain);
         }},
        {"sbas", [=](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.sbas = in.list<std::string>(v, at, host);
         }},
        {"apns", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.apns = in.one(v, at, [](std::string_view s) { return parse_endpoint(s, 5223); });
         }},
        {"user", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.user = in.one(v, at, [](std::string_view s) { return parse_upn(s); });
         }},
        {"vantage", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.vantage = in.choice(v, at, {"internal", "external"}) == "external" ? Vantage::External : Vantage::Internal;
         }},
        {"ca_file", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             std::filesystem::path file = file_path(in.non_empty(v, at));
             if (file.is_relative()) file = file_path(in.file()).parent_path() / file;
             if (!std::ifstream(file)) in.bad(at, "cannot read " + utf8_of(file));
             c.ca_file = utf8_of(file);
         }},
        {"timeout", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.timeout = to_ms(in.number(v, at, kTimeoutSeconds, "seconds"));
         }},
        {"attempts", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.attempts = static_cast<int>(in.integer(v, at, kAttempts, "attempts"));
         }},
        {"deadline", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.deadline = to_ms(in.number(v, at, kDeadlineSeconds, "seconds"));
         }},
        {"max_connections", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.max_connections = static_cast<std::size_t>(in.integer(v, at, kMaxConnections, "connections"));
         }},
        {"max_per_host", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.max_per_host = static_cast<std::size_t>(in.integer(v, at, kMaxPerHost, "connections"));
         }},
        {"max_dns_queries", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.max_dns_queries = static_cast<std::size_t>(in.integer(v, at, kMaxDnsQueries, "questions"));
         }},
        {"expiry_warn_days", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.expiry_warn_days = static_cast<int>(in.integer(v, at, kExpiryWarnDays, "days"));
         }},
        {"managed_devices", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             if (!v.is_boolean()) in.bad(at, "expected true or false");
             c.managed_devices = v.get<bool>();
         }},
        {"fail_on", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.fail_on = in.choice(v, at, {"fail", "warn"}) == "warn" ? Gate::Warn : Gate::Fail;
         }},
        {"only", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.only = selectors(in, v, at);
         }},
        {"skip", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.skip = selectors(in, v, at);
         }},
        {"severity", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             c.policy.severity = severity_overrides(in, v, at);
         }},
        {"waivers", [](const Reader& in, const json& v, const std::string& at, ConfigFile& c) {
             if (!v.is_array()) in.bad(at, "expected an array of waivers");
             for (std::size_t i = 0; i < v.size(); ++i) c.policy.waivers.push_back(waiver(in, v[i], at + "/" + std::to_string(i)));
         }},
    };
    return kKeys;
}

}  // namespace

const std::vector<std::string>& config_file_keys() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& k : keys()) out.push_back(k.name);
        return out;
    }();
    return names;
}

ConfigFile parse_config_file(std::string_view text, const std::string& path, const Registry& registry) {
    json doc;
    try {
        // Comments (// and /* */) are allowed: a topology file is written and annotated by people.
        doc = json::parse(text.begin(), text.end(), nullptr, true, true);
    } catch (const json::exception& e) {
        throw ConfigFileError(path + ": not valid JSON: " + json_problem(e));
    }
    const Reader in(path, registry);
    if (!doc.is_object()) in.bad("/", "expected a JSON object of settings (see docs/config.md)");
    ConfigFile config;
    config.path = path;
    for (const auto& item : doc.items()) {
        const std::string key = item.key();
        const json& value = item.value();
        const std::string at = "/" + pointer_token(key);
        if (key == "password") {
            in.bad(at, "a password never goes in the topology file: mobcheck reads it from MOBCHECK_PASSWORD or asks on "
                       "the terminal");
        }
        const auto& known = keys();
        auto it = std::find_if(known.begin(), known.end(), [&](const Key& k) { return k.name == key; });
        if (it == known.end()) in.bad(at, unknown_key(key, config_file_keys()));
        it->read(in, value, at, config);
    }
    return config;
}

ConfigFile load_config_file(const std::string& path, const Registry& registry) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw ConfigFileError("--config: " + path + " is a directory");
    std::ifstream in(file_path(path), std::ios::binary);
    if (!in) throw ConfigFileError("--config: cannot read " + path + ": " + std::strerror(errno));
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxConfigBytes) throw ConfigFileError("--config: " + path + " is larger than 16 MiB");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_config_file(text.str(), path, registry);
}

}  // namespace mobcheck::cli
