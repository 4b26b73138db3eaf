// Enum ⇄ text through one table per enum, so the names in reports and evidence files are spelled in
// exactly one place.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace mobcheck {

template <typename E, std::size_t N>
using EnumNames = std::array<std::pair<E, const char*>, N>;

template <typename E, std::size_t N>
const char* enum_name(const EnumNames<E, N>& table, E value) {
    for (const auto& [v, name] : table) {
        if (v == value) return name;
    }
    return "?";
}

template <typename E, std::size_t N>
std::optional<E> enum_from_name(const EnumNames<E, N>& table, std::string_view text) {
    for (const auto& [v, name] : table) {
        if (text == name) return v;
    }
    return std::nullopt;
}

}  // namespace mobcheck
