// The desk's statistics screen: today, this week and this month for the team, bar charts by
// skill, outcome and rating, and the export to a USB stick. Thin: the figures are computed by
// kiosk::helplog::computeStatistics on the storage thread.
#include <imgui.h>

#include <algorithm>
#include <array>

#include "kiosk/i18n/Catalogue.h"
#include "ui/WidgetRegistry.h"
#include "ui/Widgets.h"
#include "ui/screens/DeskScreenParts.h"

namespace ui {

using kiosk::desk::DeskController;
using kiosk::desk::StatisticsRange;
using kiosk::i18n::MessageId;
namespace helplog = kiosk::helplog;

namespace {

// One horizontal bar per value, scaled to the largest count, with the count at its end.
template <class Enum, std::size_t N>
void barChart(const ScreenContext& context, MessageId title,
              const std::array<helplog::Tally<Enum>, N>& tallies, MessageId (*labelOf)(Enum), float width) {
    const Metrics& m = context.metrics;
    text(context.tr(title), context.fonts.bodyBold, palette().text, width);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 2));
    int largest = 1;
    for (const auto& tally : tallies)
        largest = std::max(largest, tally.count);
    const float labelWidth = width * 0.5f;
    const float barSpace = width - labelWidth - 70 * m.scale;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const auto& tally : tallies) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const std::string& label = context.tr(labelOf(tally.value));
        const float rowHeight =
            std::max(context.fonts.body->FontSize * 1.35f, textHeight(label, context.fonts.body, labelWidth));
        text(label, context.fonts.body, palette().text, labelWidth);
        const float barLength = barSpace * static_cast<float>(tally.count) / static_cast<float>(largest);
        const ImVec2 barMin(at.x + labelWidth, at.y + rowHeight * 0.15f);
        draw->AddRectFilled(barMin, ImVec2(barMin.x + std::max(barLength, 3.0f), at.y + rowHeight * 0.85f),
                            tally.count > 0 ? palette().primary : palette().border, 4);
        const std::string count = std::to_string(tally.count);
        draw->AddText(context.fonts.bodyBold, context.fonts.bodyBold->FontSize,
                      ImVec2(barMin.x + barLength + m.gap / 2, at.y), palette().text, count.c_str());
        // The bar is drawn, not laid out: reserve the row's full width so the next chart starts after it.
        ImGui::SetCursorScreenPos(at);
        ImGui::Dummy(ImVec2(width, rowHeight));
    }
    ImGui::PopStyleVar();
    ImGui::Dummy(ImVec2(0, m.gap / 2));
}

MessageId skillLabel(helplog::Skill skill) {
    switch (skill) {
        case helplog::Skill::PublicServices: return MessageId::SkillPublicServices;
        case helplog::Skill::OnlineShopping: return MessageId::SkillOnlineShopping;
        case helplog::Skill::OnlinePayment: return MessageId::SkillOnlinePayment;
        case helplog::Skill::SelfProtection: return MessageId::SkillSelfProtection;
        case helplog::Skill::LocalPlatforms: return MessageId::SkillLocalPlatforms;
    }
    return MessageId::SkillPublicServices;
}

MessageId outcomeLabel(helplog::Outcome outcome) {
    switch (outcome) {
        case helplog::Outcome::Done: return MessageId::OutcomeDone;
        case helplog::Outcome::Partly: return MessageId::OutcomePartly;
        case helplog::Outcome::ReferredPolice: return MessageId::OutcomeReferredPolice;
        case helplog::Outcome::ReferredBank: return MessageId::OutcomeReferredBank;
        case helplog::Outcome::ReferredPostOffice: return MessageId::OutcomeReferredPostOffice;
        case helplog::Outcome::NeedsDevice: return MessageId::OutcomeNeedsDevice;
    }
    return MessageId::OutcomeDone;
}

MessageId ratingLabel(helplog::Rating rating) {
    switch (rating) {
        case helplog::Rating::Satisfied: return MessageId::RatingSatisfied;
        case helplog::Rating::Neutral: return MessageId::RatingNeutral;
        case helplog::Rating::NeedsImprovement: return MessageId::RatingNeedsImprovement;
    }
    return MessageId::RatingNeutral;
}

// A figure card: the value big, its name under it.
void figure(const ScreenContext& context, MessageId name, const std::string& value, float width) {
    const Metrics& m = context.metrics;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const float height = context.fonts.title->FontSize + context.fonts.body->FontSize + 2.5f * m.gap;
    ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + width, min.y + height), palette().surface,
                                              m.rounding / 2);
    ImGui::SetCursorScreenPos(ImVec2(min.x + m.gap, min.y + m.gap));
    ImGui::BeginGroup();
    text(value, context.fonts.title, palette().primary, width - 2 * m.gap);
    text(context.tr(name), context.fonts.body, palette().mutedText, width - 2 * m.gap);
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + height));
}

}  // namespace

void drawStatistics(const ScreenContext& context, DeskController& desk) {
    const Metrics& m = context.metrics;
    beginDeskWindow(context, "desk-stats", context.tr(MessageId::StatsTitle));
    drawSignedInHeader(context, desk, false);
    const float width = ImGui::GetContentRegionAvail().x;
    drawDeskError(context, desk, width);
    const std::pair<StatisticsRange, MessageId> ranges[] = {{StatisticsRange::Today, MessageId::StatsToday},
                                                            {StatisticsRange::Week, MessageId::StatsWeek},
                                                            {StatisticsRange::Month, MessageId::StatsMonth}};
    const float tab = footerWidth(m) * 0.8f;
    for (std::size_t i = 0; i < std::size(ranges); ++i) {
        if (i > 0) ImGui::SameLine(0, m.gap / 2);
        const bool chosen = desk.statisticsRange() == ranges[i].first;
        if (bigButton(context.tr(ranges[i].second), ImVec2(tab, m.touchTarget * 0.8f),
                      chosen ? ButtonStyle::Primary : ButtonStyle::Secondary)) {
            desk.showStatistics(ranges[i].first, context.now);
        }
    }
    ImGui::Dummy(ImVec2(0, m.gap / 2));
    const float bodyHeight = ImGui::GetContentRegionAvail().y - m.touchTarget - 2 * m.gap;
    beginTouchScroll("stats", ImVec2(width, bodyHeight));
    if (const auto& figures = desk.statistics()) {
        const float inner = width - 2 * m.gap;
        const int perRow = 4;
        const float card = (inner - (perRow - 1) * m.gap) / perRow;
        const std::pair<MessageId, std::string> cards[] = {
            {MessageId::StatsTickets, std::to_string(figures->issued)},
            {MessageId::StatsServed, std::to_string(figures->served)},
            {MessageId::StatsNoShows, std::to_string(figures->noShows)},
            {MessageId::StatsHouseholds, std::to_string(figures->households)},
            {MessageId::StatsMedianWait, minutesText(context, figures->wait, figures->wait.median)},
            {MessageId::StatsP90Wait, minutesText(context, figures->wait, figures->wait.p90)},
            {MessageId::StatsMedianService, minutesText(context, figures->service, figures->service.median)},
        };
        const float top = ImGui::GetCursorScreenPos().y;
        const float left = ImGui::GetCursorScreenPos().x;
        float rowBottom = top;
        for (std::size_t i = 0; i < std::size(cards); ++i) {
            const float y = top + (i / perRow) * (context.fonts.title->FontSize +
                                                  context.fonts.body->FontSize + 3.5f * m.gap);
            ImGui::SetCursorScreenPos(ImVec2(left + (i % perRow) * (card + m.gap), y));
            figure(context, cards[i].first, cards[i].second, card);
            rowBottom = std::max(rowBottom, ImGui::GetCursorScreenPos().y);
        }
        ImGui::SetCursorScreenPos(ImVec2(left, rowBottom + m.gap));
        const float third = (inner - 2 * m.gap) / 3;
        ImGui::BeginGroup();
        barChart(context, MessageId::StatsBySkill, figures->bySkill, &skillLabel, third);
        ImGui::EndGroup();
        ImGui::SameLine(0, m.gap);
        ImGui::BeginGroup();
        barChart(context, MessageId::StatsByOutcome, figures->byOutcome, &outcomeLabel, third);
        ImGui::EndGroup();
        ImGui::SameLine(0, m.gap);
        ImGui::BeginGroup();
        barChart(context, MessageId::StatsRatings, figures->byRating, &ratingLabel, third);
        ImGui::EndGroup();
    }
    endTouchScroll(context.scrollCue());
    const float footer = footerWidth(m);
    ImGui::SetCursorScreenPos(footerSlot(m, 0, footer));
    if (bigButton(context.tr(MessageId::StatsClose), ImVec2(footer, m.touchTarget), ButtonStyle::Secondary)) {
        desk.closeStatistics(context.now);
    }
    const auto exportState = desk.exportView();
    ImGui::SetCursorScreenPos(ImVec2(m.width - m.margin - footer, m.height - m.margin - m.touchTarget));
    if (bigButton(context.tr(MessageId::StatsExportUsb), ImVec2(footer, m.touchTarget), ButtonStyle::Primary,
                  !exportState.running && desk.statistics().has_value(), context.fonts.bodyBold)) {
        desk.exportToUsb(context.now);
    }
    std::string exportText;
    if (exportState.running) {
        exportText = format(
            context, MessageId::StatsExporting,
            {{"done", std::to_string(exportState.done)}, {"total", std::to_string(exportState.total)}});
    } else if (exportState.saved) {
        exportText =
            format(context, MessageId::StatsExported, {{"file", exportState.saved->filename().string()}});
    } else if (exportState.noStick) {
        exportText = context.tr(MessageId::StatsNoUsb);
    }
    if (!exportText.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(m.margin + footer + m.gap, m.height - m.margin - m.touchTarget));
        text(exportText, context.fonts.bodyBold, exportState.noStick ? palette().danger : palette().text,
             m.width - 2 * m.margin - 2 * footer - 2 * m.gap);
    }
    ImGui::End();
}

}  // namespace ui
