#include "devices/printer/PrinterStatus.h"

#include <gtest/gtest.h>

namespace {

using devices::PrinterState;
using devices::PrinterStatus;

TEST(PrinterStatus, MostSeriousConditionWins) {
    EXPECT_EQ((PrinterStatus{true, false, false, false}.state()), PrinterState::Ready);
    EXPECT_EQ((PrinterStatus{true, false, true, false}.state()), PrinterState::PaperLow);
    EXPECT_EQ((PrinterStatus{false, true, true, false}.state()), PrinterState::PaperOut);
    EXPECT_EQ((PrinterStatus{false, false, false, true}.state()), PrinterState::CoverOpen);
    EXPECT_EQ((PrinterStatus{false, false, false, false}.state()), PrinterState::Offline);
}

TEST(PrinterStatus, OnlyAnOnlinePrinterWithPaperAndClosedCoverCanPrint) {
    EXPECT_TRUE((PrinterStatus{true, false, true, false}.canPrint()));
    EXPECT_FALSE((PrinterStatus{true, true, false, false}.canPrint()));
    EXPECT_FALSE((PrinterStatus{true, false, false, true}.canPrint()));
    EXPECT_FALSE((PrinterStatus{false, false, false, false}.canPrint()));
}

TEST(PrinterStatus, StateNamesAreStable) {
    EXPECT_EQ(devices::printerStateName(PrinterState::Ready), "ready");
    EXPECT_EQ(devices::printerStateName(PrinterState::PaperLow), "paper_low");
    EXPECT_EQ(devices::printerStateName(PrinterState::PaperOut), "paper_out");
    EXPECT_EQ(devices::printerStateName(PrinterState::CoverOpen), "cover_open");
    EXPECT_EQ(devices::printerStateName(PrinterState::Offline), "offline");
    EXPECT_EQ(devices::printerStateName(PrinterState::Unreachable), "unreachable");
    EXPECT_EQ(devices::printerStateName(PrinterState::Unknown), "unknown");
}

}  // namespace
