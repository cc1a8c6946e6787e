#include "ui/setup/DiagnosticsScreen.h"

#include <SDL.h>
#include <spdlog/spdlog.h>

#include <ctime>

#include "kiosk/Files.h"
#include "kiosk/diag/SupportBundle.h"
#include "kiosk/helplog/KioskPinPause.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/setup/TechnicianPin.h"
#include "ui/Widgets.h"

namespace ui {

namespace fs = std::filesystem;
using kiosk::i18n::MessageId;
using Completion = kiosk::store::BackgroundWorker::Completion;

namespace {

constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar |
                                    ImGuiWindowFlags_NoScrollWithMouse;

std::string utcStamp() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
    return text;
}

}  // namespace

DiagnosticsScreen::DiagnosticsScreen(kiosk::diag::DoctorInputs inputs, kiosk::service::KioskCore& core,
                                     std::string bundleFolder)
    : inputs_(std::move(inputs)),
      core_(core),
      bundleFolder_(std::move(bundleFolder)),
      worker_(std::make_unique<kiosk::store::BackgroundWorker>()) {}

DiagnosticsScreen::~DiagnosticsScreen() = default;

void DiagnosticsScreen::open() {
    phase_ = Phase::EnterPin;
    pin_.clear();
    pinError_.reset();
    report_.reset();
    bundleSaved_.reset();
    bundleProblem_.reset();
    requeued_.reset();
    requeueProblem_.reset();
}

void DiagnosticsScreen::close() {
    phase_ = Phase::Closed;
    std::fill(pin_.begin(), pin_.end(), '\0');
    pin_.clear();
    report_.reset();  // nothing of it stays on a citizen's screen
}

std::chrono::milliseconds DiagnosticsScreen::sleepBudget() const {
    const bool waiting = worker_->outstanding() > 0 || phase_ == Phase::CheckingPin || requeuing_;
    return waiting ? std::chrono::milliseconds(30) : std::chrono::milliseconds(1000);
}

void DiagnosticsScreen::checkPin() {
    phase_ = Phase::CheckingPin;
    pinError_.reset();
    // The check (Argon2id, the lock in the database) runs on the core's storage thread.
    core_.checkTechnicianPin(std::exchange(pin_, std::string()),
                             [this](kiosk::Result<kiosk::setup::TechnicianPinResult> check) {
                                 if (!check) {
                                     phase_ = Phase::EnterPin;
                                     pinError_ = check.error().message;
                                     return;
                                 }
                                 using kiosk::setup::TechnicianPinCheck;
                                 // The lock and the tries left are the core's rule
                                 // (kiosk/setup/TechnicianPin.h); the pad only shows them.
                                 if (check->check == TechnicianPinCheck::NotSet) {
                                     phase_ = Phase::NoPin;
                                 } else if (check->check == TechnicianPinCheck::Wrong) {
                                     phase_ = Phase::EnterPin;
                                     attemptsLeft_ = check->attemptsLeft;
                                     pinError_ = "";  // the pad says how many tries are left
                                 } else if (check->check == TechnicianPinCheck::Locked) {
                                     phase_ = Phase::EnterPin;
                                     lockedUntil_ = std::chrono::steady_clock::now() + check->lockedFor;
                                     pinError_ = "";
                                 } else if (check->check == TechnicianPinCheck::Paused) {
                                     phase_ = Phase::EnterPin;
                                     pausedUntil_ = std::chrono::steady_clock::now() + check->lockedFor;
                                     pinError_.reset();
                                 } else {
                                     spdlog::info("diagnostics: opened by the technician");
                                     runDoctor();
                                 }
                             });
}

void DiagnosticsScreen::runDoctor() {
    phase_ = Phase::Running;
    worker_->post([this]() -> Completion {
        auto report = kiosk::diag::runDoctor(inputs_);
        return [this, report = std::move(report)]() mutable {
            if (phase_ == Phase::Closed) return;
            report_ = std::move(report);
            phase_ = Phase::Report;
        };
    });
}

void DiagnosticsScreen::saveBundle() {
    if (!report_ || worker_->outstanding() > 0) return;
    bundleSaved_.reset();
    bundleProblem_.reset();
    const fs::path out = fs::path(bundleFolder_) /
                         ("commune-kiosk-support-" + inputs_.config.kioskId + "-" + utcStamp() + ".tar.gz");
    worker_->post([this, out, report = *report_]() -> Completion {
        std::optional<std::string> configText;
        if (inputs_.configFile) {
            auto read = kiosk::readTextFile(*inputs_.configFile);
            configText = read ? std::move(read).value() : "# the config file could not be read\n";
        }
        kiosk::Status written =
            kiosk::diag::writeSupportBundle(out, kiosk::diag::supportFiles(report, configText));
        if (!written) return [this, why = written.error().message] { bundleProblem_ = why; };
        return [this, out] { bundleSaved_ = out.string(); };
    });
}

void DiagnosticsScreen::requeueRejected() {
    if (requeuing_) return;
    requeuing_ = true;
    requeued_.reset();
    requeueProblem_.reset();
    // A write: the core's storage thread does it, never this screen (DESIGN.md, "Threads").
    core_.requeueRejectedEvents([this](kiosk::Result<int64_t> requeued) {
        requeuing_ = false;
        if (phase_ == Phase::Closed) return;
        if (!requeued) {
            requeueProblem_ = requeued.error().message;
            return;
        }
        spdlog::info("diagnostics: {} rejected events requeued by the technician", *requeued);
        requeued_ = *requeued;
        runDoctor();  // the backlog line now counts them as waiting
    });
}

void DiagnosticsScreen::drawPin(const SetupView& view, float width) {
    const Metrics& m = view.metrics;
    const auto now = std::chrono::steady_clock::now();
    const bool locked = lockedUntil_ && now < *lockedUntil_;
    const bool paused = !locked && pausedUntil_ && now < *pausedUntil_;
    if (paused) {
        // The whole kiosk's PIN pause (kiosk/helplog/KioskPinPause.h), counted down.
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*pausedUntil_ - now);
        notice(view.format(MessageId::DiagPinPaused, {{"time", kiosk::helplog::pauseCountdownText(left)}}),
               view.fonts.bodyBold, NoticeStyle::Danger, width, m);
    } else if (locked) {
        const auto minutes =
            std::chrono::duration_cast<std::chrono::minutes>(*lockedUntil_ - now).count() + 1;
        notice(view.format(MessageId::DiagPinLocked, {{"minutes", std::to_string(minutes)}}),
               view.fonts.bodyBold, NoticeStyle::Danger, width, m);
    } else if (phase_ == Phase::NoPin) {
        notice(view.tr(MessageId::DiagNoPin), view.fonts.bodyBold, NoticeStyle::Danger, width, m);
    } else if (phase_ == Phase::CheckingPin) {
        notice(view.tr(MessageId::DiagChecking), view.fonts.bodyBold, NoticeStyle::Calm, width, m);
    } else if (pinError_ && pinError_->empty()) {
        notice(view.format(MessageId::DiagPinWrong, {{"count", std::to_string(attemptsLeft_)}}),
               view.fonts.bodyBold, NoticeStyle::Danger, width, m);
    } else if (pinError_) {
        notice(*pinError_, view.fonts.body, NoticeStyle::Danger, width, m);
    }
    if (locked || paused || phase_ == Phase::NoPin) return;
    pinPad(view, pin_, "", width);
    if (pin_.size() == 6 && phase_ == Phase::EnterPin) checkPin();
}

void DiagnosticsScreen::drawReport(const SetupView& view, float width) {
    const Metrics& m = view.metrics;
    if (phase_ == Phase::Running || !report_) {
        text(view.tr(MessageId::DiagRunning), view.fonts.bodyBold, palette().mutedText, width);
        return;
    }
    int problems = 0;
    for (const auto& check : report_->checks)
        problems += check.problem ? 1 : 0;
    if (problems == 0) {
        notice(view.tr(MessageId::DiagHealthy), view.fonts.bodyBold, NoticeStyle::Calm, width, m);
    } else {
        notice(view.format(MessageId::DiagProblems, {{"count", std::to_string(problems)}}),
               view.fonts.bodyBold, NoticeStyle::Danger, width, m);
    }
    // The bundle row, then the keys while its folder is being typed.
    const float fieldWidth = width * 0.6f;
    const ImVec2 row = ImGui::GetCursorScreenPos();
    textField(view, view.tr(MessageId::DiagBundleFolder), "##bundle-folder", bundleFolder_, folderFocused_,
              fieldWidth);
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(row.x + fieldWidth + m.gap, ImGui::GetItemRectMax().y - m.touchTarget));
    const bool saving = worker_->outstanding() > 0;
    if (bigButton(view.tr(saving ? MessageId::DiagBundleSaving : MessageId::DiagSaveBundle),
                  ImVec2(width - fieldWidth - m.gap, m.touchTarget), ButtonStyle::Primary,
                  !saving && !bundleFolder_.empty())) {
        folderFocused_ = false;
        saveBundle();
    }
    ImGui::SetCursorScreenPos(after);
    if (bundleSaved_) {
        notice(view.format(MessageId::DiagBundleSaved, {{"file", *bundleSaved_}}), view.fonts.body,
               NoticeStyle::Calm, width, m);
    }
    if (bundleProblem_) {
        notice(view.format(MessageId::DiagBundleFailed, {{"reason", *bundleProblem_}}), view.fonts.body,
               NoticeStyle::Danger, width, m);
    }
    if (requeued_) {
        notice(view.format(MessageId::DiagRequeued, {{"count", std::to_string(*requeued_)}}), view.fonts.body,
               NoticeStyle::Calm, width, m);
    }
    if (requeueProblem_) {
        notice(view.format(MessageId::DiagRequeueFailed, {{"reason", *requeueProblem_}}), view.fonts.body,
               NoticeStyle::Danger, width, m);
    }
    const float footer = m.height - m.margin - m.touchTarget - m.gap;
    if (folderFocused_) {
        const float keys = touchKeyboardHeight(m, KeyboardLayout::Qwerty);
        ImGui::SetCursorScreenPos(ImVec2(m.margin, std::max(ImGui::GetCursorScreenPos().y, footer - keys)));
        touchKeyboard(view, keyboard_, KeyboardLayout::Qwerty, bundleFolder_, 300, width);
        return;
    }
    beginTouchScroll("doctor", ImVec2(width, footer - ImGui::GetCursorScreenPos().y));
    const float nameWidth = width * 0.22f;
    for (const auto& check : report_->checks) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        text(check.label.empty() ? check.name : check.label, view.fonts.bodyBold,
             check.problem ? palette().danger : palette().text, nameWidth);
        ImGui::SetCursorScreenPos(ImVec2(at.x + nameWidth, at.y));
        ImGui::BeginGroup();
        text(check.value, view.fonts.body, check.problem ? palette().danger : palette().text,
             width - nameWidth - m.gap);
        if (check.problem && !check.advice.empty())
            text(check.advice, view.fonts.body, palette().mutedText, width - nameWidth - m.gap);
        ImGui::EndGroup();
    }
    ImGui::Dummy(ImVec2(0, m.gap / 2));
    text(view.tr(MessageId::DiagLogTail), view.fonts.bodyBold, palette().text, width);
    if (!report_->logNote.empty()) text(report_->logNote, view.fonts.body, palette().mutedText, width);
    for (const auto& line : report_->logTail)
        text(line, view.fonts.body, palette().mutedText, width - m.gap);
    endTouchScroll(view.scrollCue());
}

void DiagnosticsScreen::draw(const SetupView& view) {
    const Metrics& m = view.metrics;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(m.width, m.height));
    ImGui::Begin("diagnostics", nullptr, kFlags);
    const bool pinPhase = phase_ == Phase::EnterPin || phase_ == Phase::CheckingPin || phase_ == Phase::NoPin;
    text(view.tr(pinPhase ? MessageId::DiagPinTitle : MessageId::DiagTitle), view.fonts.title,
         palette().text);
    const float width = m.width - 2 * m.margin;
    if (pinPhase) {
        drawPin(view, width);
    } else {
        drawReport(view, width);
    }
    const float button = std::min(420 * m.scale, width / 3);
    ImGui::SetCursorScreenPos(ImVec2(m.margin, m.height - m.margin - m.touchTarget));
    if (bigButton(view.tr(MessageId::DiagClose), ImVec2(button, m.touchTarget), ButtonStyle::Secondary))
        close();
    if (phase_ == Phase::Report && (requeuing_ || (report_ && report_->rejectedEvents > 0))) {
        const float wide = width - 2 * (button + m.gap);
        ImGui::SetCursorScreenPos(ImVec2(m.margin + button + m.gap, m.height - m.margin - m.touchTarget));
        const std::string label =
            requeuing_
                ? view.tr(MessageId::DiagRequeuing)
                : view.format(MessageId::DiagRequeue, {{"count", std::to_string(report_->rejectedEvents)}});
        if (bigButton(label, ImVec2(wide, m.touchTarget), ButtonStyle::Primary, !requeuing_))
            requeueRejected();
    }
    if (phase_ == Phase::Report) {
        ImGui::SetCursorScreenPos(ImVec2(m.width - m.margin - button, m.height - m.margin - m.touchTarget));
        if (bigButton(view.tr(MessageId::DiagRefresh), ImVec2(button, m.touchTarget), ButtonStyle::Secondary,
                      worker_->outstanding() == 0)) {
            runDoctor();
        }
    }
    ImGui::End();
}

DiagnosticsApp::DiagnosticsApp(std::unique_ptr<kiosk::service::KioskCore> core,
                               kiosk::diag::DoctorInputs inputs, std::string bundleFolder,
                               const kiosk::i18n::Catalogue& catalogue, kiosk::i18n::Language language,
                               Metrics metrics, Fonts fonts)
    : core_(std::move(core)),
      screen_(std::make_unique<DiagnosticsScreen>(std::move(inputs), *core_, std::move(bundleFolder))),
      catalogue_(catalogue),
      language_(language),
      metrics_(metrics),
      fonts_(fonts) {
    screen_->open();
}

void DiagnosticsApp::drawFrame() {
    core_->update();
    screen_->update();
    if (!screen_->isOpen()) {
        SDL_Event quit{};
        quit.type = SDL_QUIT;
        SDL_PushEvent(&quit);
        return;
    }
    screen_->draw(SetupView{catalogue_, language_, metrics_, fonts_, textures_, clock_.now()});
}

}  // namespace ui
