// The JSON report: the stable contract of SPEC §2 (schema_version 1). Fields may be added, never
// renamed; docs/json-report.md documents each one.
#include "mobcheck/report.hpp"

namespace mobcheck {

nlohmann::json json_report(const Evidence& evidence, const std::vector<Result>& results, const Registry& registry) {
    using nlohmann::json;
    const Summary summary = summarize(results);
    json counts = json::object();
    for (Status s : {Status::Pass, Status::Info, Status::Warn, Status::Fail, Status::Skip, Status::Error}) {
        counts[to_string(s)] = summary.count(s);
    }
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
        list.push_back(std::move(item));
    }
    const Plan& plan = evidence.plan;
    return {
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
    };
}

}  // namespace mobcheck
