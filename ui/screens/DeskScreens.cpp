// The volunteer desk's screens: choose your name, PIN pad, waiting list with the ticket being
// served, the help-log form, the citizen's rating and the team's statistics. Thin: every rule is
// in kiosk::desk::VolunteerDesk and every slow call goes through the DeskController.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <tuple>

#include "kiosk/helplog/KioskPinPause.h"
#include "kiosk/i18n/Catalogue.h"
#include "ui/TicketPrinting.h"
#include "ui/WidgetRegistry.h"
#include "ui/Widgets.h"
#include "ui/screens/DeskScreenParts.h"
#include "ui/screens/DeskScreens.h"

namespace ui {

using kiosk::desk::DeskController;
using kiosk::desk::DeskScreen;
using kiosk::desk::SignInNotice;
using kiosk::desk::StatisticsRange;
using kiosk::i18n::MessageId;
namespace helplog = kiosk::helplog;

static constexpr ImGuiWindowFlags kDeskFlags =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;

std::string format(const ScreenContext& context, MessageId id,
                   std::initializer_list<std::pair<std::string_view, std::string>> values) {
    std::map<std::string, std::string> args;
    for (const auto& [key, value] : values)
        args.emplace(std::string(key), value);
    return kiosk::i18n::formatMessage(context.tr(id), args);
}

std::string minutesText(const ScreenContext& context, const kiosk::helplog::DurationFigures& figures,
                        std::chrono::seconds duration) {
    if (figures.samples == 0) return "—";  // nothing measured yet: not "0 minutes"
    const auto minutes = std::max<long long>(0, (duration.count() + 30) / 60);
    return format(context, MessageId::StatsMinutes,
                  {{"minutes", minutes == 0 ? "< 1" : std::to_string(minutes)}});
}

std::string serviceName(const ScreenContext& context, const DeskController& desk, char letter) {
    const auto* service = kiosk::queue::findService(desk.services(), letter);
    if (!service) return std::string(1, letter);
    return service->name.in(kiosk::i18n::languageCode(context.session.language()));
}

// Full-screen desk window with a header: title on the left, `actions` drawn at the right.
void beginDeskWindow(const ScreenContext& context, const char* id, std::string_view title) {
    const Metrics& m = context.metrics;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(m.width, m.height));
    ImGui::Begin(id, nullptr, kDeskFlags);
    // On a desk of its own, the volunteer (and the citizen in front) sees which desk this is.
    text(context.deskNumber > 0
             ? format(context, MessageId::DeskRoleHeader,
                      {{"desk", std::to_string(context.deskNumber)}, {"commune", context.config.communeName}})
             : context.config.communeName,
         context.fonts.body, palette().mutedText);
    text(title, context.fonts.title, palette().text);
}

void drawDeskError(const ScreenContext& context, const DeskController& desk, float width) {
    if (desk.queueOffline())
        notice(context.tr(MessageId::DeskRoleOffline), context.fonts.body, NoticeStyle::Danger, width,
               context.metrics);
    if (const auto& error = desk.lastError()) {
        // What the desk itself refuses has its own words; a storage failure is reported as it came.
        const std::string message = error->code == "desk.help_gone" ? context.tr(MessageId::DeskHelpGone)
                                                                    : format(context, MessageId::DeskFailed,
                                                                             {{"reason", error->message}});
        notice(message, context.fonts.body, NoticeStyle::Danger, width, context.metrics);
    }
}

// A row of the footer: buttons from the left edge at the bottom of the screen.
ImVec2 footerSlot(const Metrics& m, int index, float width) {
    return ImVec2(m.margin + index * (width + m.gap), m.height - m.margin - m.touchTarget);
}

float footerWidth(const Metrics& m) {
    return std::min(420 * m.scale, (m.width - 2 * m.margin - 3 * m.gap) / 4);
}

// Header buttons of the signed-in desk, right-aligned on the title's line.
void drawSignedInHeader(const ScreenContext& context, DeskController& desk, bool withStatistics) {
    const Metrics& m = context.metrics;
    const float width = footerWidth(m) * 0.8f;
    const ImVec2 keep = ImGui::GetCursorScreenPos();
    float x = m.width - m.margin - width;
    ImGui::SetCursorScreenPos(ImVec2(x, m.margin / 2));
    if (bigButton(context.tr(MessageId::DeskSignOut), ImVec2(width, m.touchTarget), ButtonStyle::Secondary)) {
        desk.signOut();
    }
    if (withStatistics) {
        x -= width + m.gap;
        ImGui::SetCursorScreenPos(ImVec2(x, m.margin / 2));
        if (bigButton(context.tr(MessageId::DeskStatistics), ImVec2(width, m.touchTarget),
                      ButtonStyle::Secondary)) {
            desk.showStatistics(StatisticsRange::Today, context.now);
        }
    }
    ImGui::SetCursorScreenPos(keep);
}

namespace {

void drawChooseVolunteer(const ScreenContext& context, DeskController& desk) {
    const Metrics& m = context.metrics;
    // While a team leader unlocks a name, only the other team leaders are offered.
    const auto unlocking = desk.desk().unlocking();
    const auto offered = [&](const kiosk::helplog::Volunteer& volunteer) {
        return !unlocking || (volunteer.teamLeader && volunteer.id != *unlocking);
    };
    beginDeskWindow(
        context, "desk-choose",
        unlocking ? format(context, MessageId::DeskLeaderChooseTitle, {{"name", desk.desk().unlockingName()}})
                  : context.tr(MessageId::DeskChooseTitle));
    const float width = ImGui::GetContentRegionAvail().x;
    drawDeskError(context, desk, width);
    if (std::ranges::none_of(desk.volunteers(), offered)) {
        text(context.tr(unlocking ? MessageId::DeskNoLeaders : MessageId::DeskNoVolunteers),
             context.fonts.body, palette().mutedText, width);
    }
    const int columns = 3;
    const float buttonWidth = (width - (columns - 1) * m.gap) / columns;
    int column = 0;
    for (const auto& volunteer : desk.volunteers()) {
        if (!offered(volunteer)) continue;
        if (column > 0) ImGui::SameLine(0, m.gap);
        ImGui::PushID(static_cast<int>(volunteer.id));
        if (bigButton(volunteer.displayName, ImVec2(buttonWidth, m.touchTarget * 1.2f), ButtonStyle::Primary,
                      true, context.fonts.bodyBold)) {
            desk.chooseVolunteer(volunteer, context.now);
        }
        ImGui::PopID();
        column = (column + 1) % columns;
    }
    // Back gives the screen to citizens; a desk of its own has nothing behind its first screen,
    // except while a team leader unlocks a name.
    const float footer = footerWidth(m);
    ImGui::SetCursorScreenPos(footerSlot(m, 0, footer));
    if ((context.deskNumber == 0 || unlocking) &&
        bigButton(context.tr(MessageId::DeskBack), ImVec2(footer, m.touchTarget), ButtonStyle::Secondary)) {
        desk.signOut();
    }
    ImGui::End();
}

std::string clockText(kiosk::WallTime at) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
    std::tm local{};
    localtime_r(&seconds, &local);
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", local.tm_hour, local.tm_min);
    return buffer;
}

void drawPinPad(const ScreenContext& context, DeskController& desk) {
    const Metrics& m = context.metrics;
    auto& state = desk.desk();
    const auto wallNow =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    const bool paused = state.pausedAt(wallNow);
    const bool keysOn = !state.checkingPin() && !paused;
    beginDeskWindow(context, "desk-pin",
                    state.unlocking()
                        ? format(context, MessageId::DeskLeaderPinTitle,
                                 {{"leader", state.chosenName()}, {"name", state.unlockingName()}})
                        : format(context, MessageId::DeskPinTitle, {{"name", state.chosenName()}}));
    const float padWidth = std::min(ImGui::GetContentRegionAvail().x, 900 * m.scale);
    const float left = (m.width - padWidth) / 2;

    // Six boxes, filled as digits are typed; the digits themselves are never drawn.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float box = std::min(m.touchTarget, (padWidth - 5 * m.gap) / 6);
    float y = ImGui::GetCursorScreenPos().y + m.gap;
    for (std::size_t i = 0; i < kiosk::desk::VolunteerDesk::kPinLength; ++i) {
        const ImVec2 min(left + i * (box + m.gap) + (padWidth - 6 * box - 5 * m.gap) / 2, y);
        draw->AddRect(min, ImVec2(min.x + box, min.y + box), palette().border, m.rounding / 2, 0, 3);
        if (i < state.pinDigits()) {
            draw->AddCircleFilled(ImVec2(min.x + box / 2, min.y + box / 2), box / 5, palette().text);
        }
    }
    y += box + m.gap;
    ImGui::SetCursorScreenPos(ImVec2(left, y));
    if (state.checkingPin()) {
        notice(context.tr(MessageId::DeskPinChecking), context.fonts.bodyBold, NoticeStyle::Calm, padWidth,
               m);
    } else if (state.signInNotice() == SignInNotice::WrongPin) {
        notice(format(context, MessageId::DeskPinWrong, {{"count", std::to_string(state.attemptsLeft())}}),
               context.fonts.bodyBold, NoticeStyle::Danger, padWidth, m);
    } else if (paused) {
        notice(format(context, MessageId::DeskPinPaused,
                      {{"time", kiosk::helplog::pauseCountdownText(*state.lockedUntil() - wallNow)}}),
               context.fonts.bodyBold, NoticeStyle::Danger, padWidth, m);
    } else if (state.signInNotice() == SignInNotice::Unlocked) {
        notice(format(context, MessageId::DeskPinUnlocked, {{"name", state.chosenName()}}),
               context.fonts.bodyBold, NoticeStyle::Calm, padWidth, m);
    } else if (state.signInNotice() == SignInNotice::Locked && state.lockedUntil()) {
        notice(format(context, MessageId::DeskPinLocked, {{"time", clockText(*state.lockedUntil())}}),
               context.fonts.bodyBold, NoticeStyle::Danger, padWidth, m);
    }
    drawDeskError(context, desk, padWidth);

    // A locked name checks no PIN, so instead of the keys the pad offers what helps: a passer-by
    // must not be able to keep a volunteer out, and a team leader lifts the lock.
    const bool nameLocked = state.signInNotice() == SignInNotice::Locked && state.lockedUntil() &&
                            wallNow < *state.lockedUntil() && !state.unlocking();
    if (nameLocked) {
        const ImVec2 size(padWidth, m.touchTarget * 1.15f);
        ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y + m.gap));
        if (bigButton(context.tr(MessageId::DeskLeaderUnlock), size, ButtonStyle::Primary)) {
            desk.startLeaderUnlock(context.now);
        }
        ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y + m.gap));
        if (bigButton(context.tr(MessageId::DeskBack), size, ButtonStyle::Secondary)) {
            desk.cancelSignIn(context.now);
        }
        ImGui::End();
        return;
    }

    const float keyWidth = (padWidth - 2 * m.gap) / 3;
    const float keyHeight = m.touchTarget * 1.15f;
    const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
    y = ImGui::GetCursorScreenPos().y + m.gap;
    for (int i = 0; i < 9; ++i) {
        ImGui::SetCursorScreenPos(
            ImVec2(left + (i % 3) * (keyWidth + m.gap), y + (i / 3) * (keyHeight + m.gap)));
        if (bigButton(keys[i], ImVec2(keyWidth, keyHeight), ButtonStyle::Secondary, keysOn,
                      context.fonts.title)) {
            desk.pressDigit(keys[i][0], context.now);
        }
    }
    const float lastRow = y + 3 * (keyHeight + m.gap);
    ImGui::SetCursorScreenPos(ImVec2(left, lastRow));
    if (bigButton(context.tr(MessageId::DeskBack), ImVec2(keyWidth, keyHeight), ButtonStyle::Secondary)) {
        desk.cancelSignIn(context.now);
    }
    ImGui::SetCursorScreenPos(ImVec2(left + keyWidth + m.gap, lastRow));
    if (bigButton("0", ImVec2(keyWidth, keyHeight), ButtonStyle::Secondary, keysOn, context.fonts.title)) {
        desk.pressDigit('0', context.now);
    }
    ImGui::SetCursorScreenPos(ImVec2(left + 2 * (keyWidth + m.gap), lastRow));
    if (bigButton(context.tr(MessageId::DeskErase), ImVec2(keyWidth, keyHeight), ButtonStyle::Secondary,
                  state.pinDigits() > 0 && !state.checkingPin())) {
        desk.erase(context.now);
    }
    ImGui::End();
}

void drawWaitingList(const ScreenContext& context, const DeskController& desk, ImVec2 area) {
    const Metrics& m = context.metrics;
    const auto now = std::chrono::system_clock::now();
    const bool known = desk.waitingKnown();
    text(format(context, MessageId::DeskWaiting,
                {{"count", known ? std::to_string(desk.waiting().size()) : std::string("—")}}),
         context.fonts.bodyBold, palette().text, area.x);
    beginTouchScroll("waiting", ImVec2(area.x, area.y - context.fonts.bodyBold->FontSize * 1.5f));
    if (!known) {
        text(context.tr(MessageId::DeskWaitingUnknown), context.fonts.body, palette().mutedText, area.x);
    } else if (desk.waiting().empty()) {
        text(context.tr(MessageId::DeskNobodyWaiting), context.fonts.body, palette().mutedText);
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const auto& ticket : desk.waiting()) {
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const float rowHeight = context.fonts.body->FontSize * 2.4f;
        draw->AddRectFilled(min, ImVec2(min.x + area.x - m.gap, min.y + rowHeight), palette().surface,
                            m.rounding / 2);
        ImGui::SetCursorScreenPos(ImVec2(min.x + m.gap, min.y + rowHeight * 0.2f));
        text(ticket.label(), context.fonts.bodyBold, palette().primary);
        ImGui::SameLine(min.x + m.gap + 160 * m.scale - ImGui::GetWindowPos().x);
        const auto waited = std::chrono::duration_cast<std::chrono::seconds>(now - ticket.issuedAt);
        std::string detail =
            serviceName(context, desk, ticket.service) + " · " +
            format(context, MessageId::DeskWaitMinutes,
                   {{"minutes", std::to_string(std::max<long long>(0, waited.count() / 60))}});
        if (ticket.hasPriority()) detail += " · " + context.tr(MessageId::DeskPriority);
        text(detail, context.fonts.body, ticket.hasPriority() ? palette().help : palette().text);
        ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + rowHeight + m.gap / 2));
    }
    endTouchScroll(context.scrollCue());
}

void drawServing(const ScreenContext& context, DeskController& desk, float width) {
    const Metrics& m = context.metrics;
    const auto& current = desk.desk().current();
    const bool busy = desk.busy();
    text(context.tr(MessageId::DeskServing), context.fonts.bodyBold, palette().mutedText, width);
    if (!current && !desk.desk().unfinished().empty()) {
        notice(context.tr(MessageId::DeskUnfinished), context.fonts.bodyBold, NoticeStyle::Calm, width, m);
        for (const auto& ticket : desk.desk().unfinished()) {
            const bool served = ticket.state != kiosk::queue::TicketState::Done;
            const std::string label =
                format(context, served ? MessageId::DeskResumeServing : MessageId::DeskResumeHelpLog,
                       {{"ticket", ticket.label()}});
            ImGui::PushID(static_cast<int>(ticket.id));
            if (bigButton(label, ImVec2(width, m.touchTarget), ButtonStyle::Primary, !busy)) {
                desk.resumeUnfinished(ticket.id, context.now);
            }
            ImGui::PopID();
        }
        ImGui::Dummy(ImVec2(0, m.gap / 2));
    }
    if (!current) {
        text(context.tr(MessageId::DeskNobodyServed), context.fonts.body, palette().text, width);
        if (bigButton(context.tr(MessageId::DeskCallNext), ImVec2(width, m.touchTarget * 1.3f),
                      ButtonStyle::Primary, !busy && !desk.waiting().empty(), context.fonts.title)) {
            desk.callNext(context.now);
        }
    } else {
        text(current->label(), context.fonts.huge, palette().primary, width);
        text(serviceName(context, desk, current->service), context.fonts.body, palette().text, width);
        if (current->hasPriority())
            text(context.tr(MessageId::DeskPriority), context.fonts.bodyBold, palette().help);
        const float third = (width - 2 * m.gap) / 3;
        if (bigButton(context.tr(MessageId::DeskDone), ImVec2(third, m.touchTarget), ButtonStyle::Primary,
                      !busy, context.fonts.bodyBold)) {
            desk.done(context.now);
        }
        ImGui::SameLine(0, m.gap);
        ImGui::PushID("serving");
        if (bigButton(context.tr(MessageId::DeskRecall), ImVec2(third, m.touchTarget), ButtonStyle::Secondary,
                      !busy)) {
            desk.recall(current->id, context.now);
        }
        ImGui::PopID();
        ImGui::SameLine(0, m.gap);
        if (bigButton(context.tr(MessageId::DeskNoShow), ImVec2(third, m.touchTarget), ButtonStyle::Danger,
                      !busy)) {
            desk.noShow(context.now);
        }
        for (const auto& service : desk.services()) {
            if (service.letter == current->service || !desk.canTransfer()) continue;
            const std::string label = format(context, MessageId::DeskTransfer,
                                             {{"service", serviceName(context, desk, service.letter)}});
            if (bigButton(label, ImVec2(width, m.touchTarget * 0.8f), ButtonStyle::Secondary, !busy)) {
                desk.transfer(service.letter, context.now);
            }
        }
    }
    if (!desk.recentNoShows().empty()) {
        ImGui::Dummy(ImVec2(0, m.gap / 2));
        text(context.tr(MessageId::DeskRecentNoShows), context.fonts.bodyBold, palette().mutedText, width);
        for (const auto& ticket : desk.recentNoShows()) {
            const std::string label = context.tr(MessageId::DeskRecall) + " " + ticket.label();
            if (bigButton(label, ImVec2(width, m.touchTarget * 0.8f), ButtonStyle::Secondary,
                          !busy && !current)) {
                desk.recall(ticket.id, context.now);
            }
        }
    }
}

// Where the citizen pressed "Get help", as a volunteer reads it: the walkthrough's title, or the
// home tile they were in, rather than the kiosk's own names for places.
std::string helpPlaceText(const ScreenContext& context, const std::string& place) {
    constexpr std::string_view kWalkthrough = "walkthrough:";
    if (place.starts_with(kWalkthrough)) {
        const std::string id = place.substr(kWalkthrough.size(), place.find('/') - kWalkthrough.size());
        const auto* walkthrough = context.journey.findWalkthrough(id);
        return walkthrough ? walkthrough->title.in(kiosk::i18n::languageCode(context.session.language()))
                           : place;
    }
    const auto colon = place.find(':');
    const std::string_view feature =
        colon == std::string::npos ? std::string_view(place) : std::string_view(place).substr(colon + 1);
    for (const auto candidate : kiosk::session::kHomeFeatures) {
        if (kiosk::session::featureName(candidate) == feature) return featureTitle(context, candidate);
    }
    if (place == "scanner") return featureTitle(context, kiosk::session::Feature::Scan);
    if (place == "home") return context.tr(MessageId::CommonHome);
    return place;
}

// Citizens waiting for a person, above the queue: urgent first, then oldest (the store's order).
void drawHelpRequests(const ScreenContext& context, DeskController& desk, float width) {
    const auto& requests = desk.helpRequests();
    if (requests.empty()) return;
    const Metrics& m = context.metrics;
    text(format(context, MessageId::DeskHelpRequests, {{"count", std::to_string(requests.size())}}),
         context.fonts.bodyBold, palette().help, width);
    constexpr size_t kShown = 3;  // more wait their turn below; the count above says how many
    const auto nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float buttonWidth = std::min(360 * m.scale, width / 3);
    for (size_t i = 0; i < std::min(kShown, requests.size()); ++i) {
        const auto& request = requests[i];
        const bool urgent = request.urgency == kiosk::queue::HelpUrgency::Urgent;
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const float rowHeight = m.touchTarget + m.gap / 2;
        draw->AddRectFilled(min, ImVec2(min.x + width, min.y + rowHeight),
                            urgent ? palette().dangerSurface : palette().surface, m.rounding / 2);
        ImGui::SetCursorScreenPos(
            ImVec2(min.x + m.gap, min.y + (rowHeight - context.fonts.body->FontSize) / 2));
        const long long minutes = std::max<long long>(0, (nowMs - request.createdAtMs) / 60000);
        std::string where = format(context, MessageId::DeskHelpWhere,
                                   {{"kiosk", request.kioskId},
                                    {"place", helpPlaceText(context, request.place)},
                                    {"minutes", std::to_string(minutes)}});
        if (urgent) where = context.tr(MessageId::DeskHelpUrgent) + " · " + where;
        text(where, urgent ? context.fonts.bodyBold : context.fonts.body,
             urgent ? palette().danger : palette().text, width - buttonWidth - 3 * m.gap);
        ImGui::SetCursorScreenPos(ImVec2(min.x + width - buttonWidth - m.gap / 4, min.y + m.gap / 4));
        ImGui::PushID(static_cast<int>(request.id));
        if (bigButton(context.tr(MessageId::DeskHelpGoing), ImVec2(buttonWidth, m.touchTarget),
                      urgent ? ButtonStyle::Danger : ButtonStyle::Primary, !desk.busy(),
                      context.fonts.bodyBold)) {
            desk.answerHelp(request.id, context.now);
        }
        ImGui::PopID();
        ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + rowHeight + m.gap / 3));
    }
    ImGui::Dummy(ImVec2(0, m.gap / 3));
}

void drawQueue(const ScreenContext& context, DeskController& desk) {
    const Metrics& m = context.metrics;
    const auto& volunteer = desk.desk().volunteer();
    beginDeskWindow(
        context, "desk-queue",
        format(context, MessageId::DeskTitle, {{"name", volunteer ? volunteer->displayName : ""}}));
    drawSignedInHeader(context, desk, true);
    const ImVec2 area = ImGui::GetContentRegionAvail();
    drawDeskError(context, desk, area.x);
    if (const auto problem = context.printing ? context.printing->problem() : std::nullopt) {
        notice(format(context, MessageId::DeskPrinterProblem,
                      {{"problem", context.tr(printerProblemText(*problem))}}),
               context.fonts.bodyBold, NoticeStyle::Danger, area.x, m);
    }
    drawHelpRequests(context, desk, area.x);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float listWidth = area.x * 0.55f;
    const float rest = ImGui::GetContentRegionAvail().y;
    drawWaitingList(context, desk, ImVec2(listWidth, rest));
    ImGui::SetCursorScreenPos(ImVec2(origin.x + listWidth + m.gap * 2, origin.y));
    ImGui::BeginGroup();
    drawServing(context, desk, area.x - listWidth - 2 * m.gap);
    ImGui::EndGroup();
    ImGui::End();
}

// A choice in the help-log form: filled when chosen, like a radio button but finger-sized.
template <class Enum>
void choiceRow(const ScreenContext& context, MessageId title, std::optional<Enum>& value,
               std::initializer_list<std::pair<Enum, MessageId>> choices, float width) {
    const Metrics& m = context.metrics;
    text(context.tr(title), context.fonts.bodyBold, palette().mutedText, width);
    ImGui::PushID(static_cast<int>(title));
    float x = 0;
    for (const auto& [choice, label] : choices) {
        const std::string& name = context.tr(label);
        const float w =
            context.fonts.body->CalcTextSizeA(context.fonts.body->FontSize, FLT_MAX, 0, name.c_str()).x +
            2 * m.gap;
        if (x > 0 && x + w <= width) {
            ImGui::SameLine(0, m.gap / 2);
        } else {
            x = 0;
        }
        x += w + m.gap / 2;
        const bool chosen = value == choice;
        if (bigButton(name, ImVec2(w, m.touchTarget * 0.8f),
                      chosen ? ButtonStyle::Primary : ButtonStyle::Secondary)) {
            value = choice;
        }
    }
    ImGui::PopID();
    ImGui::Dummy(ImVec2(0, m.gap / 3));
}

void drawHelpForm(const ScreenContext& context, DeskController& desk) {
    const Metrics& m = context.metrics;
    auto& form = desk.desk().form();
    const auto& ticket = desk.desk().current();
    beginDeskWindow(context, "desk-form",
                    format(context, MessageId::HelpFormTitle, {{"ticket", ticket ? ticket->label() : ""}}));
    const float width = ImGui::GetContentRegionAvail().x;
    drawDeskError(context, desk, width);
    const float formHeight = ImGui::GetContentRegionAvail().y - m.touchTarget - 2 * m.gap;
    beginTouchScroll("help-form", ImVec2(width, formHeight));
    using helplog::AgeBand;
    using helplog::Outcome;
    using helplog::Skill;
    using helplog::Task;
    using helplog::Visit;
    // Two columns, so the whole form fits a 1280×800 screen without scrolling.
    const float inner = (width - 3 * m.gap) / 2;
    ImGui::BeginGroup();
    choiceRow<Skill>(context, MessageId::HelpFormSkill, form.skill,
                     {{Skill::PublicServices, MessageId::SkillPublicServices},
                      {Skill::OnlineShopping, MessageId::SkillOnlineShopping},
                      {Skill::OnlinePayment, MessageId::SkillOnlinePayment},
                      {Skill::SelfProtection, MessageId::SkillSelfProtection},
                      {Skill::LocalPlatforms, MessageId::SkillLocalPlatforms}},
                     inner);
    choiceRow<Task>(context, MessageId::HelpFormTask, form.task,
                    {{Task::VneidLevel1, MessageId::TaskVneidLevel1},
                     {Task::VneidLevel2Preparation, MessageId::TaskVneidLevel2},
                     {Task::VneidActivation, MessageId::TaskVneidActivation},
                     {Task::PublicServiceFiling, MessageId::TaskPublicServiceFiling},
                     {Task::BankOrQrPayment, MessageId::TaskBankOrQrPayment},
                     {Task::Ecommerce, MessageId::TaskEcommerce},
                     {Task::ScamAdvice, MessageId::TaskScamAdvice},
                     {Task::Other, MessageId::TaskOther}},
                    inner);
    ImGui::EndGroup();
    ImGui::SameLine(0, m.gap);
    ImGui::BeginGroup();
    choiceRow<Outcome>(context, MessageId::HelpFormOutcome, form.outcome,
                       {{Outcome::Done, MessageId::OutcomeDone},
                        {Outcome::Partly, MessageId::OutcomePartly},
                        {Outcome::ReferredPolice, MessageId::OutcomeReferredPolice},
                        {Outcome::ReferredBank, MessageId::OutcomeReferredBank},
                        {Outcome::ReferredPostOffice, MessageId::OutcomeReferredPostOffice},
                        {Outcome::NeedsDevice, MessageId::OutcomeNeedsDevice}},
                       inner);
    choiceRow<Visit>(context, MessageId::HelpFormVisit, form.visit,
                     {{Visit::First, MessageId::VisitFirst}, {Visit::Repeat, MessageId::VisitRepeat}}, inner);
    choiceRow<AgeBand>(context, MessageId::HelpFormAgeBand, form.ageBand,
                       {{AgeBand::Under18, MessageId::AgeUnder18},
                        {AgeBand::From18To34, MessageId::Age18To34},
                        {AgeBand::From35To59, MessageId::Age35To59},
                        {AgeBand::From60To74, MessageId::Age60To74},
                        {AgeBand::From75, MessageId::Age75Plus},
                        {AgeBand::Unknown, MessageId::AgeUnknown}},
                       inner);
    text(context.tr(MessageId::HelpFormNote), context.fonts.bodyBold, palette().mutedText, inner);
    // A physical keyboard types here; the note is optional, so a touch-only kiosk loses nothing.
    static char note[201] = {};
    static kiosk::queue::TicketId noteFor = 0;
    if (ticket && noteFor != ticket->id) {
        std::fill(std::begin(note), std::end(note), '\0');
        noteFor = ticket->id;
    }
    ImGui::SetNextItemWidth(inner);
    if (ImGui::InputText("##note", note, sizeof note)) form.note = note;
    ImGui::EndGroup();
    endTouchScroll(context.scrollCue());

    const float footer = footerWidth(m);
    ImGui::SetCursorScreenPos(ImVec2(m.width - m.margin - footer, m.height - m.margin - m.touchTarget));
    if (bigButton(context.tr(MessageId::HelpFormSave), ImVec2(footer, m.touchTarget), ButtonStyle::Primary,
                  form.complete() && !desk.busy(), context.fonts.bodyBold)) {
        desk.saveHelp(context.now);
    }
    if (!form.complete()) {
        ImGui::SetCursorScreenPos(footerSlot(m, 0, footer));
        text(context.tr(MessageId::HelpFormIncomplete), context.fonts.body, palette().mutedText,
             m.width - 2 * m.margin - footer - m.gap);
    }
    ImGui::End();
}

void drawRating(const ScreenContext& context, DeskController& desk) {
    const Metrics& m = context.metrics;
    beginDeskWindow(context, "desk-rating", context.tr(MessageId::RatingTitle));
    // Three equal answers side by side, none filled in: the statistics hear the citizen, not the
    // screen's suggestion.
    const float width = std::min(ImGui::GetContentRegionAvail().x, 1500 * m.scale);
    const float buttonWidth = (width - 2 * m.gap) / 3;
    const float buttonHeight = std::min(buttonWidth * 0.9f, m.height * 0.45f);
    const ImVec2 origin((m.width - width) / 2, ImGui::GetCursorScreenPos().y + m.gap * 2);
    const std::tuple<helplog::Rating, MessageId, Mood> choices[] = {
        {helplog::Rating::Satisfied, MessageId::RatingSatisfied, Mood::Happy},
        {helplog::Rating::Neutral, MessageId::RatingNeutral, Mood::Neutral},
        {helplog::Rating::NeedsImprovement, MessageId::RatingNeedsImprovement, Mood::Unhappy}};
    int column = 0;
    for (const auto& [rating, label, mood] : choices) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + column++ * (buttonWidth + m.gap), origin.y));
        if (faceButton(context.tr(label), mood, ImVec2(buttonWidth, buttonHeight), context.fonts.title)) {
            desk.rate(rating, context.now);
        }
    }
    const float footer = footerWidth(m);
    ImGui::SetCursorScreenPos(footerSlot(m, 0, footer));
    if (bigButton(context.tr(MessageId::RatingSkip), ImVec2(footer, m.touchTarget), ButtonStyle::Secondary)) {
        desk.skipRating(context.now);
    }
    ImGui::End();
}

}  // namespace

void drawDesk(const ScreenContext& context, DeskController& desk) {
    switch (desk.desk().screen()) {
        case DeskScreen::ChooseVolunteer: drawChooseVolunteer(context, desk); break;
        case DeskScreen::EnterPin: drawPinPad(context, desk); break;
        case DeskScreen::Queue: drawQueue(context, desk); break;
        case DeskScreen::HelpForm: drawHelpForm(context, desk); break;
        case DeskScreen::Rating: drawRating(context, desk); break;
        case DeskScreen::Statistics: drawStatistics(context, desk); break;
    }
}

}  // namespace ui
