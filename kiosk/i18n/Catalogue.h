// The message catalogue: loads assets/i18n/<lang>.toml, checks it against MessageId, and
// answers text(language, id). A text missing at run time falls back to the other language,
// then to the key itself, never to a blank.
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/i18n/Language.h"
#include "kiosk/i18n/MessageId.h"

namespace kiosk::i18n {

struct CatalogueProblem {
    std::string where;    // "vi.toml:12"
    std::string message;  // "unknown key 'home.tiel'"
};

class Catalogue {
public:
    // Loads vi.toml and en.toml from `dir`. Problems are returned, not fatal: the kiosk shows
    // what it has (with fallbacks) and the tests insist on none.
    static Catalogue loadDir(const std::filesystem::path& dir, std::vector<CatalogueProblem>& problems);
    static std::vector<CatalogueProblem> parse(Catalogue& into, Language language, std::string_view tomlText,
                                               std::string_view sourceName);

    const std::string& text(Language language, MessageId id) const;

private:
    std::array<std::array<std::string, kMessageCount>, 2> texts_;
};

// Replaces {name} placeholders; unknown placeholders stay as they are.
std::string formatMessage(std::string_view pattern, const std::map<std::string, std::string>& values);

}  // namespace kiosk::i18n
