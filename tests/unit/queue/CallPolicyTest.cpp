#include "kiosk/queue/CallPolicy.h"

#include <gtest/gtest.h>

#include <string>

using kiosk::queue::CallRun;
using kiosk::queue::InterleaveRule;
using kiosk::queue::TicketClass;

namespace {

// The classes called for `calls` calls with both lines always full: "PNN..." .
std::string sequence(const InterleaveRule& rule, int calls) {
    CallRun run;
    std::string called;
    for (int i = 0; i < calls; ++i) {
        const auto kind = kiosk::queue::nextClass(rule, run, true, true);
        if (!kind) return called + "?";
        called += *kind == TicketClass::Priority ? 'P' : 'N';
        run = kiosk::queue::afterCall(run, *kind);
    }
    return called;
}

}  // namespace

TEST(CallPolicy, DefaultCallsOnePriorityPerTwoNormal) {
    EXPECT_EQ(sequence({}, 9), "PNNPNNPNN");
}

TEST(CallPolicy, RatioIsConfigurable) {
    EXPECT_EQ(sequence({1, 1}, 6), "PNPNPN");
    EXPECT_EQ(sequence({2, 3}, 10), "PPNNNPPNNN");
}

TEST(CallPolicy, RatiosBelowOneCountAsOneSoNoLineStarves) {
    EXPECT_EQ(sequence({0, 0}, 4), "PNPN");
    EXPECT_EQ(sequence({1, -5}, 4), "PNPN");
}

TEST(CallPolicy, EmptyPreferredLineFallsBackToTheOther) {
    const InterleaveRule rule;
    EXPECT_EQ(kiosk::queue::nextClass(rule, {}, false, true), TicketClass::Normal);
    EXPECT_EQ(kiosk::queue::nextClass(rule, {TicketClass::Normal, 2}, false, true), TicketClass::Normal);
    EXPECT_EQ(kiosk::queue::nextClass(rule, {TicketClass::Priority, 1}, true, false), TicketClass::Priority);
    EXPECT_EQ(kiosk::queue::nextClass(rule, {TicketClass::Normal, 1}, false, false), std::nullopt);
}

TEST(CallPolicy, PriorityArrivingAfterALongNormalRunGoesNext) {
    EXPECT_EQ(kiosk::queue::nextClass({}, {TicketClass::Normal, 7}, true, true), TicketClass::Priority);
    EXPECT_EQ(kiosk::queue::nextClass({}, {TicketClass::Normal, 1}, true, true), TicketClass::Normal);
}
