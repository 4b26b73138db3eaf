#include "diff_command.hpp"
#include "model/file_path.hpp"
#include "parse_errors.hpp"

#include <fstream>
#include <iostream>

#include "model/json_text.hpp"
#include "report/report_diff.hpp"

namespace mobcheck::cli {

namespace {

nlohmann::json read_report(const std::string& path) {
    std::ifstream in(file_path(path), std::ios::binary);
    if (!in) throw UsageError("diff: cannot read " + path);
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw UsageError("diff: " + path + " is not valid JSON: " + json_problem(e));
    }
}

nlohmann::json to_json(const std::vector<ResultChange>& changes) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : changes) {
        out.push_back({{"check", c.check}, {"subject", c.subject}, {"before", c.before.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.before)},
                       {"after", c.after.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.after)},
                       {"reason_before", c.reason_before.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.reason_before)},
                       {"reason_after", c.reason_after.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.reason_after)},
                       {"message", c.message}});
    }
    return out;
}

void print(const char* title, const std::vector<ResultChange>& changes) {
    if (changes.empty()) return;
    std::cout << title << ":\n";
    for (const auto& c : changes) {
        const auto with_reason = [](const std::string& status, const std::string& reason) {
            return reason.empty() ? status : status + " (" + reason + ")";
        };
        std::cout << "  " << c.check << "  " << c.subject << ": "
                  << (c.before.empty() ? "(new)" : with_reason(c.before, c.reason_before)) << " → "
                  << (c.after.empty() ? "(gone)" : with_reason(c.after, c.reason_after)) << "\n";
        if (!c.message.empty()) std::cout << "      " << c.message << "\n";
    }
}

}  // namespace

int run_diff(const Options& o) {
    const nlohmann::json older = read_report(o.diff_files.at(0));
    const nlohmann::json newer = read_report(o.diff_files.at(1));
    ReportDiff diff;
    try {
        diff = diff_reports(older, newer);
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("diff: ") + e.what());
    }
    const int code = diff.worse.empty() ? 0 : 1;
    if (o.format == Format::Json) {
        std::cout << json_text(nlohmann::json{{"schema_version", 2},
                                              {"worse", to_json(diff.worse)},
                                              {"better", to_json(diff.better)},
                                              {"changed", to_json(diff.changed)},
                                              {"unchanged", diff.unchanged},
                                              {"exit_code", code}})
                  << "\n";
    } else {
        print("worse", diff.worse);
        print("better", diff.better);
        print("same status, another reason", diff.changed);
        std::cout << diff.worse.size() << " worse, " << diff.better.size() << " better, " << diff.changed.size()
                  << " changed, " << diff.unchanged << " unchanged\n";
    }
    return code;
}

}  // namespace mobcheck::cli
