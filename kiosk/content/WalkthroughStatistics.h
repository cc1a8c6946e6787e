// Anonymous counts of how walkthroughs are used, so a team can see where people give up:
// how many started, how many finished, at which step the others stopped, and where they asked
// for help. Only walkthrough and step ids are kept: no names, numbers, times or devices.
// A pure aggregate; storing it is the caller's job (its fields are plain maps and counters).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/content/WalkthroughSession.h"

namespace kiosk::content {

struct WalkthroughCounts {
    std::int64_t started = 0;
    std::int64_t finished = 0;
    std::map<std::string, std::int64_t> abandonedAt;      // step id → sessions that stopped there
    std::map<std::string, std::int64_t> helpRequestedAt;  // step id → "I'm stuck" presses

    std::int64_t abandoned() const;
    bool operator==(const WalkthroughCounts&) const = default;
};

class WalkthroughStatistics {
public:
    void recordStarted(std::string_view walkthroughId);
    void recordFinished(std::string_view walkthroughId);
    void recordAbandoned(std::string_view walkthroughId, std::string_view stepId);
    void recordHelpRequest(const HelpRequest& request);

    // Call once when a session ends for any reason (finished, Home, idle wipe): counts it as
    // finished, or as abandoned at the step the citizen was on.
    void recordEnd(const WalkthroughSession& session);

    // Counts for one walkthrough (all zero when it was never started).
    WalkthroughCounts countsFor(std::string_view walkthroughId) const;

    // Steps of one walkthrough where people stopped, most frequent first (ties by step id).
    std::vector<std::pair<std::string, std::int64_t>> stopsByFrequency(std::string_view walkthroughId) const;

    const std::map<std::string, WalkthroughCounts, std::less<>>& all() const { return counts_; }

    // Adds another aggregate (another day, another kiosk) into this one.
    void merge(const WalkthroughStatistics& other);

    bool operator==(const WalkthroughStatistics&) const = default;

private:
    WalkthroughCounts& entry(std::string_view walkthroughId);

    std::map<std::string, WalkthroughCounts, std::less<>> counts_;
};

}  // namespace kiosk::content
