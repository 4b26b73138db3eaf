#include "model/utc_time.hpp"

#include <chrono>
#include <cstdio>

namespace mobcheck {

// With the calendar of <chrono>, not gmtime_r and timegm: the same arithmetic on every platform
// (Windows has neither, and its _mkgmtime stops at the year 3000 where certificates do not).
std::tm utc_fields(std::time_t when) {
    using namespace std::chrono;
    const sys_seconds moment{seconds{when}};
    const sys_days day = floor<days>(moment);
    const year_month_day date{day};
    const hh_mm_ss time{moment - day};
    std::tm tm{};
    tm.tm_year = static_cast<int>(date.year()) - 1900;
    tm.tm_mon = static_cast<int>(static_cast<unsigned>(date.month())) - 1;
    tm.tm_mday = static_cast<int>(static_cast<unsigned>(date.day()));
    tm.tm_hour = static_cast<int>(time.hours().count());
    tm.tm_min = static_cast<int>(time.minutes().count());
    tm.tm_sec = static_cast<int>(time.seconds().count());
    tm.tm_wday = static_cast<int>(weekday{day}.c_encoding());
    tm.tm_yday = static_cast<int>((day - sys_days{date.year() / January / 1}).count());
    return tm;
}

std::time_t utc_seconds(const std::tm& fields) {
    using namespace std::chrono;
    // A day past the month's end counts on into the next month, as timegm does.
    const sys_days day = sys_days{year{fields.tm_year + 1900} / month{static_cast<unsigned>(fields.tm_mon + 1)} / 1} +
                         days{fields.tm_mday - 1};
    const auto moment = day + hours{fields.tm_hour} + minutes{fields.tm_min} + seconds{fields.tm_sec};
    return static_cast<std::time_t>(moment.time_since_epoch().count());
}

std::string format_utc(std::time_t when) {
    const std::tm tm = utc_fields(when);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::optional<std::time_t> parse_utc_time(std::string_view text) {
    if (text.size() != 20) return std::nullopt;
    static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
    for (std::size_t i = 0; i < kShape.size(); ++i) {
        const bool digit = text[i] >= '0' && text[i] <= '9';
        if (kShape[i] == 'd' ? !digit : text[i] != kShape[i]) return std::nullopt;
    }
    auto number = [&](std::size_t at, std::size_t len) {
        int n = 0;
        for (std::size_t i = at; i < at + len; ++i) n = n * 10 + (text[i] - '0');
        return n;
    };
    std::tm tm{};
    tm.tm_year = number(0, 4) - 1900;
    tm.tm_mon = number(5, 2) - 1;
    tm.tm_mday = number(8, 2);
    tm.tm_hour = number(11, 2);
    tm.tm_min = number(14, 2);
    tm.tm_sec = number(17, 2);
    if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
        tm.tm_sec > 59) {
        return std::nullopt;
    }
    const std::time_t when = utc_seconds(tm);
    // 31 February counts on into March: a date that moved was not a date.
    const std::tm back = utc_fields(when);
    if (back.tm_mday != number(8, 2)) return std::nullopt;
    return when;
}

}  // namespace mobcheck
