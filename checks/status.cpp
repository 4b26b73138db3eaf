#include <array>

#include "mobcheck/result.hpp"

namespace mobcheck {

namespace {
constexpr std::array<const char*, 6> kStatusNames{"pass", "info", "skip", "warn", "error", "fail"};
}

const char* to_string(Status status) { return kStatusNames[static_cast<std::size_t>(status)]; }

std::optional<Status> status_from_string(std::string_view text) {
    for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
        if (text == kStatusNames[i]) return static_cast<Status>(i);
    }
    return std::nullopt;
}

}  // namespace mobcheck
