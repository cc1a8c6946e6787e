// Anonymous walkthrough statistics: started, finished, where people stopped and asked for help.
#include "kiosk/content/WalkthroughStatistics.h"

#include <gtest/gtest.h>

namespace kiosk::content {
namespace {

Walkthrough twoSteps() {
    Walkthrough w;
    w.id = "qr-payment";
    for (const char* id : {"scan", "check"}) {
        Step s;
        s.id = id;
        w.steps.push_back(s);
    }
    return w;
}

TEST(WalkthroughStatistics, StartsWithNothing) {
    const WalkthroughStatistics statistics;
    EXPECT_TRUE(statistics.all().empty());
    EXPECT_EQ(statistics.countsFor("vneid-level1"), WalkthroughCounts{});
    EXPECT_TRUE(statistics.stopsByFrequency("vneid-level1").empty());
}

TEST(WalkthroughStatistics, CountsStartsFinishesAndStops) {
    WalkthroughStatistics statistics;
    for (int i = 0; i < 5; ++i)
        statistics.recordStarted("vneid-level1");
    statistics.recordFinished("vneid-level1");
    statistics.recordFinished("vneid-level1");
    statistics.recordAbandoned("vneid-level1", "nfc");
    statistics.recordAbandoned("vneid-level1", "face");
    statistics.recordAbandoned("vneid-level1", "nfc");
    statistics.recordStarted("qr-payment");

    const WalkthroughCounts vneid = statistics.countsFor("vneid-level1");
    EXPECT_EQ(vneid.started, 5);
    EXPECT_EQ(vneid.finished, 2);
    EXPECT_EQ(vneid.abandoned(), 3);
    EXPECT_EQ(vneid.abandonedAt.at("nfc"), 2);
    EXPECT_EQ(vneid.abandonedAt.at("face"), 1);
    EXPECT_EQ(statistics.countsFor("qr-payment").started, 1);
    EXPECT_EQ(statistics.all().size(), 2u);
}

TEST(WalkthroughStatistics, RecordEndCountsAFinishedOrAnAbandonedSession) {
    WalkthroughStatistics statistics;

    WalkthroughSession gaveUp(twoSteps());
    statistics.recordStarted(gaveUp.walkthrough().id);
    gaveUp.next();
    statistics.recordEnd(gaveUp);

    WalkthroughSession done(twoSteps());
    statistics.recordStarted(done.walkthrough().id);
    done.next();
    done.next();
    ASSERT_TRUE(done.finished());
    statistics.recordEnd(done);

    WalkthroughSession leftAtOnce(twoSteps());
    statistics.recordStarted(leftAtOnce.walkthrough().id);
    statistics.recordEnd(leftAtOnce);

    const WalkthroughCounts counts = statistics.countsFor("qr-payment");
    EXPECT_EQ(counts.started, 3);
    EXPECT_EQ(counts.finished, 1);
    EXPECT_EQ(counts.abandonedAt, (std::map<std::string, std::int64_t>{{"check", 1}, {"scan", 1}}));
}

TEST(WalkthroughStatistics, CountsHelpRequestsPerStep) {
    WalkthroughStatistics statistics;
    WalkthroughSession session(twoSteps());
    statistics.recordHelpRequest(session.requestHelp());
    statistics.recordHelpRequest(session.requestHelp());
    session.next();
    statistics.recordHelpRequest(session.requestHelp());
    EXPECT_EQ(statistics.countsFor("qr-payment").helpRequestedAt,
              (std::map<std::string, std::int64_t>{{"check", 1}, {"scan", 2}}));
}

TEST(WalkthroughStatistics, ListsStopsMostFrequentFirst) {
    WalkthroughStatistics statistics;
    statistics.recordAbandoned("vneid-level2", "otp");
    statistics.recordAbandoned("vneid-level2", "password");
    statistics.recordAbandoned("vneid-level2", "password");
    statistics.recordAbandoned("vneid-level2", "activate");
    const auto stops = statistics.stopsByFrequency("vneid-level2");
    ASSERT_EQ(stops.size(), 3u);
    EXPECT_EQ(stops[0], (std::pair<std::string, std::int64_t>{"password", 2}));
    EXPECT_EQ(stops[1].first, "activate") << "ties in step-id order";
    EXPECT_EQ(stops[2].first, "otp");
}

TEST(WalkthroughStatistics, MergeAddsEveryCounter) {
    WalkthroughStatistics monday;
    monday.recordStarted("qr-payment");
    monday.recordAbandoned("qr-payment", "scan");
    monday.recordHelpRequest(HelpRequest{"qr-payment", "scan"});

    WalkthroughStatistics tuesday;
    tuesday.recordStarted("qr-payment");
    tuesday.recordFinished("qr-payment");
    tuesday.recordAbandoned("qr-payment", "scan");
    tuesday.recordStarted("online-safety");

    monday.merge(tuesday);
    const WalkthroughCounts qr = monday.countsFor("qr-payment");
    EXPECT_EQ(qr.started, 2);
    EXPECT_EQ(qr.finished, 1);
    EXPECT_EQ(qr.abandonedAt.at("scan"), 2);
    EXPECT_EQ(qr.helpRequestedAt.at("scan"), 1);
    EXPECT_EQ(monday.countsFor("online-safety").started, 1);

    WalkthroughStatistics empty;
    WalkthroughStatistics copy = monday;
    copy.merge(empty);
    EXPECT_EQ(copy, monday);
}

}  // namespace
}  // namespace kiosk::content
