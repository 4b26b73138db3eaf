// The ranges of the numeric settings, in one place: the flags and the topology file check the same ones.
#pragma once

namespace mobcheck::cli {

struct Range {
    double min;
    double max;
};

inline constexpr Range kTimeoutSeconds{0.1, 300};
inline constexpr Range kDeadlineSeconds{0.1, 3600};
inline constexpr Range kAttempts{1, 10};
inline constexpr Range kMaxConnections{1, 4096};
inline constexpr Range kMaxPerHost{1, 256};
inline constexpr Range kMaxDnsQueries{1, 10000};
inline constexpr Range kExpiryWarnDays{0, 3650};

}  // namespace mobcheck::cli
