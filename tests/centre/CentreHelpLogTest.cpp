// The centre's help log on a real PostgreSQL (CentreHelpLog, schema migration 5): help is logged
// once per done ticket with the ticket's day and service time, ratings once, both reach the
// province outbox in the same transaction without the note, and the figures count every desk
// of the centre the way a lone kiosk's figures count its own book.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "centre/CentreTestEnvironment.h"
#include "kiosk/Files.h"
#include "kiosk/centre/CentreHelpLog.h"
#include "kiosk/centre/CentreQueue.h"
#include "kiosk/centre/CentreSchema.h"
#include "support/Process.h"

using kiosk::centre::CentreHelpLog;
using kiosk::centre::CentreQueue;
using kiosk::centre::CentreTicket;
using kiosk::centre::HelpDesk;
using kiosk::helplog::AgeBand;
using kiosk::helplog::HelpEntry;
using kiosk::helplog::Outcome;
using kiosk::helplog::Period;
using kiosk::helplog::Rating;
using kiosk::helplog::Skill;
using kiosk::helplog::Task;
using kiosk::helplog::Visit;
using kiosk::queue::Priority;

namespace {

// Synthetic household keys (64 hex characters, as HouseholdKey.h derives them).
const std::string kHouseholdOne(64, 'a');
const std::string kHouseholdTwo(64, 'b');

HelpEntry paymentHelp() {
    HelpEntry entry;
    entry.volunteer = 3;
    entry.skill = Skill::OnlinePayment;
    entry.task = Task::BankOrQrPayment;
    entry.outcome = Outcome::Done;
    entry.visit = Visit::First;
    entry.ageBand = AgeBand::From60To74;
    entry.note = "chuyển khoản bằng mã QR";
    return entry;
}

class CentreHelpLogTest : public centretest::CentreDatabaseTest {
protected:
    void SetUp() override {
        CentreDatabaseTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        connection_.emplace(connectMigrated());
        line_.emplace(*connection_, clock_);
        log_.emplace(*connection_);
    }

    // A ticket of `service` issued, called at `desk` and served.
    CentreTicket served(char service, int desk) {
        auto issued = line_->issue(service, Priority::None, "kiosk-1");
        EXPECT_TRUE(issued.ok());
        auto called = line_->callNext(desk, std::string(1, service));
        EXPECT_TRUE(called.ok() && *called);
        auto done = line_->done((*called)->id);
        EXPECT_TRUE(done.ok()) << done.error().message;
        return *done;
    }

    int64_t scalar(const std::string& sql) {
        auto rows = connection_->query(sql);
        EXPECT_TRUE(rows.ok()) << rows.error().message;
        return rows.ok() ? rows->integer(0, 0) : -1;
    }

    std::string today() const { return clock_.localDay(clock_.now()); }

    kiosk::SystemWallClock clock_;
    std::optional<kiosk::centre::PgConnection> connection_;
    std::optional<CentreQueue> line_;
    std::optional<CentreHelpLog> log_;
};

TEST_F(CentreHelpLogTest, HelpIsLoggedOncePerDoneTicketAndTheProvinceLearnsItWithoutTheNote) {
    const CentreTicket ticket = served('A', 2);
    auto logged = log_->record(ticket.id, paymentHelp(), HelpDesk{2, "desk-2"});
    ASSERT_TRUE(logged.ok()) << logged.error().message;

    auto rows = connection_->query(
        "SELECT day::text, desk, terminal, volunteer_id, skill, task, outcome, visit, age_band, note, "
        "service_ms IS NOT NULL AND service_ms >= 0 FROM help_record");
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    ASSERT_EQ(rows->count(), 1);
    EXPECT_EQ(rows->text(0, 0), ticket.day);
    EXPECT_EQ(rows->integer(0, 1), 2);
    EXPECT_EQ(rows->text(0, 2), "desk-2");
    EXPECT_EQ(rows->integer(0, 3), 3);
    EXPECT_EQ(rows->text(0, 4), "online_payment");
    EXPECT_EQ(rows->text(0, 5), "bank_or_qr_payment");
    EXPECT_EQ(rows->text(0, 6), "done");
    EXPECT_EQ(rows->text(0, 7), "first");
    EXPECT_EQ(rows->text(0, 8), "60_74");
    EXPECT_EQ(rows->text(0, 9), "chuyển khoản bằng mã QR");
    EXPECT_EQ(rows->text(0, 10), "t") << "the service time is the ticket's, call to done";

    auto events = connection_->query("SELECT payload FROM province_outbox WHERE kind = 'help.logged'");
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->count(), 1);
    const auto payload = nlohmann::json::parse(events->text(0, 0));
    EXPECT_EQ(payload["ticket_uuid"], ticket.id);
    EXPECT_EQ(payload["day"], ticket.day);
    EXPECT_EQ(payload["desk"], 2);
    EXPECT_EQ(payload["skill"], "online_payment");
    EXPECT_EQ(payload["task"], "bank_or_qr_payment");
    EXPECT_EQ(payload["age_band"], "60_74");
    EXPECT_FALSE(payload.contains("note")) << "the free-text note stays in the centre";

    // A second desk (or a retry after a lost answer) writes nothing more.
    auto again = log_->record(ticket.id, paymentHelp(), HelpDesk{5, "desk-5"});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "helplog.already_logged");
    EXPECT_NE(again.error().message.find(ticket.label()), std::string::npos) << again.error().message;
    EXPECT_EQ(scalar("SELECT count(*) FROM help_record"), 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM province_outbox WHERE kind = 'help.logged'"), 1);
}

TEST_F(CentreHelpLogTest, HelpForATicketNotDoneOrUnknownAndAPersonalNoteAreRefused) {
    auto waiting = line_->issue('A', Priority::None, "kiosk-1");
    ASSERT_TRUE(waiting.ok());
    auto early = log_->record(waiting->id, paymentHelp(), HelpDesk{1, "desk-1"});
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, "helplog.ticket_not_done");
    EXPECT_NE(early.error().message.find("A001 is still waiting"), std::string::npos)
        << early.error().message;

    auto unknown = log_->record("00000000-0000-4000-8000-000000000000", paymentHelp(), HelpDesk{1, "desk-1"});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "helplog.unknown_ticket");

    const CentreTicket ticket = served('B', 1);
    HelpEntry personal = paymentHelp();
    personal.note = "gọi lại số 0912 345 678";
    auto refused = log_->record(ticket.id, personal, HelpDesk{1, "desk-1"});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "helplog.note_personal_data");
    EXPECT_EQ(scalar("SELECT count(*) FROM help_record"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM province_outbox WHERE kind LIKE 'help.%'"), 0);
}

TEST_F(CentreHelpLogTest, ACitizenRatesOnceAndOnlyAfterTheTicketIsDone) {
    auto waiting = line_->issue('A', Priority::None, "kiosk-1");
    ASSERT_TRUE(waiting.ok());
    auto early = log_->rate(waiting->id, Rating::Satisfied);
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, "helplog.ticket_not_done");

    const CentreTicket ticket = served('B', 1);
    ASSERT_TRUE(log_->rate(ticket.id, Rating::Neutral).ok());
    auto again = log_->rate(ticket.id, Rating::Satisfied);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "helplog.already_rated");
    auto kept = connection_->query("SELECT rating FROM help_rating");
    ASSERT_TRUE(kept.ok() && kept->count() == 1);
    EXPECT_EQ(kept->text(0, 0), "neutral") << "the first rating is kept";
    auto events = connection_->query("SELECT payload FROM province_outbox WHERE kind = 'help.rated'");
    ASSERT_TRUE(events.ok() && events->count() == 1);
    EXPECT_EQ(nlohmann::json::parse(events->text(0, 0))["rating"], "neutral");
}

TEST_F(CentreHelpLogTest, TheFiguresCountEveryDeskOfTheCentre) {
    // Desk 1 serves A001 and desk 2 serves A002 (after recalling it once); desk 3 calls B001,
    // who never comes; B002 still waits. A001 and A002 came from one household, B001 another.
    const CentreTicket a1 = served('A', 1);
    auto a2 = line_->issue('A', Priority::None, "kiosk-2");
    auto b1 = line_->issue('B', Priority::None, "kiosk-1");
    auto b2 = line_->issue('B', Priority::None, "kiosk-2");
    ASSERT_TRUE(a2.ok() && b1.ok() && b2.ok());
    ASSERT_TRUE(line_->callNext(2, "A").ok());
    ASSERT_TRUE(line_->recall(a2->id, 2).ok());
    ASSERT_TRUE(line_->done(a2->id).ok());
    ASSERT_TRUE(line_->callNext(3, "B").ok());
    ASSERT_TRUE(line_->noShow(b1->id).ok());
    for (const auto& [id, key] : {std::pair{a1.id, kHouseholdOne}, std::pair{a2->id, kHouseholdOne},
                                  std::pair{b1->id, kHouseholdTwo}}) {
        ASSERT_TRUE(
            connection_->run("UPDATE ticket SET household_key = $2 WHERE id = $1::uuid", {id, key}).ok());
    }
    HelpEntry scam = paymentHelp();
    scam.skill = Skill::SelfProtection;
    scam.task = Task::ScamAdvice;
    scam.outcome = Outcome::ReferredPolice;
    scam.visit = Visit::Repeat;
    scam.ageBand = AgeBand::From75;
    ASSERT_TRUE(log_->record(a1.id, paymentHelp(), HelpDesk{1, "desk-1"}).ok());
    ASSERT_TRUE(log_->record(a2->id, scam, HelpDesk{2, "desk-2"}).ok());
    ASSERT_TRUE(log_->rate(a2->id, Rating::Satisfied).ok());

    auto period = Period::today(today());
    ASSERT_TRUE(period.ok());
    auto figures = log_->statistics(*period);
    ASSERT_TRUE(figures.ok()) << figures.error().message;
    EXPECT_EQ(figures->period, *period);
    EXPECT_EQ(figures->issued, 4);
    EXPECT_EQ(figures->served, 2);
    EXPECT_EQ(figures->noShows, 1);
    EXPECT_EQ(figures->waiting, 1);
    EXPECT_EQ(figures->beingServed, 0);
    EXPECT_EQ(figures->households, 2);
    EXPECT_EQ(figures->wait.samples, 2) << "A002 was recalled: its first call is no longer known";
    EXPECT_EQ(figures->service.samples, 2);
    EXPECT_EQ(figures->helpRecords, 2);
    for (const auto& tally : figures->bySkill) {
        const int expected =
            tally.value == Skill::OnlinePayment || tally.value == Skill::SelfProtection ? 1 : 0;
        EXPECT_EQ(tally.count, expected) << kiosk::content::skillName(tally.value);
    }
    for (const auto& tally : figures->byVisit)
        EXPECT_EQ(tally.count, 1) << kiosk::helplog::visitName(tally.value);
    for (const auto& tally : figures->byOutcome) {
        const int expected = tally.value == Outcome::Done || tally.value == Outcome::ReferredPolice ? 1 : 0;
        EXPECT_EQ(tally.count, expected) << kiosk::helplog::outcomeName(tally.value);
    }
    EXPECT_EQ(figures->ratings, 1);
    EXPECT_EQ(figures->byRating[0].value, Rating::Satisfied);
    EXPECT_EQ(figures->byRating[0].count, 1);

    // Another day's figures hold none of today's tickets.
    auto other = log_->statistics(Period{"2001-01-01", "2001-01-31"});
    ASSERT_TRUE(other.ok()) << other.error().message;
    EXPECT_EQ(other->issued, 0);
    EXPECT_EQ(other->helpRecords, 0);
    EXPECT_EQ(other->ratings, 0);
    auto backwards = log_->statistics(Period{"2026-12-05", "2026-12-01"});
    ASSERT_FALSE(backwards.ok());
    EXPECT_EQ(backwards.error().code, "stats.bad_period");
}

// The centre's sheet has the lone kiosk's columns and file rules, and pages through a big period
// (here 1,201 tickets, three pages) without losing or repeating a row.
TEST_F(CentreHelpLogTest, TheSheetListsEveryTicketOfThePeriodWithItsHelpRecord) {
    const CentreTicket helped = served('A', 2);
    HelpEntry entry = paymentHelp();
    entry.note = "=HYPERLINK(\"x\")";
    ASSERT_TRUE(log_->record(helped.id, entry, HelpDesk{2, "desk-2"}).ok());
    ASSERT_TRUE(log_->rate(helped.id, Rating::Satisfied).ok());
    ASSERT_TRUE(connection_
                    ->run("INSERT INTO ticket (id, day, service, number, priority, status, kiosk) "
                          "SELECT gen_random_uuid(), $1::date, 'C', n, 'none', 'waiting', 'kiosk-1' "
                          "FROM generate_series(1, 1200) AS n",
                          {today()})
                    .ok());
    const auto dir = testsupport::freshTempDir("centre-help-csv");
    const auto target = dir / "help.csv";
    int lastDone = -1;
    int lastTotal = -1;
    auto written = log_->exportCsv(*Period::thisMonth(today()), target, [&](int done, int total) {
        lastDone = done;
        lastTotal = total;
        return true;
    });
    ASSERT_TRUE(written.ok()) << written.error().message;
    EXPECT_EQ(written->rows, 1201);
    EXPECT_EQ(lastDone, 1201);
    EXPECT_EQ(lastTotal, 1201);
    auto sheet = kiosk::readTextFile(target);
    ASSERT_TRUE(sheet.ok());
    EXPECT_EQ(sheet->rfind("\xEF\xBB\xBF", 0), 0u) << "a byte order mark, for Excel";
    std::vector<std::string> lines;
    for (size_t at = 0; at < sheet->size();) {
        const size_t end = sheet->find("\r\n", at);
        ASSERT_NE(end, std::string::npos) << "every line ends with CRLF";
        lines.push_back(sheet->substr(at, end - at));
        at = end + 2;
    }
    ASSERT_EQ(lines.size(), 1202u);
    // A001 first (issued first), with its record, rating and the note guarded against formulas.
    EXPECT_EQ(lines[1].rfind(helped.day + ",A001,A,none,,", 0), 0u) << lines[1];
    EXPECT_NE(lines[1].find(",done,online_payment,bank_or_qr_payment,done,first,60_74,satisfied,,"),
              std::string::npos)
        << lines[1];
    EXPECT_NE(lines[1].find("\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos) << lines[1];
    const auto ticketOf = [&](const std::string& line) {
        const size_t from = helped.day.size() + 1;
        return line.substr(from, line.find(',', from) - from);
    };
    std::set<std::string> numbers;
    for (size_t i = 2; i < lines.size(); ++i)
        numbers.insert(ticketOf(lines[i]));
    EXPECT_EQ(numbers.size(), 1200u) << "a row was lost or written twice between pages";
    EXPECT_EQ(ticketOf(lines[2]), "C001");
    EXPECT_EQ(ticketOf(lines.back()), "C1200");
    EXPECT_FALSE(std::filesystem::exists(target.string() + ".tmp"));
}

}  // namespace
