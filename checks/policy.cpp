// Severity overrides and waivers (the topology file's policy), applied to judged results.
#include "checks/policy.hpp"

#include "model/enum_names.hpp"
#include "model/utc_time.hpp"

namespace mobcheck {

namespace {

constexpr EnumNames<WaiverState, 3> kWaiverStateNames{{
    {WaiverState::Applied, "applied"},
    {WaiverState::Expired, "expired"},
    {WaiverState::Unused, "unused"},
}};

bool names(const Waiver& w, const Result& r) {
    return w.check == r.check && (w.subject == "*" || w.subject == r.subject) && (w.tag.empty() || w.tag == r.reason);
}

// The override for check_id: an ID beats its category, and of two equal selectors the later one wins.
const SeverityOverride* override_for(const std::vector<SeverityOverride>& overrides, const std::string& check_id) {
    const SeverityOverride* found = nullptr;
    for (const auto& o : overrides) {
        if (!Registry::selector_matches(o.selector, check_id)) continue;
        const bool exact = o.selector == check_id;
        if (found == nullptr || exact || found->selector != check_id) found = &o;
    }
    return found;
}

}  // namespace

const char* to_string(WaiverState state) { return enum_name(kWaiverStateNames, state); }

std::optional<std::time_t> waiver_expiry(const std::string& text) {
    if (text.size() == 10) {
        // A date: the waiver holds through that whole day (UTC), so it ends at the next midnight.
        const auto midnight = parse_utc_time(text + "T00:00:00Z");
        if (!midnight) return std::nullopt;
        return *midnight + 24 * 60 * 60;
    }
    return parse_utc_time(text);
}

void apply_severity_overrides(std::vector<Result>& results, const std::vector<SeverityOverride>& overrides) {
    if (overrides.empty()) return;
    for (Result& r : results) {
        if (r.status != Status::Warn && r.status != Status::Fail) continue;
        const SeverityOverride* o = override_for(overrides, r.check);
        if (o == nullptr || o->status == r.status) continue;
        r.status_before = r.status;
        r.status = o->status;
    }
}

std::vector<WaiverOutcome> apply_waivers(std::vector<Result>& results, const std::vector<Waiver>& waivers,
                                         std::time_t now) {
    std::vector<WaiverOutcome> outcomes;
    outcomes.reserve(waivers.size());
    for (const Waiver& w : waivers) {
        const bool expired = w.expires_at && now >= *w.expires_at;
        outcomes.push_back(WaiverOutcome{w, expired ? WaiverState::Expired : WaiverState::Unused, 0});
    }
    for (Result& r : results) {
        if (!is_problem(r.status)) continue;
        for (std::size_t i = 0; i < waivers.size(); ++i) {
            if (!names(waivers[i], r)) continue;
            WaiverOutcome& outcome = outcomes[i];
            ++outcome.matched;
            const bool expired = outcome.state == WaiverState::Expired;
            if (!expired) outcome.state = WaiverState::Applied;
            // An applying waiver replaces an expired one found earlier; the first applying one stays.
            if (!r.waiver || (r.waiver->expired && !expired)) {
                r.waiver = WaiverMark{waivers[i].reason, waivers[i].expires, expired, waivers[i].origin};
            }
        }
    }
    return outcomes;
}

}  // namespace mobcheck
