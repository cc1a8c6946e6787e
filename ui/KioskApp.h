// The citizen-facing application: holds the core (storage, desk, sync), the texts, walkthroughs,
// session and journey, and draws the screen for the journey's current place. Composition, not
// logic; it never opens the database (the core's storage thread owns it).
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/content/ContentLoader.h"
#include "kiosk/i18n/Catalogue.h"
#include "kiosk/scan/BankDirectory.h"
#include "kiosk/service/KioskCore.h"
#include "kiosk/session/CitizenJourney.h"
#include "ui/GuidePrinting.h"
#include "ui/Platform.h"
#include "ui/ScannerDevices.h"
#include "ui/SpeechPlayer.h"
#include "ui/TextureCache.h"
#include "ui/Theme.h"
#include "ui/TicketPrinting.h"
#include "ui/screens/ScreenContext.h"
#include "ui/setup/DiagnosticsScreen.h"

namespace ui {

struct KioskParts {
    kiosk::config::KioskConfig config;
    kiosk::i18n::Catalogue catalogue;
    std::unique_ptr<kiosk::service::KioskCore> core;
    std::vector<kiosk::content::Walkthrough> walkthroughs;
    std::filesystem::path imagesDir;
    kiosk::scan::BankDirectory banks;
    std::string cameraSource = "/dev/video0";
    std::vector<kiosk::queue::Service> services;
    std::string bundleDir = "/media";  // where diagnostics saves the support bundle
    // `commune-kiosk desk`: this desk's number, and the window is the volunteer desk only (it
    // opens again after each sign-out); 0: the citizen kiosk with its desk behind the staff menu.
    int deskNumber = 0;
};

class KioskApp final : public FrameHandler {
public:
    KioskApp(KioskParts parts, Metrics metrics, Fonts fonts, FontLoader loadFonts);

    void beforeFrame() override;
    void drawFrame() override;
    std::chrono::milliseconds sleepBudget() override;
    void onCitizenInput() override;

    kiosk::ManualOffsetClock& clock() { return clock_; }

private:
    struct ScreenContext context(kiosk::SteadyTime now);
    struct ScannerView updateScanner();
    std::chrono::milliseconds awakeBudget();
    // What needs the database: diagnostics, ticket printing, household keys. Built when storage
    // works, at start or once a later attempt of the core opens it (a freed full disk).
    void attachStorageParts();
    void updateSpeech();
    // Which screen is showing, as far as a touch is concerned: a change starts the moment in
    // which touches are ignored (WidgetRegistry::setTapsIgnored).
    std::string screenKey();
    void ignoreTapsOnNewScreens(kiosk::SteadyTime now);
    void drawScreens(kiosk::SteadyTime now);

    kiosk::config::KioskConfig config_;
    kiosk::i18n::Catalogue catalogue_;
    std::unique_ptr<kiosk::service::KioskCore> core_;
    std::vector<kiosk::content::Walkthrough> walkthroughs_;
    std::filesystem::path imagesDir_;
    kiosk::scan::BankDirectory banks_;
    std::string cameraSource_;
    std::vector<kiosk::queue::Service> services_;
    std::string bundleDir_;
    bool storagePartsAttached_ = false;
    std::unique_ptr<ScannerDevices> scanner_;  // only while the scan screen is open
    // Scanners being closed: stopping joins the camera and decoder threads, and a camera stuck in
    // its driver must not freeze the screen, so they close on their own threads (joined at exit).
    struct ClosingScanner {
        std::shared_ptr<std::atomic<bool>> closed;
        std::jthread thread;
    };
    std::vector<ClosingScanner> closingScanners_;
    void closeScanner();
    Metrics metrics_;
    Fonts fonts_;
    FontLoader loadFonts_;
    kiosk::session::DisplayChoice shownDisplay_;  // the citizen's A+ and contrast the look has now
    TextureCache textures_;
    kiosk::ManualOffsetClock clock_;
    kiosk::session::CitizenSession session_;
    kiosk::session::IdleWatch idle_;
    std::unique_ptr<kiosk::session::CitizenJourney> journey_;
    std::unique_ptr<TicketPrinting> printing_;        // only with a printer in the config
    std::unique_ptr<GuidePrinter> guidePrinter_;      // take-home guide slips; only with a printer
    std::unique_ptr<DiagnosticsScreen> diagnostics_;  // behind the technician PIN
    std::unique_ptr<SpeechPlayer> speech_;            // the "Nghe" buttons and the desk chime
    int heardHelpAlerts_ = 0;
    int deskNumber_ = 0;
    StaffEntry staffEntry_;
    std::optional<kiosk::SteadyTime> codeAbsentSince_;  // the scanner's frames show no code since
    std::string lastScreenKey_;
    kiosk::SteadyTime screenShownAt_{};  // the desk's help alerts already chimed
};

}  // namespace ui
