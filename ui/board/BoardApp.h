// `commune-kiosk board`: the centre's "now serving" TV. Per desk the number it called last in
// very large type, the next numbers of each line, and each call spoken after a chime ("Mời số
// A-12 đến bàn số 2"), again on a recall. Composition only: the state comes from
// kiosk::centre::BoardFeed (its own thread, its own connection), the words from the catalogue,
// the voice from SpeechPlayer. Nothing personal is shown or said: tickets carry no names.
//
// The screen sleeps until the feed has news: the feed's thread posts an SDL event, which wakes
// the platform loop at once (no polling of the database, no busy frames).
#pragma once

#include <chrono>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/centre/BoardFeed.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/i18n/Catalogue.h"
#include "kiosk/queue/Service.h"
#include "ui/Platform.h"
#include "ui/SpeechPlayer.h"
#include "ui/Theme.h"

namespace ui {

struct BoardParts {
    kiosk::config::KioskConfig config;
    kiosk::i18n::Catalogue catalogue;
    std::vector<kiosk::queue::Service> services;     // for the lines' names; letters alone without
    std::optional<std::filesystem::path> speechOut;  // --speech-out: each call also as a WAV file
};

class BoardApp final : public FrameHandler {
public:
    BoardApp(BoardParts parts, Metrics metrics, Fonts fonts);
    ~BoardApp() override;

    void drawFrame() override;
    std::chrono::milliseconds sleepBudget() override;
    void onCitizenInput() override {}  // a TV: nobody touches it

    kiosk::ManualOffsetClock& clock() { return clock_; }

private:
    void speakNextCall();
    void noteShownCalls(const kiosk::centre::BoardState& state);
    void drawHeader(const kiosk::centre::BoardSnapshot& shown, float height);
    void drawDesks(const kiosk::centre::BoardState& state, ImVec2 min, ImVec2 max);
    void drawNextNumbers(const kiosk::centre::BoardModel& board, ImVec2 min, ImVec2 max);
    std::string serviceName(char letter) const;

    BoardParts parts_;
    Metrics metrics_;
    Fonts fonts_;
    kiosk::ManualOffsetClock clock_;
    kiosk::SystemWallClock wallClock_;
    SpeechPlayer speech_;
    std::deque<kiosk::centre::Announcement> waitingCalls_;  // spoken one after another, never cut
    int callsSpoken_ = 0;
    // The desk whose call was said last stands out for a while, for those who looked up late.
    int highlightedDesk_ = 0;
    kiosk::SteadyTime highlightUntil_{};
    std::map<int, std::string> shownAtDesk_;          // desk -> ticket id, to log each new call once
    std::unique_ptr<kiosk::centre::BoardFeed> feed_;  // last: its thread calls into the SDL queue
};

// The board's type sizes: the numbers read from across a room (about 30 cm tall on a 55" TV).
Metrics boardMetrics(float width, float height);

}  // namespace ui
