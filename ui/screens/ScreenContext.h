// What every screen gets: the texts, the citizen's journey to send intents to, sizes, fonts
// and the current time. Screens hold no business state of their own.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "kiosk/Clock.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/desk/DeskController.h"
#include "kiosk/i18n/Catalogue.h"
#include "kiosk/session/CitizenJourney.h"
#include "ui/TextureCache.h"
#include "ui/Theme.h"
#include "ui/Widgets.h"

namespace ui {

// The attract screen's way in for staff (a 2 s press on the centre's name opens the menu).
struct StaffEntry {
    bool menuOpen = false;
    bool holdCompleted = false;  // the finger that opened the menu is still down
};

struct ScreenContext {
    const kiosk::i18n::Catalogue& catalogue;
    const kiosk::config::KioskConfig& config;
    kiosk::session::CitizenJourney& journey;
    const kiosk::session::CitizenSession& session;
    const Metrics& metrics;
    const Fonts& fonts;
    kiosk::SteadyTime now;
    const std::string* storageProblem;  // null when the database works
    TextureCache& textures;
    std::filesystem::path imagesDir;
    kiosk::desk::DeskController* desk = nullptr;     // null without a working database
    const class TicketPrinting* printing = nullptr;  // null without a printer
    class DiagnosticsScreen* diagnostics = nullptr;  // null without a working database
    class GuidePrinter* guidePrinter = nullptr;      // take-home guide slips; null without a printer
    class SpeechPlayer* speech = nullptr;            // the voice; null when [speech] is off
    StaffEntry* staff = nullptr;                     // the attract screen's staff menu
    int deskNumber = 0;  // `commune-kiosk desk`: this desk's number; 0: the kiosk's own desk

    const std::string& tr(kiosk::i18n::MessageId id) const { return catalogue.text(session.language(), id); }
    ScrollCue scrollCue() const {
        return {tr(kiosk::i18n::MessageId::CommonMoreBelow), tr(kiosk::i18n::MessageId::CommonBackToTop)};
    }
};

// The frame every citizen screen shares: header with the commune's name, content area, and a
// footer whose right end is always "Get help". Returns the content area's size.
ImVec2 beginCitizenScreen(const ScreenContext& context, const char* windowId, std::string_view title);
struct FooterButtons {
    bool back = true;
    bool home = true;
    bool finish = false;
    const std::string* helpLabel = nullptr;  // default "Get help"
    const std::string* nextLabel = nullptr;  // a primary button beside help (walkthrough "Next")
};
// Returns true when the "next" button was tapped.
bool endCitizenScreen(const ScreenContext& context, FooterButtons buttons);
// "The kiosk cannot save data", at the cursor, full width; every screen shows it while true.
void drawStorageBanner(const ScreenContext& context);

void drawAttractScreen(const ScreenContext& context);
void drawLanguageScreen(const ScreenContext& context);
void drawHomeScreen(const ScreenContext& context);
void drawComingSoonScreen(const ScreenContext& context);
void drawHelpRequestedScreen(const ScreenContext& context);
void drawWalkthroughListScreen(const ScreenContext& context);
void drawWalkthroughScreen(const ScreenContext& context);
// What the scan screen shows of the devices: the preview texture, the outline of the code the
// decoder sees (in frame pixels), and whether there is no camera to show.
struct ScannerView {
    std::optional<Texture> preview;
    std::optional<std::array<ImVec2, 4>> outline;
    bool cameraMissing = false;
};
void drawScannerScreen(const ScreenContext& context, const ScannerView& view);
// The ticket screen; its household step shows the camera.
void drawTicketScreen(const ScreenContext& context, const ScannerView& scanner);
// The camera picture fitted into [min, max], with the outline of the code it sees.
void drawCameraPreview(const ScreenContext& context, const ScannerView& view, ImVec2 min, ImVec2 max);
// True while the current screen animates (a pulsing phone mock-up) and needs steady frames.
bool walkthroughScreenAnimates(const ScreenContext& context);
void drawIdlePrompt(const ScreenContext& context, int secondsLeft);
// True when this screen should offer "Nghe": the voice is on and has not failed.
bool listenAvailable(const ScreenContext& context);
float listenButtonWidth(const ScreenContext& context);
// "Nghe" at the cursor: reads the screen aloud (kiosk::speech::spokenTextFor); while it reads,
// the same button says "Dừng đọc" and stops. Nothing is drawn when !listenAvailable.
void drawListenButton(const ScreenContext& context, float height);
// Under a ticket number: printing, printed, or why not (then: please remember the number).
void drawPrintNotice(const ScreenContext& context, const std::string& label, float width);

const std::string& featureTitle(const ScreenContext& context, kiosk::session::Feature feature);
const std::string& featureHint(const ScreenContext& context, kiosk::session::Feature feature);

}  // namespace ui
