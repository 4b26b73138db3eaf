// A lab scenario's expectations: testdata/lab/scenarios/<name>/expect, read by the lab test (which
// runs mobcheck in the lab for the scenario) and by the unit test (which judges the scenario's recorded
// evidence fixture). The format is documented in testdata/lab/README.md ("The expect file").
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace testsupport::expect {

// One listed result: CHECK SUBJECT STATUS [REASON], and the text its message must contain (says:).
struct Line {
    std::string check;
    std::string subject;
    std::vector<std::string> statuses;  // "fail", or alternatives written "pass|fail"
    std::string reason;                 // the stable reason tag; empty: not asserted
    std::vector<std::string> says;      // substrings of the message
    int line_number = 0;
    std::string blocked_by;             // by: "CHECK SUBJECT" of the cause a skip is blocked by; empty: not asserted
};

struct Expectation {
    std::string scenario;
    std::vector<std::string> args;            // args: mobcheck's arguments beyond the lab's standard ones
    std::map<std::string, std::string> env;   // env: NAME=VALUE for mobcheck
    std::string unlisted = "pass";            // unlisted: the status of every result not listed
    std::vector<Line> lines;                  // the listed results
    // fixture: how the scenario's recorded evidence fixture (testdata/evidence/<scenario>.json) differs.
    bool fixture_comparable = true;
    std::string fixture_not_comparable_because;  // fixture: not comparable: REASON
    std::vector<Line> fixture_lines;             // fixture: CHECK SUBJECT STATUS: replaces the line of the same result

    bool has_arg(const std::string& option) const;
    std::string gate() const;  // "fail", or "warn" with --fail-on warn
};

struct FormatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Parses an expect file's text; origin names it in errors ("path:line: ...").
Expectation parse(const std::string& text, const std::string& scenario, const std::string& origin);

// testdata/lab/scenarios/<scenario>/expect.
std::string path_of(const std::string& scenario);
Expectation load(const std::string& scenario);

// Every folder of testdata/lab/scenarios, sorted.
std::vector<std::string> scenarios();

// The lab's standard arguments (both SIP domains, both views, both web FQDNs, two SBAs, the lab CA,
// JSON out, one-second timeouts), then extra: an option the standard arguments give once with a value
// (--timeout, --format, --internal-web, --external-web, --ca-file) takes extra's value; any other is added.
std::vector<std::string> standard_args(const std::string& ca_file);
std::vector<std::string> with_extra(std::vector<std::string> args, const std::vector<std::string>& extra);

// A result as a run reported it (JSON) or the checks judged it (replay).
struct Observed {
    std::string check;
    std::string subject;
    std::string status;
    std::string message;
    std::string reason;
    std::string blocked_by = {};  // "CHECK SUBJECT" of blocked_by, or ""
};

// Asserts (doctest CHECKs) that observed are exactly what lines say: each listed result once, with
// one of its statuses, its reason and its cause (by:) when given and every says: text in its message; every other result
// has the unlisted status, except topology.mobility-urls-external, which needs the user document:
// skip unless user (mobcheck was given --user).
void check_results(const std::vector<Line>& lines, const std::string& unlisted, bool user,
                   const std::vector<Observed>& observed);

// The lines a fixture replay is held to: the live ones with the fixture: lines in place of theirs.
std::vector<Line> fixture_view(const Expectation& e);

// The exit code SPEC §1 gives these results under gate: 1 at or above it, else 3 if any error, else 0.
int gate_exit_code(const std::vector<Observed>& observed, const std::string& gate);

}  // namespace testsupport::expect
