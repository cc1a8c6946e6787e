// The NOTIFY payloads of kiosk_queue as CentreQueue sends them, and what is not one.
#include <gtest/gtest.h>

#include "kiosk/centre/QueueEvent.h"

using kiosk::centre::parseQueueEvent;
using kiosk::centre::QueueEventKind;
using kiosk::queue::TicketState;

TEST(QueueEvent, ReadsEachKindCentreQueueSends) {
    struct Case {
        const char* name;
        QueueEventKind kind;
        const char* status;
        TicketState state;
    };
    for (const Case& c :
         {Case{"issued", QueueEventKind::Issued, "waiting", TicketState::Waiting},
          Case{"called", QueueEventKind::Called, "called", TicketState::Called},
          Case{"recalled", QueueEventKind::Recalled, "called", TicketState::Called},
          Case{"no_show", QueueEventKind::NoShow, "no_show", TicketState::NoShow},
          Case{"done", QueueEventKind::Done, "done", TicketState::Done},
          Case{"transferred", QueueEventKind::Transferred, "waiting", TicketState::Waiting}}) {
        const std::string payload = std::string(R"({"event":")") + c.name +
                                    R"(","id":"5f0c","number":"B012","service":"B","status":")" + c.status +
                                    R"(","desk":2})";
        auto event = parseQueueEvent(payload);
        ASSERT_TRUE(event) << payload;
        EXPECT_EQ(event->kind, c.kind) << c.name;
        EXPECT_EQ(event->status, c.state) << c.name;
        EXPECT_EQ(event->id, "5f0c");
        EXPECT_EQ(event->number, "B012");
        EXPECT_EQ(event->service, 'B');
        EXPECT_EQ(event->desk, 2);
        EXPECT_EQ(kiosk::centre::queueEventName(c.kind), c.name);
    }
}

TEST(QueueEvent, ANullDeskIsNoDesk) {
    auto event = parseQueueEvent(
        R"({"event":"issued","id":"x","number":"A001","service":"A","status":"waiting","desk":null})");
    ASSERT_TRUE(event);
    EXPECT_FALSE(event->desk);
}

TEST(QueueEvent, AnUnknownKindOrStatusIsOtherSoTheListenerReloads) {
    auto kind =
        parseQueueEvent(R"({"event":"pushed","id":"x","number":"A001","service":"A","status":"waiting"})");
    ASSERT_TRUE(kind);
    EXPECT_EQ(kind->kind, QueueEventKind::Other);
    auto status =
        parseQueueEvent(R"({"event":"called","id":"x","number":"A001","service":"A","status":"away"})");
    ASSERT_TRUE(status);
    EXPECT_EQ(status->kind, QueueEventKind::Other);
}

TEST(QueueEvent, WhatIsNotAQueueEventIsRefused) {
    for (const char* payload :
         {"", "not json", "[1,2]", R"({"event":"called"})",
          R"({"event":"called","id":"x","number":"A001","service":"a","status":"called"})",
          R"({"event":"called","id":"x","number":"A001","service":"AB","status":"called"})",
          R"({"event":"called","id":7,"number":"A001","service":"A","status":"called"})"}) {
        EXPECT_FALSE(parseQueueEvent(payload)) << payload;
    }
}
