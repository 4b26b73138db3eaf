#include "fixtures.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <stdexcept>

#include "model/evidence_json.hpp"
#include "checks/registry.hpp"

namespace fixtures {

mobcheck::Evidence load(const std::string& name) {
    const std::string path = std::string(MOBCHECK_TESTDATA) + "/evidence/" + name + ".json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("missing fixture " + path);
    return mobcheck::evidence_from_json(nlohmann::json::parse(in));
}

JudgedRun judged(const std::string& fixture) {
    JudgedRun run{load(fixture), {}};
    run.results = mobcheck::judge(run.evidence, mobcheck::builtin_registry(), {});
    return run;
}

std::vector<mobcheck::Result> judge_one(const std::string& fixture, const std::string& check_id) {
    return judge_one(load(fixture), check_id);
}

std::vector<mobcheck::Result> judge_one(const mobcheck::Evidence& evidence, const std::string& check_id) {
    mobcheck::Selection selection;
    selection.only = {check_id};
    std::vector<mobcheck::Result> out;
    for (auto& r : mobcheck::judge(evidence, mobcheck::builtin_registry(), selection)) {
        if (r.check == check_id) out.push_back(std::move(r));
    }
    return out;
}

mobcheck::Evidence without_walks(const std::string& fixture, const std::string& purpose) {
    mobcheck::Evidence e = load(fixture);
    std::erase_if(e.http, [&](const mobcheck::HttpWalk& w) { return w.purpose.text() == purpose; });
    return e;
}

mobcheck::Result only(const std::vector<mobcheck::Result>& results, const std::string& subject) {
    const mobcheck::Result* found = nullptr;
    int count = 0;
    for (const auto& r : results) {
        if (r.subject == subject) {
            found = &r;
            ++count;
        }
    }
    if (count != 1) throw std::runtime_error("expected one result for " + subject + ", got " + std::to_string(count));
    return *found;
}

}  // namespace fixtures
