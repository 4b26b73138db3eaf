// A deployment's judging policy, from its topology file (--config): severity overrides and waivers.
// Applied to the results after judging, so every check keeps one meaning and the policy sits in one
// place (as a Zonemaster profile does), and a replayed run is judged under the same policy.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "checks/registry.hpp"
#include "checks/result.hpp"

namespace mobcheck {

// "dns.federation-srv": "info" — every warn or fail result of the checks the selector names takes
// this status instead. A check ID wins over its category.
struct SeverityOverride {
    std::string selector;  // a check ID or a category, as --only takes
    Status status = Status::Warn;  // fail, warn or info
    std::string origin;    // "mobility.json: /severity/dns.federation-srv"
};

// An accepted, known problem: the results it names are reported with the reason and never trip the
// gate, until it expires.
struct Waiver {
    std::string check;    // a check ID
    std::string subject;  // a result's subject, or "*" for every subject of the check
    std::string reason;
    std::string expires;  // as written: "2027-03-31" (through the end of that day, UTC) or an exact UTC time; "" never
    std::optional<std::time_t> expires_at;  // the first moment it no longer applies
    std::string origin;   // "mobility.json: /waivers/0"
    std::string tag;      // a result's reason tag ("servfail"): only results with it; "" for any
};

// "2027-03-31" → 2027-04-01T00:00:00Z (the waiver holds through that day); "2027-03-31T12:00:00Z" →
// that moment. nullopt when the text is neither.
std::optional<std::time_t> waiver_expiry(const std::string& text);

enum class WaiverState {
    Applied,  // it names at least one warn, fail or error result, and has not expired
    Expired,  // its date has passed: the results it names are judged as if it did not exist
    Unused,   // it names no result that needs it (fixed, or the subject is gone): remove it
};
const char* to_string(WaiverState state);

struct WaiverOutcome {
    Waiver waiver;
    WaiverState state = WaiverState::Unused;
    std::size_t matched = 0;  // warn, fail and error results it names
};

struct Policy {
    std::vector<SeverityOverride> severity;
    std::vector<Waiver> waivers;
};

// Gives overridden results their new status and remembers the check's own in Result::status_before.
void apply_severity_overrides(std::vector<Result>& results, const std::vector<SeverityOverride>& overrides);

// Marks every warn, fail or error result a waiver names (the first one that applies, else the first
// expired one); now decides what has expired. One outcome per waiver, in the order given.
std::vector<WaiverOutcome> apply_waivers(std::vector<Result>& results, const std::vector<Waiver>& waivers,
                                         std::time_t now);

}  // namespace mobcheck
