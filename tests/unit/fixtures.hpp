// Loading recorded evidence fixtures (testdata/evidence/*.json, recorded from the lab scenarios by
// testdata/evidence/record) and picking results out of a judged run.
#pragma once

#include <string>
#include <vector>

#include "model/evidence.hpp"
#include "checks/result.hpp"

namespace fixtures {

mobcheck::Evidence load(const std::string& name);  // "good" → testdata/evidence/good.json

// A fixture and every check's results over it (the reports' tests render these).
struct JudgedRun {
    mobcheck::Evidence evidence;
    std::vector<mobcheck::Result> results;
};
JudgedRun judged(const std::string& fixture);

// Judges one check over a fixture.
std::vector<mobcheck::Result> judge_one(const std::string& fixture, const std::string& check_id);
// The same over evidence a test changed (a fixture with one part removed).
std::vector<mobcheck::Result> judge_one(const mobcheck::Evidence& evidence, const std::string& check_id);
// The fixture without its walks of purpose (an old recording, or a probe that never ran).
mobcheck::Evidence without_walks(const std::string& fixture, const std::string& purpose);

// The single result for subject (a copy: callers often pass a temporary); throws unless exactly one.
mobcheck::Result only(const std::vector<mobcheck::Result>& results, const std::string& subject);

}  // namespace fixtures
