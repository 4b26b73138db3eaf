#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "fixtures.hpp"
#include "model/evidence_json.hpp"

using namespace mobcheck;
using nlohmann::json;

TEST_CASE("evidence_json: a recorded run survives a round trip unchanged") {
    const Evidence original = fixtures::load("good");
    REQUIRE_FALSE(original.dns.empty());
    const Evidence again = evidence_from_json(evidence_to_json(original));
    CHECK(again.dns == original.dns);
    CHECK(again.plan.sip_domains == original.plan.sip_domains);
    CHECK(again.plan.internal_dns == original.plan.internal_dns);
    CHECK(again.plan.internal_web == original.plan.internal_web);
    CHECK(again.run.internal_resolvers == original.run.internal_resolvers);
    CHECK(evidence_to_json(again) == evidence_to_json(original));
}

TEST_CASE("evidence_json: bad files are rejected with the JSON path of the problem") {
    json good = evidence_to_json(fixtures::load("good"));
    auto error_of = [](const json& j) -> std::string {
        try {
            evidence_from_json(j);
        } catch (const EvidenceFormatError& e) {
            return e.what();
        }
        return "";
    };
    CHECK(error_of(json::array()).find("expected a JSON object") != std::string::npos);

    json j = good;
    j["schema_version"] = 7;
    CHECK(error_of(j).find("$.schema_version") != std::string::npos);

    j = good;
    j["kind"] = "something-else";
    CHECK(error_of(j).find("$.kind") != std::string::npos);
    j["kind"] = 5;
    CHECK(error_of(j).find("$.kind") != std::string::npos);

    j = good;
    j["plan"]["sip_domains"][1] = "bad domain!";
    CHECK(error_of(j).find("$.plan.sip_domains[1]") != std::string::npos);

    j = good;
    j["dns"][0]["outcome"] = "maybe";
    CHECK(error_of(j).find("$.dns[0].outcome") != std::string::npos);

    j = good;
    j["dns"][2]["view"] = 3;
    CHECK(error_of(j).find("$.dns[2].view") != std::string::npos);

    j = good;
    j["dns"][0]["chain"] = json::array({json{{"name", "a.contoso.com"}}});
    CHECK(error_of(j).find("$.dns[0].chain[0].target") != std::string::npos);

    j = good;
    j["plan"]["internal_dns"] = json::array({"not-an-address"});
    CHECK(error_of(j).find("$.plan.internal_dns[0]") != std::string::npos);

    j = good;
    j.erase("plan");
    CHECK(error_of(j).find("$.plan") != std::string::npos);

    // A JSON report given where a saved run belongs: named as what it is, whatever its schema_version.
    for (int version : {1, 2, 3}) {
        const json report = {{"schema_version", version}, {"tool", {{"name", "mobcheck"}}}, {"summary", json::object()},
                             {"results", json::array()}};
        CHECK(error_of(report).find("evidence: $: this is a mobcheck report (--format json), not a saved run") == 0);
    }
}

TEST_CASE("evidence_json: unknown fields are tolerated (a newer mobcheck may add some)") {
    json j = evidence_to_json(fixtures::load("good"));
    j["something_new"] = {{"x", 1}};
    j["dns"][0]["new_field"] = true;
    CHECK_NOTHROW(evidence_from_json(j));
}

TEST_CASE("evidence_json: a purpose mobcheck does not know is kept as it was written") {
    json j = evidence_to_json(fixtures::load("good"));
    REQUIRE_FALSE(j["http"].empty());
    REQUIRE_FALSE(j["tls"].empty());
    j["http"][0]["purpose"] = "something-new";
    j["http"][0]["via"] = "another-root";
    j["tls"][0]["purpose"] = "webext-v2";
    const Evidence e = evidence_from_json(j);
    CHECK(e.http[0].purpose == ProbePurpose::Other);
    CHECK(e.http[0].purpose.text() == "something-new");
    CHECK(e.http[0].via.text() == "another-root");
    CHECK(e.tls[0].purpose == ProbePurpose::Other);
    CHECK(evidence_to_json(e) == j);
    // Known ones are spelled as they always were, and an empty purpose is still refused.
    CHECK(std::string(to_string(ProbePurpose::LyncdiscoverPort80)) == "lyncdiscover-port80");
    CHECK(probe_purpose_from_string("external-web") == ProbePurpose::ExternalWeb);
    j["http"][0]["purpose"] = "";
    CHECK_THROWS_AS(evidence_from_json(j), EvidenceFormatError);
}

TEST_CASE("evidence: A and AAAA together make one name resolution") {
    const Evidence e = fixtures::load("good");
    const NameResolution r = resolve_name(e, DnsView::Internal, "lyncdiscoverinternal.contoso.com");
    CHECK(r.looked_up);
    CHECK(r.resolves());
    CHECK(r.addresses == std::vector<std::string>{"127.10.0.10"});
    REQUIRE(r.chain.size() == 1);
    CHECK(r.chain[0].target == "pool01.contoso.net");
    CHECK(r.describe() == "CNAME lyncdiscoverinternal.contoso.com → pool01.contoso.net → 127.10.0.10");

    const NameResolution absent = resolve_name(e, DnsView::External, "lyncdiscoverinternal.contoso.com");
    CHECK_FALSE(absent.resolves());
    CHECK(absent.outcome == DnsOutcome::NxDomain);
    CHECK_FALSE(resolve_name(e, DnsView::External, "never.asked.example").looked_up);
}

TEST_CASE("evidence: outcome classes do not overlap") {
    for (int i = 0; i <= static_cast<int>(DnsOutcome::Error); ++i) {
        const auto o = static_cast<DnsOutcome>(i);
        CAPTURE(to_string(o));
        CHECK(dns_outcome_from_string(to_string(o)) == o);
        CHECK_FALSE((is_negative(o) && is_undecided(o)));
    }
}

namespace {

// A value of a recorded run and where it is: its path "$.dns[7].srv[0].port", its shape
// "$.dns[].srv[].port" (the same field in every element of a list), its JSON pointer, and the largest
// list index on its path.
struct Field {
    std::string path;
    std::string shape;
    json::json_pointer ptr;
    std::size_t largest_index = 0;
};

// Calls visit(value, field) for every value of j, parents before children.
template <typename Visit>
void for_each_field(const json& j, const Field& at, const Visit& visit) {
    visit(j, at);
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
            for_each_field(value, {at.path + "." + key, at.shape + "." + key, at.ptr / key, at.largest_index}, visit);
        }
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) {
            for_each_field(j[i], {at.path + "[" + std::to_string(i) + "]", at.shape + "[]", at.ptr / i,
                                  std::max(at.largest_index, i)},
                           visit);
        }
    }
}

const Field kRoot{"$", "$", json::json_pointer(), 0};

// Every path of j, parents before children: "$.dns[0].outcome". Of an array only the first two elements,
// which are read by the same code as the rest.
std::vector<Field> paths_of(const json& j) {
    std::vector<Field> out;
    for_each_field(j, kRoot, [&](const json&, const Field& f) {
        if (f.largest_index < 2) out.push_back(f);
    });
    return out;
}

// A value of another JSON type than v.
json wrong_type(const json& v) {
    if (v.is_string()) return 12345;
    if (v.is_number()) return "not a number";
    if (v.is_boolean()) return "not a boolean";
    if (v.is_null()) return json::array({1, 2});
    return "not a container";
}

}  // namespace

TEST_CASE("evidence_json: a value of the wrong type anywhere is refused with its own path and never half-loaded") {
    // Recorded runs that hold every kind of probe between them: DNS, ports, TLS chains, walks, a sign-in.
    std::size_t mutations = 0, refused = 0, named = 0;
    // tls-no-forward-secrecy holds the follow-up handshakes' forward_secrecy and tls12_suites.
    for (const char* fixture : {"good", "user-password-refused", "sba-port-filtered", "tls-intermediate-missing",
                                "tls-no-forward-secrecy"}) {
        const json original = evidence_to_json(fixtures::load(fixture));
        const std::vector<Field> paths = paths_of(original);
        REQUIRE(paths.size() > 100);
        for (const Field& field : paths) {
            const std::string& path = field.path;  // CAPTURE names it in a lambda
            const json::json_pointer& ptr = field.ptr;
            if (path == "$") continue;
            json changed = original;
            changed[ptr] = wrong_type(original[ptr]);
            ++mutations;
            CAPTURE(fixture);
            CAPTURE(path);
            try {
                evidence_from_json(changed);
            } catch (const EvidenceFormatError& e) {
                ++refused;
                const std::string what = e.what();
                // The message names the value itself, or the element or object it belongs to.
                std::string at = path;
                bool found = what.find(at + ":") != std::string::npos;
                while (!found && at.size() > 1) {
                    at = at.substr(0, std::max(at.rfind('.'), at.rfind('[')));
                    found = what.find(at) != std::string::npos;
                }
                CHECK_MESSAGE(found, what);
                if (what.find(path + ":") != std::string::npos) ++named;
            }
            // Anything else (a crash, another exception) fails the test case.
        }
    }
    // Loading is strict: nearly every known field refuses a wrong type (the rest are fields a reader ignores).
    CHECK(mutations > 850);
    CHECK(refused * 100 >= mutations * 90);
    CHECK(named * 100 >= refused * 80);
    MESSAGE(mutations << " mutations, " << refused << " refused, " << named << " naming the exact path");
}

TEST_CASE("evidence_json: a field missing anywhere is refused with its path or loads as a field that may be absent") {
    std::size_t removals = 0, refused = 0;
    for (const char* fixture : {"good", "user-password-refused", "tls-intermediate-missing", "sba-port-filtered"}) {
        const json original = evidence_to_json(fixtures::load(fixture));
        const std::vector<Field> paths = paths_of(original);
        for (const Field& field : paths) {
            const std::string& path = field.path;  // CAPTURE names it in a lambda
            const json::json_pointer& ptr = field.ptr;
            if (path == "$" || path.back() == ']') continue;  // removing an element leaves a valid shorter array
            json changed = original;
            changed[ptr.parent_pointer()].erase(ptr.back());
            ++removals;
            CAPTURE(fixture);
            CAPTURE(path);
            try {
                const Evidence e = evidence_from_json(changed);
                // Loaded: the field was optional, and the rest of the evidence is whole.
                CHECK(e.plan.sip_domains == fixtures::load(fixture).plan.sip_domains);
            } catch (const EvidenceFormatError& e) {
                ++refused;
                CHECK_MESSAGE(std::string(e.what()).find(path) != std::string::npos, e.what());
            }
        }
    }
    // Most fields may be absent (files of older versions lack them); the required ones say so.
    CHECK(removals > 700);
    CHECK(refused > 150);
    MESSAGE(removals << " removals, " << refused << " refused");
}

namespace {

// Another valid-looking value of the same JSON type: a string with a letter more, a number one away, the
// other boolean. null has none.
std::optional<json> another_value(const json& v) {
    if (v.is_string()) {
        const std::string s = v.get<std::string>();
        return json(s.empty() ? "x" : "x" + s);
    }
    if (v.is_number_integer()) return json(v.get<long long>() == 0 ? 1 : v.get<long long>() - 1);
    if (v.is_number()) return json(v.get<double>() + 1.5);
    if (v.is_boolean()) return json(!v.get<bool>());
    return std::nullopt;
}

// Whether two loaded runs are the same: each kind of probe by its own operator==, which the round-trip
// and merge code rely on; the plan and run information through their JSON.
bool same(const Evidence& a, const Evidence& b) {
    if (!(a.dns == b.dns && a.ports == b.ports && a.tls == b.tls && a.http == b.http && a.learned == b.learned)) {
        return false;
    }
    const json ja = evidence_to_json(a), jb = evidence_to_json(b);
    return ja.at("plan") == jb.at("plan") && ja.at("run") == jb.at("run");
}

}  // namespace

TEST_CASE("evidence_json: every recorded value is read back - changing any one changes the loaded run") {
    // A field the loader dropped, or an operator== that ignored a member, would let a changed file load as
    // the same run: a replay would then judge something other than what was recorded.
    std::size_t changes = 0, refused = 0, differ = 0;
    const auto fixtures_used = {"good", "user-password-refused", "sba-port-filtered", "tls-intermediate-missing",
                                "cname-loop", "servfail", "internal-dns-refused", "http-redirect-loop", "tls-no-handshake"};
    // "$.dns[].outcome" → every value it has in these runs.
    std::map<std::string, std::set<json>> values_by_shape;
    for (const char* fixture : fixtures_used) {
        for_each_field(evidence_to_json(fixtures::load(fixture)), kRoot, [&](const json& value, const Field& f) {
            if (value.is_structured() || (value.is_string() && value.get_ref<const std::string&>().size() > 200)) {
                return;  // containers, and PEM texts
            }
            values_by_shape[f.shape].insert(value);
        });
    }
    for (const char* fixture : fixtures_used) {
        const Evidence loaded = fixtures::load(fixture);
        const json original = evidence_to_json(loaded);
        REQUIRE(same(evidence_from_json(original), loaded));
        // Every field once, at the first element that holds it: each kind of value is reached, however
        // deep in a list it first appears.
        std::vector<Field> fields;
        std::set<std::string> seen;
        for_each_field(original, kRoot, [&](const json&, const Field& f) {
            if (seen.insert(f.shape).second) fields.push_back(f);
        });
        for (const Field& field : fields) {
            const std::string& path = field.path;  // CAPTURE names it in a lambda
            const json::json_pointer& ptr = field.ptr;
            // Another value this field takes in some recorded run (an enum's other name, another port), else
            // one made up.
            std::optional<json> value;
            for (const json& seen_value : values_by_shape[field.shape]) {
                if (seen_value != original[ptr]) value = seen_value;
            }
            if (!value) value = another_value(original[ptr]);
            if (!value) continue;
            json changed = original;
            changed[ptr] = *value;
            ++changes;
            CAPTURE(fixture);
            CAPTURE(path);
            try {
                const Evidence again = evidence_from_json(changed);
                ++differ;
                CHECK_FALSE(same(again, loaded));
            } catch (const EvidenceFormatError&) {
                ++refused;  // a value the loader does not accept (an enum's name, a PEM text, a version)
            }
        }
    }
    CHECK(changes > 500);
    CHECK(differ * 100 >= changes * 70);
    MESSAGE(changes << " changes, " << differ << " loaded (each differing), " << refused << " refused");
}

namespace {

std::string testdata_text(const std::string& relative) {
    std::ifstream in(std::string(MOBCHECK_TESTDATA) + "/" + relative, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

// Values of the right type that the loader still refuses, each with its own path and reason.
TEST_CASE("evidence_json: a value of the right type but not a valid one is refused with its path and reason") {
    const json good = evidence_to_json(fixtures::load("good"));
    struct Row {
        const char* pointer;
        json value;
        const char* expected;  // the whole message after "evidence: "
    };
    const std::string bad_request =
        "-----BEGIN CERTIFICATE REQUEST-----\nbm90IGEgcmVxdWVzdA==\n-----END CERTIFICATE REQUEST-----\n";
    const Row rows[] = {
        {"/plan/apns", "courier.push.apple.com:0", "$.plan.apns: "},
        {"/plan/apns", "bad host!:5223", "$.plan.apns: "},
        {"/plan/sbas/1", "sba lima", "$.plan.sbas[1]: "},
        {"/plan/vantage", "dmz", "$.plan.vantage: expected \"internal\" or \"external\""},
        {"/dns/0/type", "MX", "$.dns[0].type: expected \"A\", \"AAAA\" or \"SRV\""},
        {"/dns/0/view", "both", "$.dns[0].view: expected \"internal\" or \"external\""},
        {"/dns/0/outcome", "", "$.dns[0].outcome: unknown outcome \"\""},
        {"/tls/0/chain/0", "not PEM at all", "$.tls[0].chain[0]: not a PEM certificate"},
        {"/tls/0/chain/1", bad_request, "$.tls[0].chain[1]: not a PEM certificate"},
        {"/tls/0/probed_at", "2026-13-01T00:00:00Z", "$.tls[0].probed_at: expected a UTC time"},
        {"/tls/0/tcp_state", "half-open", "$.tls[0].tcp_state: unknown port state \"half-open\""},
        {"/plan/probes", json::array({"dns", "smtp"}), "$.plan.probes[1]: expected \"dns\", \"ports\", \"tls\" or \"http\""},
    };
    for (const Row& row : rows) {
        CAPTURE(row.pointer);
        json j = good;
        j[json::json_pointer(row.pointer)] = row.value;
        std::string error;
        try {
            evidence_from_json(j);
        } catch (const EvidenceFormatError& e) {
            error = e.what();
        }
        CHECK(error.rfind(std::string("evidence: ") + row.expected, 0) == 0);
        CHECK(error.size() > std::string("evidence: ").size() + std::strlen(row.expected) - 1);
    }
}

TEST_CASE("evidence_json: the probes a run made are read back - and a file without them probed everything") {
    Evidence evidence = fixtures::load("good");
    CHECK(evidence.plan.probes.all());  // the fixtures predate the field
    evidence.plan.probes = ProbeFamilies{true, true, false, false};
    const json j = evidence_to_json(evidence);
    CHECK(j.at("plan").at("probes") == json::array({"dns", "ports"}));
    CHECK(evidence_from_json(j).plan.probes == ProbeFamilies{true, true, false, false});
    json none = j;
    none["plan"]["probes"] = json::array();
    CHECK(evidence_from_json(none).plan.probes == ProbeFamilies{false, false, false, false});
    none["plan"].erase("probes");
    CHECK(evidence_from_json(none).plan.probes.all());
}

// mobcheck cert records a certificate request where a served chain would be: the loader reads it as one.
TEST_CASE("evidence_json: a certificate request recorded in a chain loads and round-trips") {
    json j = evidence_to_json(fixtures::load("good"));
    const std::string csr = testdata_text("certs/proxy-complete.csr");
    REQUIRE(csr.find("-----BEGIN CERTIFICATE REQUEST-----") != std::string::npos);
    j["tls"][0]["chain"] = json::array({csr});
    const Evidence loaded = evidence_from_json(j);
    REQUIRE_FALSE(loaded.tls.empty());
    REQUIRE(loaded.tls[0].chain.size() == 1);
    CHECK(loaded.tls[0].chain[0] == csr);
}
