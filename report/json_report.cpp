// The JSON report: the stable contract of SPEC §2 (schema_version 1). Fields may be added, never
// renamed; docs/json-report.md documents each one.
#include "mobcheck/report.hpp"

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

json merged_runs_json(const Evidence& evidence) {
    json runs = json::array();
    for (const auto& run : evidence.merged_from) {
        runs.push_back({{"file", run.file},
                        {"vantage", to_string(run.vantage)},
                        {"started_at", run.started_at},
                        {"duration_ms", run.duration_ms},
                        {"sip_domains", run.sip_domains},
                        {"deadline_reached", run.deadline_reached}});
    }
    return runs;
}

}  // namespace

nlohmann::json json_report(const Evidence& evidence, const std::vector<Result>& results, const Registry& registry,
                           const std::vector<WaiverOutcome>& waivers) {
    const Summary summary = summarize(results);
    json counts = json::object();
    for (Status s : {Status::Pass, Status::Info, Status::Warn, Status::Fail, Status::Skip, Status::Error}) {
        counts[to_string(s)] = summary.count(s);
    }
    counts["waived"] = summary.waived;
    json list = json::array();
    for (const auto& r : results) {
        const CheckDef* def = registry.find(r.check);
        json item = {
            {"check", r.check},
            {"subject", r.subject},
            {"status", to_string(r.status)},
            {"message", r.message},
            {"remediation", r.remediation},
            {"evidence", r.evidence},
            {"sip_domain", r.sip_domain.empty() ? json(nullptr) : json(r.sip_domain)},
        };
        if (def != nullptr) {
            item["title"] = def->title;
            item["category"] = def->category();
            item["severity"] = to_string(def->severity);
        }
        add_policy_fields(item, r);
        list.push_back(std::move(item));
    }
    json waiver_list = json::array();
    for (const auto& w : waivers) {
        json item = waiver_json(w.waiver);
        item["state"] = to_string(w.state);
        item["matched"] = w.matched;
        waiver_list.push_back(std::move(item));
    }
    const Plan& plan = evidence.plan;
    json report = {
        {"schema_version", 1},
        {"tool", {{"name", "mobcheck"}, {"version", MOBCHECK_VERSION}}},
        {"summary", counts},
        {"results", list},
        {"run",
         {{"sip_domains", plan.sip_domains},
          {"vantage", to_string(plan.vantage)},
          {"internal_web", plan.internal_web ? json(*plan.internal_web) : json(nullptr)},
          {"external_web", plan.external_web ? json(*plan.external_web) : json(nullptr)},
          {"started_at", evidence.run.started_at},
          {"duration_ms", evidence.run.duration_ms},
          {"deadline_reached", evidence.run.deadline_reached},
          {"evidence_tool_version", evidence.run.tool_version},
          {"resolvers",
           {{"internal", evidence.run.internal_resolvers}, {"external", evidence.run.external_resolvers}}}}},
        {"waivers", waiver_list},
    };
    if (!evidence.merged_from.empty()) {
        report["run"]["vantage"] = evidence.vantage_label();
        report["run"]["merged_from"] = merged_runs_json(evidence);
    }
    return report;
}

std::string describe_waiver(const Waiver& w) {
    return w.check + " " + w.subject + (w.expires.empty() ? "" : " (until " + w.expires + ")") + ": " + w.reason;
}

}  // namespace mobcheck
