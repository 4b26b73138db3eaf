#include "diff_command.hpp"

#include <fstream>
#include <iostream>

#include "model/json_text.hpp"
#include "report/report_diff.hpp"

namespace mobcheck::cli {

namespace {

nlohmann::json read_report(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("diff: cannot read " + path);
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw UsageError("diff: " + path + " is not valid JSON: " + e.what());
    }
}

nlohmann::json to_json(const std::vector<ResultChange>& changes) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : changes) {
        out.push_back({{"check", c.check}, {"subject", c.subject}, {"before", c.before.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.before)},
                       {"after", c.after.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.after)}, {"message", c.message}});
    }
    return out;
}

void print(const char* title, const std::vector<ResultChange>& changes) {
    if (changes.empty()) return;
    std::cout << title << ":\n";
    for (const auto& c : changes) {
        std::cout << "  " << c.check << "  " << c.subject << ": " << (c.before.empty() ? "(new)" : c.before) << " → "
                  << (c.after.empty() ? "(gone)" : c.after) << "\n";
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
        std::cout << json_text(nlohmann::json{{"schema_version", 1},
                                              {"worse", to_json(diff.worse)},
                                              {"better", to_json(diff.better)},
                                              {"unchanged", diff.unchanged},
                                              {"exit_code", code}})
                  << "\n";
    } else {
        print("worse", diff.worse);
        print("better", diff.better);
        std::cout << diff.worse.size() << " worse, " << diff.better.size() << " better, " << diff.unchanged
                  << " unchanged\n";
    }
    return code;
}

}  // namespace mobcheck::cli
