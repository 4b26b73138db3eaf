#include "report/report_diff.hpp"

#include <map>
#include <stdexcept>

#include "checks/result.hpp"
#include "report/report.hpp"

namespace mobcheck {

int attention(const std::string& status) {
    const std::optional<Status> s = status_from_string(status);
    if (!s) throw std::invalid_argument("unknown status \"" + status + "\"");
    // skip ranks with pass: a check that stops (or starts) applying is neither a regression nor a repair.
    return static_cast<int>(*s == Status::Skip ? Status::Pass : *s);
}

namespace {

struct Entry {
    std::string status;
    std::string message;
    bool waived = false;  // a waiver accepts it: it never counts as worse
    std::string reason;   // "" in a version 1 report, or for a pass
};

std::string text_or_empty(const nlohmann::json& r, const char* key) {
    return r.contains(key) && r.at(key).is_string() ? r.at(key).get<std::string>() : "";
}

std::map<std::pair<std::string, std::string>, Entry> index(const nlohmann::json& report, const char* which) {
    const std::string where = std::string(which) + " report";
    const int version = report.is_object() && report.contains("schema_version") && report.at("schema_version").is_number_integer()
                            ? report.at("schema_version").get<int>()
                            : 0;
    if (!report.is_object() || !report.contains("results") || !report.at("results").is_array() || version < 1 ||
        version > kReportSchemaVersion) {
        throw std::invalid_argument(where + " is not a mobcheck JSON report (schema_version 1 to " +
                                    std::to_string(kReportSchemaVersion) + ", written by --format json)");
    }
    std::map<std::pair<std::string, std::string>, Entry> out;
    for (const auto& r : report.at("results")) {
        if (!r.is_object() || !r.contains("check") || !r.contains("subject") || !r.contains("status") ||
            !r.at("check").is_string() || !r.at("subject").is_string() || !r.at("status").is_string()) {
            throw std::invalid_argument(where + ": a result without check, subject or status");
        }
        const std::string status = r.at("status").get<std::string>();
        attention(status);  // validates
        out[{r.at("check").get<std::string>(), r.at("subject").get<std::string>()}] =
            Entry{status, text_or_empty(r, "message"), r.contains("waived") && r.at("waived").is_boolean() && r.at("waived").get<bool>(),
                  text_or_empty(r, "reason")};
    }
    return out;
}

}  // namespace

ReportDiff diff_reports(const nlohmann::json& older, const nlohmann::json& newer) {
    const auto before = index(older, "old");
    const auto after = index(newer, "new");
    ReportDiff diff;
    for (const auto& [key, now] : after) {
        auto it = before.find(key);
        // A result that is new counts from "pass": a new failure is worse, a new pass is no change.
        const std::string was = it == before.end() ? "" : it->second.status;
        const int a = attention(was.empty() ? "pass" : was);
        const int b = attention(now.status);
        ResultChange change{key.first, key.second, was, now.status, now.message,
                            it == before.end() ? "" : it->second.reason, now.reason};
        if (b > a && !now.waived) {
            diff.worse.push_back(change);
        } else if (b < a) {
            diff.better.push_back(change);
        } else if (!was.empty() && was == now.status && !it->second.reason.empty() && !now.reason.empty() &&
                   it->second.reason != now.reason) {
            // Only when both reports give a reason: a version 1 report gives none, and that is no change.
            diff.changed.push_back(change);
        } else {
            ++diff.unchanged;
        }
    }
    for (const auto& [key, then] : before) {
        if (after.count(key) > 0) continue;
        // A problem that is gone (the subject was removed, or the check) is better; a pass that is gone is no change.
        if (attention(then.status) > attention("pass")) {
            diff.better.push_back(ResultChange{key.first, key.second, then.status, "", then.message, then.reason, ""});
        } else {
            ++diff.unchanged;
        }
    }
    return diff;
}

}  // namespace mobcheck
