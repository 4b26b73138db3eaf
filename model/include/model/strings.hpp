// Small text helpers every layer writes messages and reports with.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mobcheck {

// The items with sep between them: join({"a", "b"}, ", ") is "a, b"; no items give "".
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

// a and b are equal ignoring ASCII case (header names, Autodiscover tokens).
bool iequals(std::string_view a, std::string_view b);

// ASCII lower case (names, schemes, header names: never text in other scripts).
std::string lower(std::string_view text);

}  // namespace mobcheck
