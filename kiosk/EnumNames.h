// The one way an enum gets its stable names (stored in the database, sent to the province,
// written to CSV): a constexpr table of (value, name) pairs and two lookups. Pure.
//
// Usage:
//   constexpr std::array<std::pair<Visit, std::string_view>, 2> kVisitNames{{{Visit::First, "first"}, ...}};
//   std::string_view visitName(Visit visit) { return nameOf(kVisitNames, visit); }
//   std::optional<Visit> visitFromName(std::string_view name) { return valueOf(kVisitNames, name); }
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace kiosk {

template <class Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

// "unknown" is only reachable with a value cast from outside the enum; the schema refuses it.
template <class Enum, std::size_t N>
constexpr std::string_view nameOf(const EnumNames<Enum, N>& names, Enum value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value) return name;
    }
    return "unknown";
}

template <class Enum, std::size_t N>
constexpr std::optional<Enum> valueOf(const EnumNames<Enum, N>& names, std::string_view name) {
    for (const auto& [value, candidate] : names) {
        if (candidate == name) return value;
    }
    return std::nullopt;
}

}  // namespace kiosk
