// What the technician's screens (setup wizard, diagnostics) get each frame: texts in the chosen
// language, sizes, fonts, textures and the time. They run before or beside the citizen journey,
// so they do not take the citizen ScreenContext.
#pragma once

#include <imgui.h>

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "kiosk/Clock.h"
#include "kiosk/i18n/Catalogue.h"
#include "ui/TextureCache.h"
#include "ui/Theme.h"
#include "ui/Widgets.h"

namespace ui {

struct SetupView {
    const kiosk::i18n::Catalogue& catalogue;
    kiosk::i18n::Language language;
    const Metrics& metrics;
    const Fonts& fonts;
    TextureCache& textures;
    kiosk::SteadyTime now;

    const std::string& tr(kiosk::i18n::MessageId id) const { return catalogue.text(language, id); }
    ScrollCue scrollCue() const {
        return {tr(kiosk::i18n::MessageId::CommonMoreBelow), tr(kiosk::i18n::MessageId::CommonBackToTop)};
    }
    std::string format(kiosk::i18n::MessageId id,
                       std::initializer_list<std::pair<std::string_view, std::string>> values) const {
        std::map<std::string, std::string> args;
        for (const auto& [key, value] : values)
            args.emplace(std::string(key), value);
        return kiosk::i18n::formatMessage(tr(id), args);
    }
};

}  // namespace ui
