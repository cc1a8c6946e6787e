#include "kiosk/content/WalkthroughStatistics.h"

#include <algorithm>

namespace kiosk::content {

std::int64_t WalkthroughCounts::abandoned() const {
    std::int64_t total = 0;
    for (const auto& [step, count] : abandonedAt)
        total += count;
    return total;
}

WalkthroughCounts& WalkthroughStatistics::entry(std::string_view walkthroughId) {
    const auto found = counts_.find(walkthroughId);
    if (found != counts_.end()) return found->second;
    return counts_.emplace(std::string(walkthroughId), WalkthroughCounts{}).first->second;
}

void WalkthroughStatistics::recordStarted(std::string_view walkthroughId) {
    ++entry(walkthroughId).started;
}

void WalkthroughStatistics::recordFinished(std::string_view walkthroughId) {
    ++entry(walkthroughId).finished;
}

void WalkthroughStatistics::recordAbandoned(std::string_view walkthroughId, std::string_view stepId) {
    ++entry(walkthroughId).abandonedAt[std::string(stepId)];
}

void WalkthroughStatistics::recordHelpRequest(const HelpRequest& request) {
    ++entry(request.walkthroughId).helpRequestedAt[request.stepId];
}

void WalkthroughStatistics::recordEnd(const WalkthroughSession& session) {
    if (session.finished()) {
        recordFinished(session.walkthrough().id);
    } else {
        recordAbandoned(session.walkthrough().id, session.current().id);
    }
}

WalkthroughCounts WalkthroughStatistics::countsFor(std::string_view walkthroughId) const {
    const auto found = counts_.find(walkthroughId);
    return found == counts_.end() ? WalkthroughCounts{} : found->second;
}

std::vector<std::pair<std::string, std::int64_t>> WalkthroughStatistics::stopsByFrequency(
    std::string_view walkthroughId) const {
    const WalkthroughCounts counts = countsFor(walkthroughId);
    std::vector<std::pair<std::string, std::int64_t>> stops(counts.abandonedAt.begin(),
                                                            counts.abandonedAt.end());
    std::stable_sort(stops.begin(), stops.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return stops;
}

void WalkthroughStatistics::merge(const WalkthroughStatistics& other) {
    for (const auto& [id, theirs] : other.counts_) {
        WalkthroughCounts& ours = entry(id);
        ours.started += theirs.started;
        ours.finished += theirs.finished;
        for (const auto& [step, count] : theirs.abandonedAt)
            ours.abandonedAt[step] += count;
        for (const auto& [step, count] : theirs.helpRequestedAt)
            ours.helpRequestedAt[step] += count;
    }
}

}  // namespace kiosk::content
