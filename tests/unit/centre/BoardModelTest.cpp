// The board's model without a database: a loaded state, then events as the listener hands them
// over, and the calls it asks to be spoken.
#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk/centre/BoardModel.h"

using kiosk::centre::Announcement;
using kiosk::centre::BoardModel;
using kiosk::centre::BoardState;
using kiosk::centre::DeskCall;
using kiosk::centre::QueueEvent;
using kiosk::centre::QueueEventKind;
using kiosk::centre::spokenCall;
using kiosk::i18n::Language;
using kiosk::queue::TicketState;

namespace {

QueueEvent event(QueueEventKind kind, const std::string& number, std::optional<int> desk = std::nullopt) {
    QueueEvent made;
    made.kind = kind;
    made.id = "id-" + number;
    made.number = number;
    made.service = number.front();
    made.status = kind == QueueEventKind::Issued ? TicketState::Waiting : TicketState::Called;
    made.desk = desk;
    return made;
}

BoardState loadedMorning() {
    BoardState state;
    state.desks = {{3, "id-B001", "B001"}, {1, "id-A001", "A001"}};
    state.lines = {{'B', {{"id-B002", "B002"}}}, {'A', {{"id-A002", "A002"}, {"id-A003", "A003"}}}};
    return state;
}

const kiosk::i18n::Catalogue& catalogue() {
    static const kiosk::i18n::Catalogue loaded = [] {
        std::vector<kiosk::i18n::CatalogueProblem> problems;
        auto texts =
            kiosk::i18n::Catalogue::loadDir(std::filesystem::path(KIOSK_ASSETS_DIR) / "i18n", problems);
        EXPECT_TRUE(problems.empty()) << problems.front().where << ": " << problems.front().message;
        return texts;
    }();
    return loaded;
}

}  // namespace

TEST(BoardModel, ALoadedStateIsSortedAndAnnouncesNothing) {
    BoardModel board;
    board.reset(loadedMorning());
    ASSERT_EQ(board.state().desks.size(), 2u);
    EXPECT_EQ(board.state().desks[0].desk, 1);
    EXPECT_EQ(board.state().desks[1].desk, 3);
    EXPECT_EQ(board.state().lines[0].service, 'A');
    EXPECT_EQ(board.nextNumbers('A', 5), (std::vector<std::string>{"A002", "A003"}));
    EXPECT_TRUE(board.takeAnnouncements().empty());
}

TEST(BoardModel, ACallMovesTheNumberFromItsLineToTheDeskAndIsAnnouncedOnce) {
    BoardModel board;
    board.reset(loadedMorning());
    ASSERT_TRUE(board.apply(event(QueueEventKind::Called, "A002", 2)));
    EXPECT_EQ(board.nextNumbers('A', 5), (std::vector<std::string>{"A003"}));
    ASSERT_EQ(board.state().desks.size(), 3u);
    EXPECT_EQ(board.state().desks[1], (DeskCall{2, "id-A002", "A002"}));
    EXPECT_EQ(board.takeAnnouncements(), (std::vector<Announcement>{{"A002", 2, false}}));
    EXPECT_TRUE(board.takeAnnouncements().empty());

    // The next call at desk 1 replaces what desk 1 showed.
    ASSERT_TRUE(board.apply(event(QueueEventKind::Called, "A003", 1)));
    EXPECT_EQ(board.state().desks[0], (DeskCall{1, "id-A003", "A003"}));
    EXPECT_TRUE(board.nextNumbers('A', 5).empty());
}

TEST(BoardModel, TheSameCallHeardAgainAfterAReloadIsNotSpokenTwice) {
    BoardModel board;
    BoardState loaded = loadedMorning();
    loaded.desks.push_back({2, "id-A002", "A002"});  // the reload already saw the call ...
    board.reset(loaded);
    ASSERT_TRUE(board.apply(event(QueueEventKind::Called, "A002", 2)));  // ... and then its event came
    EXPECT_TRUE(board.takeAnnouncements().empty());
}

TEST(BoardModel, ARecallIsSpokenAgainAndMovesTheTicketToTheRecallingDesk) {
    BoardModel board;
    board.reset(loadedMorning());
    ASSERT_TRUE(board.apply(event(QueueEventKind::Recalled, "A001", 1)));
    EXPECT_EQ(board.takeAnnouncements(), (std::vector<Announcement>{{"A001", 1, true}}));
    ASSERT_TRUE(board.apply(event(QueueEventKind::Recalled, "A001", 4)));
    EXPECT_EQ(board.takeAnnouncements(), (std::vector<Announcement>{{"A001", 4, true}}));
    std::vector<int> desks;
    for (const auto& call : board.state().desks)
        desks.push_back(call.desk);
    EXPECT_EQ(desks, (std::vector<int>{3, 4})) << "a ticket stands at one desk";
}

TEST(BoardModel, IssuedTicketsJoinTheirLineOnceInOrder) {
    BoardModel board;
    board.reset(loadedMorning());
    ASSERT_TRUE(board.apply(event(QueueEventKind::Issued, "A004")));
    ASSERT_TRUE(board.apply(event(QueueEventKind::Issued, "A004")));  // heard again after a reload
    ASSERT_TRUE(board.apply(event(QueueEventKind::Issued, "C001")));
    EXPECT_EQ(board.nextNumbers('A', 5), (std::vector<std::string>{"A002", "A003", "A004"}));
    EXPECT_EQ(board.nextNumbers('A', 2), (std::vector<std::string>{"A002", "A003"}));
    ASSERT_EQ(board.state().lines.size(), 3u);
    EXPECT_EQ(board.state().lines[2].service, 'C');
    EXPECT_TRUE(board.takeAnnouncements().empty());
}

TEST(BoardModel, DoneAndNoShowLeaveTheNumberUpUntilTheDeskCallsAgain) {
    BoardModel board;
    board.reset(loadedMorning());
    ASSERT_TRUE(board.apply(event(QueueEventKind::Done, "A001", 1)));
    ASSERT_TRUE(board.apply(event(QueueEventKind::NoShow, "B001", 3)));
    EXPECT_EQ(board.state().desks, (std::vector<DeskCall>{{1, "id-A001", "A001"}, {3, "id-B001", "B001"}}));
    EXPECT_TRUE(board.takeAnnouncements().empty());
}

// The new line's order is the issue order, which the event does not carry: the board reloads,
// and until then the number is at least no longer shown in its old line.
TEST(BoardModel, ATransferLeavesTheOldLineAndAsksForAReload) {
    BoardModel board;
    board.reset(loadedMorning());
    QueueEvent moved = event(QueueEventKind::Transferred, "A002");
    moved.service = 'B';
    moved.status = TicketState::Waiting;
    EXPECT_FALSE(board.apply(moved));
    EXPECT_EQ(board.nextNumbers('A', 5), (std::vector<std::string>{"A003"}));
    EXPECT_TRUE(board.takeAnnouncements().empty());
}

TEST(BoardModel, AnUnknownEventAsksForAReload) {
    BoardModel board;
    board.reset(loadedMorning());
    EXPECT_FALSE(board.apply(event(QueueEventKind::Other, "A009", 1)));
    EXPECT_EQ(board.state().desks.size(), 2u);
}

TEST(BoardModel, ACallWithoutADeskChangesNoDesk) {
    BoardModel board;
    board.reset(loadedMorning());
    ASSERT_TRUE(board.apply(event(QueueEventKind::Called, "A002")));
    EXPECT_EQ(board.state().desks.size(), 2u);
    EXPECT_TRUE(board.takeAnnouncements().empty());
    EXPECT_EQ(board.nextNumbers('A', 5), (std::vector<std::string>{"A003"}));
}

TEST(BoardModel, TheCallIsSpokenWithTheNumberSpelledForTheVoice) {
    EXPECT_EQ(spokenCall(catalogue(), Language::Vi, {"A012", 2, false}), "Mời số A-12 đến bàn số 2.");
    EXPECT_EQ(spokenCall(catalogue(), Language::En, {"B105", 10, true}),
              "Number B-105, please go to desk 10.");
}
