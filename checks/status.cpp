#include "model/enum_names.hpp"
#include "checks/result.hpp"

namespace mobcheck {

namespace {
constexpr EnumNames<Status, 6> kStatusNames{{
    {Status::Pass, "pass"},
    {Status::Info, "info"},
    {Status::Skip, "skip"},
    {Status::Warn, "warn"},
    {Status::Error, "error"},
    {Status::Fail, "fail"},
}};
}  // namespace

const char* to_string(Status status) { return enum_name(kStatusNames, status); }

std::optional<Status> status_from_string(std::string_view text) { return enum_from_name(kStatusNames, text); }

bool is_problem(Status status) { return status == Status::Warn || status == Status::Fail || status == Status::Error; }

}  // namespace mobcheck
