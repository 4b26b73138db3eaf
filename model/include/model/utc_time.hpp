// Moments as the evidence file writes them: ISO 8601 in UTC, to the second ("2026-11-25T09:30:00Z").
// A certificate's validity is judged against the moment of its probe, so a saved run replays the same.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace mobcheck {

std::string format_utc(std::time_t when);

// The fields of a moment in UTC (gmtime_r), and the moment of fields in UTC (timegm).
std::tm utc_fields(std::time_t when);
std::time_t utc_seconds(const std::tm& fields);

// Exactly YYYY-MM-DDTHH:MM:SSZ; nullopt for anything else.
std::optional<std::time_t> parse_utc_time(std::string_view text);

}  // namespace mobcheck
