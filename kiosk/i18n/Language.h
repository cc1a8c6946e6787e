#pragma once

#include <optional>
#include <string_view>

namespace kiosk::i18n {

// Vietnamese is the default everywhere; English is the second language.
enum class Language { Vi, En };

inline constexpr Language kDefaultLanguage = Language::Vi;

inline std::string_view languageCode(Language language) {
    return language == Language::En ? "en" : "vi";
}

inline std::optional<Language> languageFromCode(std::string_view code) {
    if (code == "vi") return Language::Vi;
    if (code == "en") return Language::En;
    return std::nullopt;
}

}  // namespace kiosk::i18n
