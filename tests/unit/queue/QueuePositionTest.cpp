// What the citizen is told on the ticket screen (people ahead, estimated wait) must be what then
// happens: for every [desk] interleave setting and a mix of lines and priorities, the predicted
// position of each waiting ticket equals the number of tickets the desk really calls before it.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "kiosk/config/KioskConfig.h"
#include "kiosk/queue/QueuePolicy.h"
#include "kiosk/queue/TicketBook.h"
#include "unit/queue/QueueTestSupport.h"

using kiosk::queue::Priority;
using kiosk::queue::QueuePosition;
using kiosk::queue::Ticket;
using kiosk::queue::TicketBook;
using kiosk::queue::TicketId;
using namespace std::chrono_literals;

namespace {

struct DeskSetting {
    int priorityInARow;
    int normalInARow;
};

class QueuePositionMatchesCalls : public testing::TestWithParam<DeskSetting> {};

TEST_P(QueuePositionMatchesCalls, ForMixedLinesAndPriorities) {
    const DeskSetting setting = GetParam();
    kiosk::config::DeskConfig desk;
    desk.priorityInARow = setting.priorityInARow;
    desk.normalInARow = setting.normalInARow;
    for (const unsigned seed : {1u, 2u, 3u}) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        auto database = kiosk::store::Database::openInDirectory(
            queue_test::freshDir("position-" + std::to_string(setting.priorityInARow) +
                                 std::to_string(setting.normalInARow) + "-" + std::to_string(seed)));
        ASSERT_TRUE(database.ok()) << database.error().message;
        kiosk::ManualWallClock clock(queue_test::vietnamTime(23, 9, 0));
        TicketBook book(*database, queue_test::testServices(), clock, kiosk::queue::queuePolicyFor(desk));
        std::mt19937 random(seed);
        const std::string letters = "ABC";
        auto issueSome = [&](int count) {
            for (int i = 0; i < count; ++i) {
                const char service = letters[random() % letters.size()];
                const Priority priority = random() % 4 == 0 ? Priority::Aged75Plus : Priority::None;
                ASSERT_TRUE(book.issue(service, priority).ok());
                clock.advance(30s);
            }
        };
        // Some served tickets give each line a different median service time, and leave the
        // interleave run mid-way, as on a real morning.
        issueSome(7);
        for (int i = 0; i < 5; ++i) {
            auto called = book.callNext("desk-1");
            ASSERT_TRUE(called.ok() && called->has_value());
            clock.advance(std::chrono::minutes(2 + (**called).service - 'A'));
            ASSERT_TRUE(book.done((**called).id).ok());
        }
        issueSome(20);

        auto waiting = book.waitingInCallOrder();
        ASSERT_TRUE(waiting.ok());
        std::map<TicketId, QueuePosition> told;
        for (const Ticket& ticket : *waiting) {
            auto where = book.position(ticket.id);
            ASSERT_TRUE(where.ok()) << where.error().message;
            told[ticket.id] = *where;
        }
        std::map<char, std::chrono::seconds> median;
        for (char service : letters)
            median[service] = *book.medianServiceTime(service);

        // Now the desk calls everyone (no one is served meanwhile, so the medians stay put).
        int calledBefore = 0;
        std::chrono::seconds serviceBefore{0};
        for (;;) {
            auto called = book.callNext("desk-1");
            ASSERT_TRUE(called.ok());
            if (!called->has_value()) break;
            const Ticket& ticket = **called;
            ASSERT_TRUE(told.contains(ticket.id)) << ticket.label();
            EXPECT_EQ(told[ticket.id].ahead, calledBefore) << ticket.label() << " was told a different place";
            EXPECT_EQ(told[ticket.id].estimatedWait, serviceBefore) << ticket.label();
            ++calledBefore;
            serviceBefore += median[ticket.service];
        }
        EXPECT_EQ(calledBefore, static_cast<int>(told.size()));
    }
}

INSTANTIATE_TEST_SUITE_P(EveryDeskSetting, QueuePositionMatchesCalls,
                         testing::Values(DeskSetting{1, 1}, DeskSetting{1, 2}, DeskSetting{1, 3},
                                         DeskSetting{2, 1}, DeskSetting{2, 2}, DeskSetting{3, 1},
                                         DeskSetting{0, 0}, DeskSetting{5, 4}),
                         [](const auto& setting) {
                             return "priority" + std::to_string(setting.param.priorityInARow) + "_normal" +
                                    std::to_string(setting.param.normalInARow);
                         });

}  // namespace
