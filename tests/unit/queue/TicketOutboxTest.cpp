// Every ticket change writes exactly one outbox event in the same transaction (DESIGN.md,
// "Storage"): the ticket and its event commit together or not at all.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "kiosk/queue/TicketBook.h"
#include "unit/queue/QueueTestSupport.h"

using kiosk::ManualWallClock;
using kiosk::queue::Priority;
using kiosk::queue::TicketBook;
using kiosk::store::Database;
using namespace std::chrono_literals;

namespace {

constexpr const char* kHouseholdKey = "hk-5f2a9c0e7b1d4a6f8e3c2b1a0d9e8f7c";

class TicketOutboxTest : public testing::Test {
protected:
    void SetUp() override {
        auto opened = Database::openInDirectory(queue_test::freshDir(
            "outbox-" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name())));
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        database_.emplace(std::move(*opened));
        book_.emplace(*database_, queue_test::testServices(), clock_);
    }

    int64_t count(const std::string& table) {
        auto select = database_->prepare("SELECT count(*) FROM " + table);
        EXPECT_TRUE(select.ok());
        EXPECT_TRUE(select->step().ok());
        return select->columnInt(0);
    }

    struct Event {
        std::string kind;
        int64_t atMs = 0;
        nlohmann::json payload;
    };

    std::vector<Event> events() {
        std::vector<Event> all;
        auto select = database_->prepare("SELECT kind, at_ms, payload FROM outbox ORDER BY seq");
        EXPECT_TRUE(select.ok());
        while (*select->step())
            all.push_back(
                {select->columnText(0), select->columnInt(1), nlohmann::json::parse(select->columnText(2))});
        return all;
    }

    void breakTheOutbox() {
        ASSERT_TRUE(database_
                        ->exec("CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox "
                               "BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END")
                        .ok());
    }

    ManualWallClock clock_{queue_test::vietnamTime(23, 9, 0)};
    std::optional<Database> database_;
    std::optional<TicketBook> book_;
};

}  // namespace

TEST_F(TicketOutboxTest, IssuingWritesExactlyOneEvent) {
    auto ticket = book_->issue('A', Priority::Aged75Plus, std::string(kHouseholdKey));
    ASSERT_TRUE(ticket.ok()) << ticket.error().message;
    const auto all = events();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].kind, "ticket.issued");
    EXPECT_EQ(all[0].atMs, clock_.now().time_since_epoch().count());
    EXPECT_EQ(all[0].payload["ticket_id"], ticket->id);
    EXPECT_EQ(all[0].payload["label"], "A001");
    EXPECT_EQ(all[0].payload["day"], "2026-11-23");
    EXPECT_EQ(all[0].payload["priority"], "aged_75_plus");
    EXPECT_EQ(all[0].payload["state"], "waiting");
    EXPECT_EQ(all[0].payload["household_key"], kHouseholdKey);
}

TEST_F(TicketOutboxTest, AFailingOutboxInsertRollsTheTicketBack) {
    breakTheOutbox();
    auto ticket = book_->issue('A');
    ASSERT_FALSE(ticket.ok());
    EXPECT_EQ(count("ticket"), 0) << "a ticket was committed without its event";
    EXPECT_EQ(count("outbox"), 0);
}

TEST_F(TicketOutboxTest, AFailingOutboxInsertRollsEveryChangeBack) {
    auto ticket = book_->issue('A');
    ASSERT_TRUE(ticket.ok());
    auto called = book_->callNext("desk-1");
    ASSERT_TRUE(called.ok() && called->has_value());
    breakTheOutbox();
    EXPECT_FALSE(book_->done(ticket->id).ok());
    EXPECT_FALSE(book_->noShow(ticket->id).ok());
    EXPECT_FALSE(book_->transfer(ticket->id, 'B').ok());
    EXPECT_FALSE(book_->recall(ticket->id, "desk-2").ok());
    auto unchanged = book_->find(ticket->id);
    ASSERT_TRUE(unchanged.ok());
    EXPECT_EQ(unchanged->state, kiosk::queue::TicketState::Called);
    EXPECT_EQ(unchanged->desk, "desk-1");
    EXPECT_EQ(unchanged->service, 'A');
    EXPECT_EQ(count("outbox"), 2);  // issued and called, from before

    EXPECT_FALSE(book_->issue('B').ok());
    auto nobodyWaiting = book_->callNext("desk-1");
    ASSERT_TRUE(nobodyWaiting.ok());  // nobody to call: nothing written, nothing to fail
    EXPECT_FALSE(nobodyWaiting->has_value());
}

TEST_F(TicketOutboxTest, EveryChangeWritesItsOwnEvent) {
    auto ticket = book_->issue('A');
    ASSERT_TRUE(ticket.ok());
    clock_.advance(4min);
    ASSERT_TRUE(book_->callNext("desk-1").ok());
    ASSERT_TRUE(book_->noShow(ticket->id).ok());
    clock_.advance(1min);
    ASSERT_TRUE(book_->recall(ticket->id, "desk-2").ok());
    ASSERT_TRUE(book_->transfer(ticket->id, 'B').ok());
    clock_.advance(1min);
    ASSERT_TRUE(book_->callNext("desk-3").ok());
    clock_.advance(7min);
    ASSERT_TRUE(book_->done(ticket->id).ok());

    const auto all = events();
    std::vector<std::string> kinds;
    for (const auto& event : all)
        kinds.push_back(event.kind);
    EXPECT_EQ(kinds,
              (std::vector<std::string>{"ticket.issued", "ticket.called", "ticket.no_show", "ticket.recalled",
                                        "ticket.transferred", "ticket.called", "ticket.done"}));
    for (const auto& event : all) {
        EXPECT_EQ(event.payload["ticket_id"], ticket->id) << event.kind;
        EXPECT_EQ(event.payload["label"], "A001") << event.kind;
        EXPECT_FALSE(event.payload.contains("household_key")) << "none was given";
    }
    EXPECT_EQ(all[1].payload["wait_ms"], 240000);
    EXPECT_EQ(all[1].payload["desk"], "desk-1");
    EXPECT_EQ(all[2].payload["state"], "no_show");
    EXPECT_EQ(all[3].payload["desk"], "desk-2");
    EXPECT_EQ(all[4].payload["from_service"], "A");
    EXPECT_EQ(all[4].payload["service"], "B");
    EXPECT_EQ(all[6].payload["state"], "done");
    EXPECT_EQ(all[6].payload["service_ms"], 420000);
    EXPECT_EQ(count("outbox"), 7);
}

TEST_F(TicketOutboxTest, RefusedChangesWriteNoEvent) {
    auto ticket = book_->issue('A');
    ASSERT_TRUE(ticket.ok());
    EXPECT_FALSE(book_->done(ticket->id).ok());  // not called yet
    EXPECT_FALSE(book_->issue('Z').ok());        // no such service
    EXPECT_FALSE(book_->transfer(ticket->id, 'A').ok());
    EXPECT_EQ(count("outbox"), 1);
}
