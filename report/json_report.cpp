// The JSON report: the stable contract of SPEC §2. Fields may be added, never renamed;
// docs/json-report.md documents each one and what each schema_version added.
#include <ostream>

#include "model/json_text.hpp"
#include "model/utc_time.hpp"
#include "writers.hpp"

namespace mobcheck {

namespace {

using nlohmann::json;

json waiver_json(const Waiver& w) {
    return {{"check", w.check},
            {"subject", w.subject},
            {"reason", w.reason},
            {"expires", w.expires.empty() ? json(nullptr) : json(w.expires)},
            {"origin", w.origin}};
}

// What the policy did to one result: the waiver that names it, the check's own status, and in a
// merged report each vantage's verdict.
void add_policy_fields(json& item, const Result& r) {
    item["waived"] = r.waived();
    if (r.waiver) {
        item["waiver"] = {{"reason", r.waiver->reason},
                          {"expires", r.waiver->expires.empty() ? json(nullptr) : json(r.waiver->expires)},
                          {"expired", r.waiver->expired},
                          {"origin", r.waiver->origin}};
    }
    if (r.status_before) item["status_before_override"] = to_string(*r.status_before);
    if (!r.vantages.empty()) {
        json list = json::array();
        for (const auto& v : r.vantages) {
            list.push_back({{"vantage", v.vantage}, {"status", to_string(v.status)}, {"message", v.message}});
        }
        item["vantages"] = list;
    }
}

json merged_runs_json(const ReportHeader& header) {
    json runs = json::array();
    for (const auto& run : header.merged_from) {
        runs.push_back({{"file", run.file},
                        {"vantage", to_string(run.vantage)},
                        {"started_at", run.started_at},
                        {"duration_ms", run.duration_ms},
                        {"sip_domains", run.sip_domains},
                        {"deadline_reached", run.deadline_reached}});
    }
    return runs;
}

json result_json(const Result& r, const Registry& registry) {
    const CheckDef* def = registry.find(r.check);
    json item = {
        {"check", r.check},
        {"subject", r.subject},
        {"status", to_string(r.status)},
        {"message", r.message},
        {"remediation", r.remediation},
        {"evidence", r.evidence.json()},
        {"sip_domain", r.sip_domain.empty() ? json(nullptr) : json(r.sip_domain)},
        {"reason", r.reason.empty() ? json(nullptr) : json(r.reason)},
        {"blocked_by", r.blocked_by ? json{{"check", r.blocked_by->check}, {"subject", r.blocked_by->subject}}
                                    : json(nullptr)},
    };
    if (def != nullptr) {
        item["title"] = def->title;
        item["category"] = def->category();
        item["severity"] = to_string(def->severity);
    }
    add_policy_fields(item, r);
    return item;
}

// One certificate of the `certificates` table: what the tls.* results' `leaf` refers to by its sha256.
json certificate_json(const Certificate& c) {
    json j = {{"subject", c.subject}, {"issuer", c.issuer}, {"san", c.dns_names}};
    if (!c.ip_addresses.empty()) j["san_ip"] = c.ip_addresses;
    j["not_before"] = c.not_before ? json(format_utc(*c.not_before)) : json(nullptr);
    j["not_after"] = c.not_after ? json(format_utc(*c.not_after)) : json(nullptr);
    return j;
}

// Everything of the report but its results and its certificates.
json report_without_results(const ReportInput& input) {
    const Summary summary = summarize(input.results);
    json counts = json::object();
    for (Status s : kStatusesInSummaryOrder) counts[to_string(s)] = summary.count(s);
    counts["waived"] = summary.waived;
    json cause_list = json::array();
    for (const Cause& c : find_causes(input.results)) {
        const Result& r = *c.result;
        cause_list.push_back({{"check", r.check},
                              {"subject", r.subject},
                              {"status", to_string(r.status)},
                              {"reason", r.reason.empty() ? json(nullptr) : json(r.reason)},
                              {"blocks", c.blocks}});
    }
    counts["causes"] = std::move(cause_list);
    json waiver_list = json::array();
    for (const auto& w : input.waivers) {
        json item = waiver_json(w.waiver);
        item["state"] = to_string(w.state);
        item["matched"] = w.matched;
        waiver_list.push_back(std::move(item));
    }
    const ReportHeader& header = input.header;
    json report = {
        {"schema_version", kReportSchemaVersion},
        {"tool", {{"name", "mobcheck"}, {"version", MOBCHECK_VERSION}}},
        {"summary", counts},
        {"run",
         {{"sip_domains", header.sip_domains},
          {"vantage", header.vantage_label()},
          {"internal_web", header.internal_web ? json(*header.internal_web) : json(nullptr)},
          {"external_web", header.external_web ? json(*header.external_web) : json(nullptr)},
          {"started_at", header.started_at},
          {"duration_ms", header.duration_ms},
          {"deadline_reached", header.deadline_reached},
          {"evidence_tool_version", header.tool_version},
          {"replayed_from", header.replayed_from ? json(*header.replayed_from) : json(nullptr)},
          {"resolvers", {{"internal", header.internal_resolvers}, {"external", header.external_resolvers}}}}},
        {"waivers", waiver_list},
        {"gate", {{"fail_on", to_string(input.gate)}, {"exit_code", input.exit_code()}}},
    };
    if (!header.merged_from.empty()) report["run"]["merged_from"] = merged_runs_json(header);
    if (header.certificate) {
        report["certificate"] = {{"file", header.certificate->file},
                                 {"role", header.certificate->role},
                                 {"pem_blocks", header.certificate->pem_blocks}};
    }
    return report;
}

// v as json_text() writes it at nesting depth `depth` of a whole document: its lines after the first
// get that depth's indentation (JSON text holds no raw line break inside a string).
void write_nested(std::ostream& out, const json& v, int depth) {
    const std::string text = json_text(v);
    const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
    std::size_t from = 0;
    for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
        out.write(text.data() + from, static_cast<std::streamsize>(nl + 1 - from));
        out << indent;
        from = nl + 1;
    }
    out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

}  // namespace

nlohmann::json json_report(const ReportInput& input) {
    json report = report_without_results(input);
    json list = json::array();
    for (const auto& r : input.results) list.push_back(result_json(r, input.registry));
    report["results"] = std::move(list);
    json table = json::object();
    for (const auto& [sha256, c] : input.header.certificate_table) table[sha256] = certificate_json(*c);
    report["certificates"] = std::move(table);
    return report;
}

// The top-level members in the order a reader wants them: what the file is, the verdict, then the run, and
// the long lists last: the results, then the certificates they refer to (docs/json-report.md). A member
// this list lacks comes before "results".
constexpr std::array<std::string_view, 7> kMemberOrder = {"schema_version", "tool", "summary", "gate",
                                                           "run", "waivers", "certificate"};

void write_json_report(const ReportInput& input, std::ostream& out) {
    const json top = report_without_results(input);
    const auto& results = input.results;
    // Each member as json_text() writes it inside the whole document; the results one at a time, so
    // that the report never exists in memory as one DOM or one string.
    bool first = true;
    auto key = [&](std::string_view name) {
        out << (first ? "{\n  " : ",\n  ") << json_text(json(name)) << ": ";
        first = false;
    };
    for (std::string_view name : kMemberOrder) {
        const auto it = top.find(name);
        if (it == top.end()) continue;
        key(name);
        write_nested(out, *it, 1);
    }
    for (const auto& [name, value] : top.items()) {
        if (std::find(kMemberOrder.begin(), kMemberOrder.end(), name) != kMemberOrder.end()) continue;
        key(name);
        write_nested(out, value, 1);
    }
    key("results");
    if (results.empty()) {
        out << "[]";
    } else {
        for (std::size_t i = 0; i < results.size(); ++i) {
            out << (i == 0 ? "[\n    " : ",\n    ");
            write_nested(out, result_json(results[i], input.registry), 2);
        }
        out << "\n  ]";
    }
    // The certificate table, one entry at a time like the results.
    key("certificates");
    const auto& table = input.header.certificate_table;
    if (table.empty()) {
        out << "{}";
    } else {
        bool first_certificate = true;
        for (const auto& [sha256, c] : table) {
            out << (first_certificate ? "{\n    " : ",\n    ") << json_text(json(sha256)) << ": ";
            first_certificate = false;
            write_nested(out, certificate_json(*c), 2);
        }
        out << "\n  }";
    }
    out << "\n}\n";
}

std::string describe_waiver(const Waiver& w) {
    return w.check + " " + w.subject + (w.expires.empty() ? "" : " (until " + w.expires + ")") + ": " + w.reason;
}

}  // namespace mobcheck
