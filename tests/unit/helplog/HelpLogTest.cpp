// The help log form's storage: names, the note's personal-data check, record and rate.
#include "kiosk/helplog/HelpLog.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "unit/helplog/StatsTestSupport.h"

using kiosk::helplog::AgeBand;
using kiosk::helplog::HelpEntry;
using kiosk::helplog::noteProblem;
using kiosk::helplog::Outcome;
using kiosk::helplog::Rating;
using kiosk::helplog::Skill;
using kiosk::helplog::Task;
using kiosk::helplog::Visit;
using kiosk::queue::Ticket;
using namespace std::chrono_literals;

namespace {

class HelpLogTest : public stats_test::HelpLogFixture {
protected:
    // A ticket called after 2 minutes and done 7 min 30 s later, with a household key.
    Ticket servedTicket() { return serve(2min, 7min + 30s, 'A', stats_test::householdKey(1)); }

    std::string errorCode(const kiosk::Status& status) { return status.ok() ? "ok" : status.error().code; }

    std::int64_t records() { return countRows("SELECT count(*) FROM help_record"); }
    std::int64_t ratings() { return countRows("SELECT count(*) FROM help_rating"); }
};

template <class Enum, std::size_t N, class NameOf>
std::vector<std::string> namesOf(const std::array<Enum, N>& values, NameOf nameOf) {
    std::vector<std::string> names;
    for (const Enum value : values)
        names.emplace_back(nameOf(value));
    return names;
}

template <class Enum, std::size_t N, class NameOf, class FromName>
void expectRoundTrip(const std::array<Enum, N>& values, NameOf nameOf, FromName fromName) {
    for (const Enum value : values)
        EXPECT_EQ(fromName(nameOf(value)), value) << nameOf(value);
    EXPECT_FALSE(fromName("").has_value());
    EXPECT_FALSE(fromName("unknown_value").has_value());
}

}  // namespace

// ----- Names -------------------------------------------------------------------------------------

TEST(HelpLogNames, AreTheCheckListsOfMigration5InEnumOrder) {
    using namespace kiosk::helplog;
    EXPECT_EQ(namesOf(kTasks, taskName),
              (std::vector<std::string>{"vneid_level1", "vneid_level2_preparation", "vneid_activation",
                                        "public_service_filing", "bank_or_qr_payment", "ecommerce",
                                        "scam_advice", "other"}));
    EXPECT_EQ(namesOf(kOutcomes, outcomeName),
              (std::vector<std::string>{"done", "partly", "referred_police", "referred_bank",
                                        "referred_post_office", "needs_device"}));
    EXPECT_EQ(namesOf(kVisits, visitName), (std::vector<std::string>{"first", "repeat"}));
    EXPECT_EQ(namesOf(kAgeBands, ageBandName),
              (std::vector<std::string>{"under_18", "18_34", "35_59", "60_74", "75_plus", "unknown"}));
    EXPECT_EQ(namesOf(kRatings, ratingName),
              (std::vector<std::string>{"satisfied", "neutral", "needs_improvement"}));
    EXPECT_EQ(namesOf(kSkills, kiosk::content::skillName),
              (std::vector<std::string>{"public_services", "online_shopping", "online_payment",
                                        "self_protection", "local_platforms"}));
}

TEST(HelpLogNames, ReadBackToTheSameValue) {
    using namespace kiosk::helplog;
    expectRoundTrip(kTasks, taskName, taskFromName);
    expectRoundTrip(kOutcomes, outcomeName, outcomeFromName);
    expectRoundTrip(kVisits, visitName, visitFromName);
    expectRoundTrip(kAgeBands, ageBandName, ageBandFromName);
    expectRoundTrip(kRatings, ratingName, ratingFromName);
    EXPECT_FALSE(outcomeFromName("Done").has_value()) << "names are case-sensitive, like the CHECK lists";
}

// ----- Note --------------------------------------------------------------------------------------

TEST(NoteProblem, KeepsNotesWithoutPersonalData) {
    for (const std::string_view note : {"", "Hướng dẫn kích hoạt VNeID mức 2", "cài app ngân hàng, 2 lần",
                                        "ngày 12/3, lúc 10:15", "3 - 4 người trong nhà", "giá 250 nghìn"}) {
        EXPECT_EQ(noteProblem(note), std::nullopt) << note;
    }
}

TEST(NoteProblem, RefusesNumbersAndEmailAddresses) {
    for (const std::string_view note :
         {"gọi 0912345678", "CCCD 001234567890", "mã 1234", "sđt 0912 345 678", "CCCD 001 234 567 890",
          "sđt 09.12.34.56.78", "số 001-234-567-890", "lan@example.invalid", "@lan"}) {
        const auto problem = noteProblem(note);
        ASSERT_TRUE(problem.has_value()) << note;
        EXPECT_NE(problem->find("Leave out names and numbers"), std::string::npos) << *problem;
    }
}

TEST(NoteProblem, RefusesMoreThan200Bytes) {
    EXPECT_EQ(noteProblem(std::string(200, 'a')), std::nullopt);
    const auto problem = noteProblem(std::string(201, 'a'));
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find("too long"), std::string::npos) << *problem;
    // 67 × "ầ" (3 bytes each) = 201 bytes, though only 67 letters.
    std::string accents;
    for (int i = 0; i < 67; ++i)
        accents += "ầ";
    EXPECT_TRUE(noteProblem(accents).has_value());
}

// ----- record ------------------------------------------------------------------------------------

TEST_F(HelpLogTest, RecordKeepsTheTicketsDayHouseholdAndServiceTime) {
    const Ticket ticket = servedTicket();
    clock_.advance(1min);
    HelpEntry entry = entryFor(ticket);
    entry.skill = Skill::OnlinePayment;
    entry.task = Task::BankOrQrPayment;
    entry.outcome = Outcome::ReferredBank;
    entry.visit = Visit::Repeat;
    entry.ageBand = AgeBand::From75;
    entry.note = "Cài app ngân hàng, cần ra quầy";
    record(entry);

    auto row = database_->prepare(
        "SELECT ticket_id, volunteer_id, day, recorded_at_ms, skill, task, outcome, visit, age_band, note, "
        "household_key, service_ms FROM help_record");
    ASSERT_TRUE(row.ok());
    ASSERT_TRUE(row->step().ok());
    EXPECT_EQ(row->columnInt(0), ticket.id);
    EXPECT_EQ(row->columnInt(1), volunteer_);
    EXPECT_EQ(row->columnText(2), "2026-11-23");
    EXPECT_EQ(row->columnInt(3), clock_.now().time_since_epoch().count());
    EXPECT_EQ(row->columnText(4), "online_payment");
    EXPECT_EQ(row->columnText(5), "bank_or_qr_payment");
    EXPECT_EQ(row->columnText(6), "referred_bank");
    EXPECT_EQ(row->columnText(7), "repeat");
    EXPECT_EQ(row->columnText(8), "75_plus");
    EXPECT_EQ(row->columnText(9), "Cài app ngân hàng, cần ra quầy");
    EXPECT_EQ(row->columnText(10), stats_test::householdKey(1));
    EXPECT_EQ(row->columnInt(11), 450'000);
}

TEST_F(HelpLogTest, RecordWithoutHouseholdKeepsNone) {
    const Ticket ticket = serve(1min, 3min);
    record(entryFor(ticket));
    EXPECT_EQ(
        countRows("SELECT count(*) FROM help_record WHERE household_key IS NULL AND service_ms = 180000"), 1);
}

TEST_F(HelpLogTest, RecordAfterTheClockWentBackKeepsNoServiceTime) {
    const Ticket ticket = issue();
    clock_.advance(1min);
    call(ticket);
    clock_.advance(-30s);  // NTP sets the clock back while the citizen is served
    done(ticket);
    record(entryFor(ticket));
    EXPECT_EQ(countRows("SELECT count(*) FROM help_record WHERE service_ms IS NULL"), 1);
}

TEST_F(HelpLogTest, EveryNameIsAcceptedByTheSchema) {
    for (std::size_t i = 0; i < kiosk::helplog::kTasks.size(); ++i) {
        const Ticket ticket = serve(1min, 1min);
        HelpEntry entry = entryFor(ticket);
        entry.skill = kiosk::helplog::kSkills[i % kiosk::helplog::kSkills.size()];
        entry.task = kiosk::helplog::kTasks[i];
        entry.outcome = kiosk::helplog::kOutcomes[i % kiosk::helplog::kOutcomes.size()];
        entry.visit = kiosk::helplog::kVisits[i % kiosk::helplog::kVisits.size()];
        entry.ageBand = kiosk::helplog::kAgeBands[(i + 3) % kiosk::helplog::kAgeBands.size()];
        record(entry);
        rate(ticket, kiosk::helplog::kRatings[i % kiosk::helplog::kRatings.size()]);
    }
    EXPECT_EQ(records(), 8);
    EXPECT_EQ(ratings(), 8);
}

TEST_F(HelpLogTest, RecordRefusesAnUnknownTicket) {
    HelpEntry entry;
    entry.ticket = 4242;
    entry.volunteer = volunteer_;
    EXPECT_EQ(errorCode(log_->record(entry)), "helplog.unknown_ticket");
    EXPECT_EQ(records(), 0);
}

TEST_F(HelpLogTest, RecordRefusesATicketThatIsNotDone) {
    const Ticket waiting = issue('A');
    const kiosk::Status refused = log_->record(entryFor(waiting));
    ASSERT_EQ(errorCode(refused), "helplog.ticket_not_done");
    EXPECT_NE(refused.error().message.find("A001 is still waiting"), std::string::npos)
        << refused.error().message;
    call(waiting);
    EXPECT_EQ(errorCode(log_->record(entryFor(waiting))), "helplog.ticket_not_done");
    ASSERT_TRUE(book_->noShow(waiting.id).ok());
    EXPECT_EQ(errorCode(log_->record(entryFor(waiting))), "helplog.ticket_not_done");
    EXPECT_EQ(records(), 0);
}

TEST_F(HelpLogTest, RecordRefusesASecondRecordForOneTicket) {
    const Ticket ticket = servedTicket();
    HelpEntry first = entryFor(ticket);
    first.task = Task::VneidActivation;
    record(first);
    HelpEntry second = entryFor(ticket);
    second.task = Task::ScamAdvice;
    EXPECT_EQ(errorCode(log_->record(second)), "helplog.already_logged");
    EXPECT_EQ(countRows("SELECT count(*) FROM help_record WHERE task = 'vneid_activation'"), 1);
    EXPECT_EQ(records(), 1);
}

TEST_F(HelpLogTest, RecordRefusesAnUnknownVolunteer) {
    HelpEntry entry = entryFor(servedTicket());
    entry.volunteer = volunteer_ + 100;
    EXPECT_EQ(errorCode(log_->record(entry)), "helplog.unknown_volunteer");
    EXPECT_EQ(records(), 0);
}

TEST_F(HelpLogTest, RecordRefusesANoteWithPersonalData) {
    HelpEntry entry = entryFor(servedTicket());
    entry.note = "gọi lại 0912 345 678";
    const kiosk::Status refused = log_->record(entry);
    ASSERT_EQ(errorCode(refused), "helplog.note_personal_data");
    EXPECT_NE(refused.error().message.find("Leave out names and numbers"), std::string::npos);
    EXPECT_EQ(errorCode(log_->record(HelpEntry{entry.ticket, volunteer_, Skill::PublicServices, Task::Other,
                                               Outcome::Done, Visit::First, AgeBand::Unknown,
                                               std::string(201, 'x')})),
              "helplog.note_personal_data");
    EXPECT_EQ(records(), 0);
    entry.note = "đã hướng dẫn, gọi lại sau";
    record(entry);
    EXPECT_EQ(records(), 1);
}

// ----- rate --------------------------------------------------------------------------------------

TEST_F(HelpLogTest, RateKeepsTheRatingWithTheTicketsDay) {
    const Ticket ticket = servedTicket();
    clock_.advance(20s);
    rate(ticket, Rating::NeedsImprovement);
    auto row = database_->prepare("SELECT ticket_id, day, rated_at_ms, rating FROM help_rating");
    ASSERT_TRUE(row.ok());
    ASSERT_TRUE(row->step().ok());
    EXPECT_EQ(row->columnInt(0), ticket.id);
    EXPECT_EQ(row->columnText(1), "2026-11-23");
    EXPECT_EQ(row->columnInt(2), clock_.now().time_since_epoch().count());
    EXPECT_EQ(row->columnText(3), "needs_improvement");
    EXPECT_EQ(records(), 0) << "a rating needs no help record";
}

TEST_F(HelpLogTest, RateOnlyOncePerTicket) {
    const Ticket ticket = servedTicket();
    rate(ticket, Rating::Satisfied);
    EXPECT_EQ(errorCode(log_->rate(ticket.id, Rating::Neutral)), "helplog.already_rated");
    EXPECT_EQ(countRows("SELECT count(*) FROM help_rating WHERE rating = 'satisfied'"), 1);
    EXPECT_EQ(ratings(), 1);
}

TEST_F(HelpLogTest, RateRefusesUnknownAndUnfinishedTickets) {
    EXPECT_EQ(errorCode(log_->rate(999, Rating::Satisfied)), "helplog.unknown_ticket");
    const Ticket waiting = issue('B');
    EXPECT_EQ(errorCode(log_->rate(waiting.id, Rating::Satisfied)), "helplog.ticket_not_done");
    call(waiting);
    EXPECT_EQ(errorCode(log_->rate(waiting.id, Rating::Satisfied)), "helplog.ticket_not_done");
    EXPECT_EQ(ratings(), 0);
}

// ----- Outbox ------------------------------------------------------------------------------------

TEST_F(HelpLogTest, RecordAndRatingEachWriteOneOutboxEventWithoutTheNote) {
    const Ticket ticket = servedTicket();
    HelpEntry entry = entryFor(ticket);
    entry.note = "Hướng dẫn đổi mật khẩu ứng dụng";
    record(entry);
    ASSERT_TRUE(log_->rate(ticket.id, Rating::NeedsImprovement).ok());

    auto rows = database_->prepare("SELECT kind, payload FROM outbox WHERE kind LIKE 'help.%' ORDER BY seq");
    ASSERT_TRUE(rows.ok());
    std::vector<std::pair<std::string, std::string>> events;
    while (true) {
        auto row = rows->step();
        ASSERT_TRUE(row.ok());
        if (!*row) break;
        events.emplace_back(rows->columnText(0), rows->columnText(1));
    }
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].first, "help.logged");
    EXPECT_NE(events[0].second.find("\"household_key\""), std::string::npos) << events[0].second;
    EXPECT_EQ(events[0].second.find("mật khẩu"), std::string::npos) << "the note must stay on the kiosk";
    EXPECT_EQ(events[1].first, "help.rated");
    EXPECT_NE(events[1].second.find("needs_improvement"), std::string::npos) << events[1].second;
}

TEST_F(HelpLogTest, ARefusedRecordWritesNoOutboxEvent) {
    const Ticket waiting = issue();
    EXPECT_FALSE(log_->record(entryFor(waiting)).ok());
    EXPECT_EQ(countRows("SELECT count(*) FROM outbox WHERE kind LIKE 'help.%'"), 0);
}
