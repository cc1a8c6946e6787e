#include "ui/KioskApp.h"

#include <spdlog/spdlog.h>

#include "kiosk/diag/ProgramRun.h"
#include "ui/WidgetRegistry.h"
#include "ui/screens/DeskScreens.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::session::IdlePhase;
using kiosk::session::Screen;

namespace {
// A pulsing phone mock-up needs frames; 20 per second look smooth and cost little.
constexpr std::chrono::milliseconds kAnimationFrame{50};
// The scan screen follows the camera (30 fps) only while it is open.
constexpr std::chrono::milliseconds kCameraFrame{33};
constexpr std::chrono::milliseconds kStorageRetryPoll{1000};
}  // namespace

KioskApp::KioskApp(KioskParts parts, Metrics metrics, Fonts fonts, FontLoader loadFonts)
    : config_(std::move(parts.config)),
      catalogue_(std::move(parts.catalogue)),
      core_(std::move(parts.core)),
      walkthroughs_(std::move(parts.walkthroughs)),
      imagesDir_(std::move(parts.imagesDir)),
      banks_(std::move(parts.banks)),
      cameraSource_(std::move(parts.cameraSource)),
      services_(std::move(parts.services)),
      bundleDir_(std::move(parts.bundleDir)),
      metrics_(metrics),
      fonts_(fonts),
      loadFonts_(std::move(loadFonts)),
      session_(config_.language),
      idle_(std::chrono::seconds(config_.idleSeconds), std::chrono::seconds(config_.idleCountdownSeconds)) {
    journey_ = std::make_unique<kiosk::session::CitizenJourney>(session_, idle_, core_->journeyStore(),
                                                                walkthroughs_);
    // Always there: with [speech] off it reads nothing aloud, but the desk still chimes.
    speech_ = std::make_unique<SpeechPlayer>(config_.speech);
    // Guide slips need no database or services: a kiosk that cannot save still hands out guides.
    if (!config_.printer.empty()) {
        if (auto address = devices::parsePrinterAddress(config_.printer)) {
            guidePrinter_ = std::make_unique<GuidePrinter>(
                *address, catalogue_, kiosk::content::SlipCentre{config_.communeName, config_.openingHours});
        }
    }
    deskNumber_ = parts.deskNumber;
    attachStorageParts();
}

void KioskApp::attachStorageParts() {
    if (storagePartsAttached_ || core_->storageProblem()) return;
    storagePartsAttached_ = true;
    if (auto keyer = core_->householdKeyer()) journey_->ticket().setHouseholdKeyer(std::move(keyer));
    const auto dataDir = core_->dataDir();
    kiosk::diag::DoctorInputs inputs;
    inputs.configSource = config_.source;
    inputs.config = config_;
    inputs.dataDir = dataDir;
    inputs.camera = cameraSource_;
    if (config_.source != "built-in defaults") inputs.configFile = config_.source;
    inputs.journalctl = kiosk::diag::findProgram({"/usr/bin/journalctl", "/bin/journalctl"});
    inputs.catalogue = &catalogue_;
    inputs.language = config_.language;
    diagnostics_ = std::make_unique<DiagnosticsScreen>(std::move(inputs), *core_, bundleDir_);
    if (!config_.printer.empty() && !services_.empty()) {
        if (auto address = devices::parsePrinterAddress(config_.printer)) {
            printing_ =
                std::make_unique<TicketPrinting>(*address, catalogue_, config_.communeName, services_);
            core_->journeyStore().onTicketIssued(
                [this](const kiosk::session::IssuedTicket& ticket) { printing_->print(ticket); });
        } else {
            spdlog::error("printer: {}; tickets are shown on screen only", address.error().message);
        }
    }
}

void KioskApp::beforeFrame() {
    const kiosk::session::DisplayChoice wanted = session_.display();
    if (wanted == shownDisplay_) return;
    usePalette(wanted.highContrast ? Contrast::High : Contrast::Standard);
    if (wanted.largeText != shownDisplay_.largeText) {
        const Metrics next = metricsFor(metrics_.width, metrics_.height,
                                        wanted.largeText ? TextSize::Large : TextSize::Standard);
        if (auto fonts = loadFonts_(next)) {
            metrics_ = next;
            fonts_ = *fonts;
        } else {
            // The atlas was cleared: load the old size again (not tried again until the next toggle).
            spdlog::error("larger text unavailable: {}", fonts.error().message);
            if (auto previous = loadFonts_(metrics_)) fonts_ = *previous;
        }
    }
    applyTheme(metrics_);
    shownDisplay_ = wanted;
    spdlog::info("look: {} text, {} contrast", wanted.largeText ? "larger" : "standard",
                 wanted.highContrast ? "high" : "standard");
}

ScreenContext KioskApp::context(kiosk::SteadyTime now) {
    ScreenContext context{catalogue_,
                          config_,
                          *journey_,
                          session_,
                          metrics_,
                          fonts_,
                          now,
                          core_->storageProblem() ? &*core_->storageProblem() : nullptr,
                          textures_,
                          imagesDir_,
                          core_->desk(),
                          printing_.get(),
                          diagnostics_.get()};
    context.guidePrinter = guidePrinter_.get();
    context.speech = speech_.get();
    context.staff = &staffEntry_;
    context.deskNumber = deskNumber_;
    return context;
}

void KioskApp::onCitizenInput() {
    if (auto* desk = core_->desk(); desk && desk->isOpen()) {
        desk->desk().noteInput(clock_.now());
        return;
    }
    journey_->noteInput(clock_.now());
}

std::chrono::milliseconds KioskApp::sleepBudget() {
    // While the core retries opening the database, wake up to collect its attempts.
    if (core_->storageProblem()) return std::min(awakeBudget(), kStorageRetryPoll);
    return awakeBudget();
}

std::chrono::milliseconds KioskApp::awakeBudget() {
    const auto now = clock_.now();
    if (diagnostics_ && diagnostics_->isOpen()) return diagnostics_->sleepBudget();
    // A commit or a print result is coming: keep drawing (the citizen sees "saving…").
    if (core_->busy() || (printing_ && printing_->busy())) return kAnimationFrame;
    if (guidePrinter_ && guidePrinter_->busy()) return kAnimationFrame;  // a print result is coming
    if (auto* desk = core_->desk(); desk && desk->isOpen()) return desk->sleepBudget(now);
    // A finger held down (the staff entry's 2 s press) needs frames to be noticed.
    if (ImGui::GetIO().MouseDown[0]) return kAnimationFrame;
    auto untilIdleChange = journey_->tick(now).untilNextChange;
    // A help request waiting for "I'm coming": the screen names the volunteer within a second.
    untilIdleChange = std::min(untilIdleChange, journey_->help().sleepBudget(now));
    if (speech_ && speech_->speaking()) untilIdleChange = std::min(untilIdleChange, speech_->sleepBudget());
    if (journey_->wantsCamera()) return std::min(untilIdleChange, kCameraFrame);
    if (walkthroughScreenAnimates(context(now))) return std::min(untilIdleChange, kAnimationFrame);
    return untilIdleChange;
}

void KioskApp::closeScanner() {
    std::erase_if(closingScanners_, [](const ClosingScanner& closing) { return closing.closed->load(); });
    if (!scanner_) return;
    auto closed = std::make_shared<std::atomic<bool>>(false);
    std::jthread thread([scanner = std::move(scanner_), closed]() mutable {
        scanner.reset();  // stops and joins the camera and decoder threads
        closed->store(true);
    });
    closingScanners_.push_back(ClosingScanner{std::move(closed), std::move(thread)});
}

ScannerView KioskApp::updateScanner() {
    if (!journey_->wantsCamera() || (core_->desk() && core_->desk()->isOpen())) {
        closeScanner();
        return {};
    }
    if (!scanner_) scanner_ = std::make_unique<ScannerDevices>(cameraSource_);
    if (journey_->place().screen == Screen::Ticket) {
        // The household card scan: no scan statistics, and nothing of the card is kept.
        if (auto code = scanner_->takeNewCode()) {
            journey_->householdCodeFound(kiosk::scan::understandPayload(code->text, banks_), clock_.now());
            kiosk::session::wipeString(code->text);
        }
    } else if (auto code = scanner_->takeNewCode(); code && !session_.scanned()) {
        auto payload = kiosk::scan::understandPayload(code->text, banks_);
        kiosk::session::wipeString(code->text);  // the session keeps the payload and wipes it
        core_->journeyStore().countScan(kiosk::scan::kindName(payload.kind));
        journey_->scanFound(std::move(payload), clock_.now());
    }
    ScannerView view;
    view.preview = scanner_->preview(textures_);
    const auto state = scanner_->cameraState();
    view.cameraMissing =
        state == devices::ScannerCameraState::NoCamera || state == devices::ScannerCameraState::Failed;
    const auto corners = scanner_->latestOutline();
    // Half a second without a code: a frame the decoder missed is not a code taken away.
    const auto now = clock_.now();
    if (corners) {
        codeAbsentSince_.reset();
    } else if (!codeAbsentSince_) {
        codeAbsentSince_ = now;
    }
    if (codeAbsentSince_ && now - *codeAbsentSince_ >= std::chrono::milliseconds(500))
        journey_->codeLeftView();
    if (corners) {
        std::array<ImVec2, 4> outline;
        for (size_t i = 0; i < 4; ++i)
            outline[i] = ImVec2((*corners)[2 * i], (*corners)[2 * i + 1]);
        view.outline = outline;
    }
    return view;
}

// Reading stops as soon as the screen no longer shows what is being read: another step, Back,
// Home, a new code, another language, the idle wipe, or the desk taking the screen.
void KioskApp::updateSpeech() {
    if (!speech_) return;
    speech_->update();
    if (!speech_->speaking()) return;
    const bool staffScreen =
        (diagnostics_ && diagnostics_->isOpen()) || (core_->desk() && core_->desk()->isOpen());
    const auto onScreen =
        staffScreen ? std::nullopt : kiosk::speech::spokenTextFor(*journey_, session_, catalogue_);
    if (!onScreen || *onScreen != *speech_->current()) speech_->stop("the citizen moved on");
}

std::string KioskApp::screenKey() {
    if (diagnostics_ && diagnostics_->isOpen()) return "diagnostics";
    if (staffEntry_.menuOpen) return "staff-menu";
    if (auto* desk = core_->desk(); desk && desk->isOpen())
        return "desk:" + std::to_string(static_cast<int>(desk->desk().screen()));
    std::string key = journey_->describePlace();
    key += "|" + std::to_string(static_cast<int>(journey_->ticket().step()));
    if (session_.scanned()) key += "|result";
    // A read of the idle state, not tick(): working out the key must not poll or end the session.
    if (journey_->place().screen != Screen::Attract && idle_.stateAt(clock_.now()).phase == IdlePhase::Asking)
        key += "|still-there";
    return key;
}

void KioskApp::ignoreTapsOnNewScreens(kiosk::SteadyTime now) {
    // Longer than a double tap's gap, shorter than anyone reads a new screen and reaches for it.
    constexpr auto kNewScreenCalm = std::chrono::milliseconds(300);
    std::string key = screenKey();
    if (key != lastScreenKey_) {
        lastScreenKey_ = std::move(key);
        screenShownAt_ = now;
    }
    widgetRegistry().setTapsIgnored(now - screenShownAt_ < kNewScreenCalm);
}

void KioskApp::drawFrame() {
    const auto now = clock_.now();
    core_->update();
    attachStorageParts();
    ignoreTapsOnNewScreens(now);
    drawScreens(now);
    // Again after drawing: a code found or a button tapped this frame changed the screen, and the
    // touch the UI script (or a finger) sends next must already meet the new screen's calm moment.
    ignoreTapsOnNewScreens(clock_.now());
}

void KioskApp::drawScreens(kiosk::SteadyTime now) {
    updateSpeech();
    if (printing_) printing_->update();
    if (guidePrinter_) guidePrinter_->update();
    if (diagnostics_) {
        diagnostics_->update();
        if (diagnostics_->isOpen()) {
            if (journey_->place().screen != Screen::Attract) journey_->finish();
            updateScanner();
            diagnostics_->draw(SetupView{catalogue_, session_.language(), metrics_, fonts_, textures_, now});
            return;
        }
    }
    if (auto* desk = core_->desk()) {
        desk->update(now);
        if (deskNumber_ > 0 && !desk->isOpen()) desk->open(now);  // a desk of its own never closes
        if (desk->helpAlerts() != heardHelpAlerts_) {
            heardHelpAlerts_ = desk->helpAlerts();
            if (desk->isOpen()) speech_->chime();
        }
        if (desk->isOpen()) {
            // The citizen side rests on the attract screen meanwhile, its session already wiped.
            if (journey_->place().screen != Screen::Attract) journey_->finish();
            updateScanner();
            drawDesk(context(now), *desk);
            return;
        }
    }
    const kiosk::session::IdleState idle = journey_->tick(now);
    const ScreenContext screen = context(now);
    const ScannerView scanner = updateScanner();
    switch (journey_->place().screen) {
        case Screen::Attract: drawAttractScreen(screen); break;
        case Screen::Language: drawLanguageScreen(screen); break;
        case Screen::Home: drawHomeScreen(screen); break;
        case Screen::ComingSoon: drawComingSoonScreen(screen); break;
        case Screen::WalkthroughList: drawWalkthroughListScreen(screen); break;
        case Screen::Walkthrough: drawWalkthroughScreen(screen); break;
        case Screen::Scanner: drawScannerScreen(screen, scanner); break;
        case Screen::Ticket: drawTicketScreen(screen, scanner); break;
        case Screen::HelpRequested: drawHelpRequestedScreen(screen); break;
    }
    if (idle.phase == IdlePhase::Asking && journey_->place().screen != Screen::Attract) {
        drawIdlePrompt(screen, idle.secondsLeft);
    }
}

}  // namespace ui
