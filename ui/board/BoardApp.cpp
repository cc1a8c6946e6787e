#include "ui/board/BoardApp.h"

#include <SDL.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "ui/WidgetRegistry.h"
#include "ui/Widgets.h"

namespace ui {

using kiosk::i18n::MessageId;
using namespace std::chrono_literals;

namespace {

constexpr auto kHighlightFor = 10s;
constexpr std::size_t kNextShown = 4;  // per line: more would not be read from the back of the room

// The board loop sleeps in SDL_WaitEventTimeout; an event of ours ends the sleep at once. Pushing
// is thread-safe in SDL2, so the feed's thread may call this.
void wakeTheUiLoop() {
    SDL_Event event{};
    event.type = SDL_USEREVENT;
    SDL_PushEvent(&event);
}

std::string deskTitle(const kiosk::i18n::Catalogue& catalogue, kiosk::i18n::Language language, int desk) {
    return kiosk::i18n::formatMessage(catalogue.text(language, MessageId::BoardDesk),
                                      {{"desk", std::to_string(desk)}});
}

// Text drawn at `size` px from a face loaded at another size, centred in [minX, maxX].
void centredText(ImDrawList* draw, ImFont* font, float size, std::string_view value, float minX, float maxX,
                 float y, ImU32 color) {
    const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0, value.data(), value.data() + value.size());
    const ImVec2 at(std::floor((minX + maxX - extent.x) / 2), std::floor(y));
    draw->AddText(font, size, at, color, value.data(), value.data() + value.size());
    widgetRegistry().record(value, at, ImVec2(at.x + extent.x, at.y + extent.y), true, false);
}

// `value` cut to `width` with an ellipsis, at a UTF-8 character boundary (Vietnamese names).
std::string fitted(std::string value, ImFont* font, float size, float width) {
    auto widthOf = [&](const std::string& text) {
        return font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str()).x;
    };
    if (widthOf(value) <= width) return value;
    while (!value.empty() && widthOf(value + "…") > width) {
        // One character: its continuation bytes (10xxxxxx), then its first byte.
        while ((static_cast<unsigned char>(value.back()) & 0xC0) == 0x80 && value.size() > 1)
            value.pop_back();
        value.pop_back();
    }
    return value + "…";
}

}  // namespace

Metrics boardMetrics(float width, float height) {
    Metrics m = metricsFor(width, height);
    const float scale = std::min(width / 1920.0f, height / 1080.0f);
    m.bodyPx = std::max(28.0f, 44 * scale);
    m.titlePx = std::max(40.0f, 72 * scale);
    // The tallest a number can be drawn: three desks in a row take it at 1080p and at 800p.
    m.hugePx = std::round(height * 0.3f);
    return m;
}

BoardApp::BoardApp(BoardParts parts, Metrics metrics, Fonts fonts)
    : parts_(std::move(parts)), metrics_(metrics), fonts_(fonts), speech_(parts_.config.speech) {
    if (parts_.speechOut) speech_.recordTo(*parts_.speechOut);
    feed_ =
        std::make_unique<kiosk::centre::BoardFeed>(parts_.config.centre.database, wallClock_, wakeTheUiLoop,
                                                   kiosk::centre::ListenerRetry{}, parts_.config.kioskId);
}

BoardApp::~BoardApp() {
    feed_.reset();  // joins the feed's thread before the window and SDL go
}

std::string BoardApp::serviceName(char letter) const {
    const auto* service = kiosk::queue::findService(parts_.services, letter);
    if (!service) return std::string(1, letter);
    return std::string(1, letter) + " · " +
           service->name.in(kiosk::i18n::languageCode(parts_.config.language));
}

void BoardApp::speakNextCall() {
    for (auto& call : feed_->takeAnnouncements())
        waitingCalls_.push_back(std::move(call));
    speech_.update();
    if (speech_.speaking() || waitingCalls_.empty()) return;
    const kiosk::centre::Announcement call = waitingCalls_.front();
    waitingCalls_.pop_front();
    highlightedDesk_ = call.desk;
    highlightUntil_ = clock_.now() + kHighlightFor;
    const auto language = parts_.config.language;
    char name[64];
    std::snprintf(name, sizeof name, "call-%04d-%s-desk-%d", ++callsSpoken_, call.number.c_str(), call.desk);
    spdlog::info("board: calling {} to desk {}{}", call.number, call.desk, call.repeated ? " again" : "");
    speech_.announce({kiosk::centre::spokenCall(parts_.catalogue, language, call), language, "board call"},
                     name);
}

void BoardApp::noteShownCalls(const kiosk::centre::BoardState& state) {
    // Logged when the frame that shows it is drawn: the UI test times NOTIFY-to-screen from this.
    for (const auto& call : state.desks) {
        auto& shown = shownAtDesk_[call.desk];
        if (shown == call.ticketId) continue;
        shown = call.ticketId;
        spdlog::info("board: desk {} shows {}", call.desk, call.number);
    }
}

std::chrono::milliseconds BoardApp::sleepBudget() {
    if (!waitingCalls_.empty() || speech_.speaking()) return speech_.sleepBudget();
    const auto now = clock_.now();
    if (highlightedDesk_ != 0 && now < highlightUntil_)
        return std::chrono::ceil<std::chrono::milliseconds>(highlightUntil_ - now);
    // News wakes the loop through an SDL event; nothing else changes the board by itself.
    return std::chrono::hours(1);
}

void BoardApp::drawHeader(const kiosk::centre::BoardSnapshot& shown, float height) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const auto language = parts_.config.language;
    const bool offline = !shown.connected && !shown.problem.empty();
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(metrics_.width, height),
                        offline ? palette().danger : palette().primary);
    const std::string& title =
        parts_.catalogue.text(language, offline ? MessageId::BoardOffline : MessageId::BoardTitle);
    ImFont* font = offline ? fonts_.bodyBold : fonts_.title;
    const float y = (height - font->FontSize) / 2;
    centredText(draw, font, font->FontSize, title, metrics_.margin, metrics_.width - metrics_.margin, y,
                palette().onPrimary);
}

void BoardApp::drawDesks(const kiosk::centre::BoardState& state, ImVec2 min, ImVec2 max) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const auto language = parts_.config.language;
    const float gap = metrics_.gap;
    if (state.desks.empty()) {
        const std::string& none = parts_.catalogue.text(language, MessageId::BoardNotCalledYet);
        centredText(draw, fonts_.title, fonts_.title->FontSize, none, min.x, max.x,
                    (min.y + max.y - fonts_.title->FontSize) / 2, palette().mutedText);
        return;
    }
    const int count = static_cast<int>(state.desks.size());
    // As many columns as fit a number at a readable size: up to 4 desks in a row, then rows.
    const int columns = count <= 4 ? count : std::min(4, (count + 1) / 2);
    const int rows = (count + columns - 1) / columns;
    const float cardWidth = (max.x - min.x - gap * (columns - 1)) / columns;
    const float cardHeight = (max.y - min.y - gap * (rows - 1)) / rows;
    const bool highlighting = clock_.now() < highlightUntil_;
    for (int i = 0; i < count; ++i) {
        const auto& call = state.desks[static_cast<size_t>(i)];
        const ImVec2 cardMin(min.x + (i % columns) * (cardWidth + gap),
                             min.y + (i / columns) * (cardHeight + gap));
        const ImVec2 cardMax(cardMin.x + cardWidth, cardMin.y + cardHeight);
        const bool latest = highlighting && call.desk == highlightedDesk_;
        const ImU32 band = latest ? palette().help : palette().primary;
        const float rounding = metrics_.rounding;
        draw->AddRectFilled(cardMin, cardMax, palette().surface, rounding);
        draw->AddRect(cardMin, cardMax, latest ? palette().help : palette().border, rounding, 0,
                      latest ? 8 * metrics_.scale : 2);
        // The desk's name on a band across the top of its card.
        const float titleSize = std::min(fonts_.title->FontSize, cardHeight * 0.16f);
        const float bandHeight = titleSize * 1.5f;
        draw->AddRectFilled(cardMin, ImVec2(cardMax.x, cardMin.y + bandHeight), band, rounding,
                            ImDrawFlags_RoundCornersTop);
        const std::string title = deskTitle(parts_.catalogue, language, call.desk);
        centredText(draw, fonts_.title, titleSize, title, cardMin.x, cardMax.x,
                    cardMin.y + (bandHeight - titleSize) / 2, palette().onPrimary);
        // The number as large as the card allows, never larger than the face was made (blur).
        const float room = cardHeight - bandHeight;
        float size = std::min(fonts_.huge->FontSize, room * 0.8f);
        const ImVec2 wide = fonts_.huge->CalcTextSizeA(size, FLT_MAX, 0, call.number.data(),
                                                       call.number.data() + call.number.size());
        if (wide.x > cardWidth * 0.9f) size *= cardWidth * 0.9f / wide.x;
        centredText(draw, fonts_.huge, size, call.number, cardMin.x, cardMax.x,
                    cardMin.y + bandHeight + (room - size) / 2, latest ? palette().help : palette().text);
        // The card as a whole, "Bàn 2: A012", for the UI script to find a number at its desk.
        widgetRegistry().record(title + ": " + call.number, cardMin, cardMax, true, false);
    }
}

void BoardApp::drawNextNumbers(const kiosk::centre::BoardModel& board, ImVec2 min, ImVec2 max) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const auto language = parts_.config.language;
    draw->AddRectFilled(min, max, palette().secondary, metrics_.rounding);
    const float pad = metrics_.gap;
    const std::string& heading = parts_.catalogue.text(language, MessageId::BoardNext);
    draw->AddText(fonts_.bodyBold, fonts_.bodyBold->FontSize, ImVec2(min.x + pad, min.y + pad * 0.6f),
                  palette().mutedText, heading.c_str());
    widgetRegistry().record(heading, ImVec2(min.x + pad, min.y + pad * 0.6f),
                            ImVec2(max.x, min.y + pad * 0.6f + fonts_.bodyBold->FontSize), true, false);
    std::vector<const kiosk::centre::ServiceLine*> lines;
    for (const auto& line : board.state().lines)
        if (!line.waiting.empty()) lines.push_back(&line);
    const float top = min.y + pad * 0.6f + fonts_.bodyBold->FontSize + pad * 0.4f;
    if (lines.empty()) {
        const std::string& none = parts_.catalogue.text(language, MessageId::BoardNoneWaiting);
        centredText(draw, fonts_.title, fonts_.title->FontSize, none, min.x, max.x,
                    (top + max.y - fonts_.title->FontSize) / 2, palette().mutedText);
        return;
    }
    const float columnWidth = (max.x - min.x - pad) / static_cast<float>(lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
        const float x = min.x + pad + columnWidth * static_cast<float>(i);
        const float room = columnWidth - pad;
        const std::string name =
            fitted(serviceName(lines[i]->service), fonts_.body, fonts_.body->FontSize, room);
        draw->PushClipRect(ImVec2(x, min.y), ImVec2(x + room, max.y), true);
        draw->AddText(fonts_.body, fonts_.body->FontSize, ImVec2(x, top), palette().text, name.c_str());
        const float nameWidth = fonts_.body->CalcTextSizeA(fonts_.body->FontSize, FLT_MAX, 0, name.c_str()).x;
        widgetRegistry().record(name, ImVec2(x, top), ImVec2(x + nameWidth, top + fonts_.body->FontSize),
                                true, false);
        const float size =
            std::min(fonts_.title->FontSize, (max.y - top - fonts_.body->FontSize - pad * 0.8f) * 0.95f);
        // As many of the next numbers as fit the column whole; the first always does.
        std::string numbers;
        for (const std::string& number : board.nextNumbers(lines[i]->service, kNextShown)) {
            const std::string longer = numbers.empty() ? number : numbers + "   " + number;
            if (!numbers.empty() && fonts_.title->CalcTextSizeA(size, FLT_MAX, 0, longer.c_str()).x > room)
                break;
            numbers = longer;
        }
        const ImVec2 at(x, top + fonts_.body->FontSize + pad * 0.4f);
        draw->AddText(fonts_.title, size, at, palette().primary, numbers.c_str());
        const ImVec2 extent = fonts_.title->CalcTextSizeA(size, FLT_MAX, 0, numbers.c_str());
        widgetRegistry().record(numbers, at, ImVec2(at.x + extent.x, at.y + extent.y), true, false);
        draw->PopClipRect();
    }
}

void BoardApp::drawFrame() {
    speakNextCall();
    const auto shown = feed_->snapshot();

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(metrics_.width, metrics_.height));
    // No padding or border: the header band runs to the screen's edges (ImGui clips a window's
    // drawing to inside its padding).
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::Begin("board", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
    const float headerHeight = std::round(metrics_.height * 0.11f);
    const float footerHeight = std::round(metrics_.height * 0.24f);
    const float margin = metrics_.margin * 0.6f;
    drawHeader(*shown, headerHeight);
    drawDesks(shown->board.state(), ImVec2(margin, headerHeight + margin),
              ImVec2(metrics_.width - margin, metrics_.height - footerHeight - margin));
    drawNextNumbers(shown->board, ImVec2(margin, metrics_.height - footerHeight),
                    ImVec2(metrics_.width - margin, metrics_.height - margin));
    ImGui::End();
    ImGui::PopStyleVar(2);
    noteShownCalls(shown->board.state());
}

}  // namespace ui
