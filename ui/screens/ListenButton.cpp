// The "Nghe" (Listen) button that walkthrough steps, tickets and scan results share. What it
// reads is decided in kiosk/speech from what the screen shows; this only draws and forwards.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "kiosk/speech/SpokenText.h"
#include "ui/SpeechPlayer.h"
#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::i18n::MessageId;

float listenButtonWidth(const ScreenContext& context) {
    // As wide as the longer label, so the button does not jump when "Nghe" becomes "Dừng đọc".
    ImFont* font = context.fonts.bodyBold;
    float widest = 0;
    for (MessageId id : {MessageId::SpeechListen, MessageId::SpeechStop})
        widest = std::max(widest, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, context.tr(id).c_str()).x);
    return std::max(widest + font->FontSize * 1.6f + 3 * ImGui::GetStyle().FramePadding.x,
                    240 * context.metrics.scale);
}

bool listenAvailable(const ScreenContext& context) {
    return context.speech && context.speech->available();
}

void drawListenButton(const ScreenContext& context, float height) {
    if (!listenAvailable(context)) return;
    SpeechPlayer& speech = *context.speech;
    const bool speaking = speech.speaking();
    const std::string& label = context.tr(speaking ? MessageId::SpeechStop : MessageId::SpeechListen);
    if (!speakerButton(label, ImVec2(listenButtonWidth(context), height), speaking, context.fonts.bodyBold))
        return;
    if (speaking) {
        speech.stop("the citizen pressed stop");
        return;
    }
    if (auto spoken = kiosk::speech::spokenTextFor(context.journey, context.session, context.catalogue)) {
        speech.say(std::move(*spoken));
    } else {
        spdlog::error("speech: \"Nghe\" on a screen with nothing to read ({})",
                      context.journey.describePlace());
    }
}

}  // namespace ui
