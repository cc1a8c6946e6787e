// The help log form's storage: names of the form's choices, the note's personal-data check, and
// one transaction per record or rating. See HelpLog.h for the contract; migration 5 for the tables.
#include "kiosk/helplog/HelpLog.h"

#include "kiosk/PersonalData.h"
#include "kiosk/sync/EventKind.h"
#include "kiosk/sync/Outbox.h"

#include <array>

#include <cstdint>
#include <utility>
#include "kiosk/EnumNames.h"

namespace kiosk::helplog {

namespace {

// The CHECK lists of migration 5, in the enums' order. A name changed here must change there
// (a new migration), in the sync payloads and in the CSV export's readers.
constexpr std::array<std::pair<Task, std::string_view>, 8> kTaskNames{{
    {Task::VneidLevel1, "vneid_level1"},
    {Task::VneidLevel2Preparation, "vneid_level2_preparation"},
    {Task::VneidActivation, "vneid_activation"},
    {Task::PublicServiceFiling, "public_service_filing"},
    {Task::BankOrQrPayment, "bank_or_qr_payment"},
    {Task::Ecommerce, "ecommerce"},
    {Task::ScamAdvice, "scam_advice"},
    {Task::Other, "other"},
}};

constexpr std::array<std::pair<Outcome, std::string_view>, 6> kOutcomeNames{{
    {Outcome::Done, "done"},
    {Outcome::Partly, "partly"},
    {Outcome::ReferredPolice, "referred_police"},
    {Outcome::ReferredBank, "referred_bank"},
    {Outcome::ReferredPostOffice, "referred_post_office"},
    {Outcome::NeedsDevice, "needs_device"},
}};

constexpr std::array<std::pair<Visit, std::string_view>, 2> kVisitNames{{
    {Visit::First, "first"},
    {Visit::Repeat, "repeat"},
}};

constexpr std::array<std::pair<AgeBand, std::string_view>, 6> kAgeBandNames{{
    {AgeBand::Under18, "under_18"},
    {AgeBand::From18To34, "18_34"},
    {AgeBand::From35To59, "35_59"},
    {AgeBand::From60To74, "60_74"},
    {AgeBand::From75, "75_plus"},
    {AgeBand::Unknown, "unknown"},
}};

constexpr std::array<std::pair<Rating, std::string_view>, 3> kRatingNames{{
    {Rating::Satisfied, "satisfied"},
    {Rating::Neutral, "neutral"},
    {Rating::NeedsImprovement, "needs_improvement"},
}};

constexpr std::size_t kMaxNoteBytes = 200;
// What the form needs to know about a ticket, read inside the transaction that writes.
struct TicketFacts {
    std::string label;  // "A001"
    bool done = false;
    std::string state;
    std::string day;
    std::optional<std::string> householdKey;
    std::optional<std::int64_t> serviceMs;
};

Result<TicketFacts> loadTicket(store::Database& db, queue::TicketId id) {
    auto select = db.prepare(
        "SELECT letter, number, state, day, household_key, called_at_ms, done_at_ms "
        "FROM ticket WHERE id = ?1");
    if (!select) return select.error();
    select->bind(1, id);
    auto row = select->step();
    if (!row) return row.error();
    if (!*row) {
        return Error{
            "helplog.unknown_ticket",
            "ticket " + std::to_string(id) + " does not exist; refresh the list and choose the ticket again"};
    }
    queue::Ticket ticket;
    ticket.letter = select->columnText(0).front();
    ticket.number = static_cast<int>(select->columnInt(1));
    TicketFacts facts;
    facts.label = ticket.label();
    facts.state = select->columnText(2);
    facts.done = facts.state == queue::stateName(queue::TicketState::Done);
    facts.day = select->columnText(3);
    if (!select->columnIsNull(4)) facts.householdKey = select->columnText(4);
    if (!select->columnIsNull(5) && !select->columnIsNull(6)) {
        // A clock set back between call and done gives no service time rather than a wrong one
        // (and the schema refuses a negative one).
        const std::int64_t ms = select->columnInt(6) - select->columnInt(5);
        if (ms >= 0) facts.serviceMs = ms;
    }
    return facts;
}

Error notDone(const TicketFacts& ticket, std::string_view what) {
    return ticketNotDone(ticket.label, ticket.state, what);
}

Result<bool> exists(store::Database& db, std::string_view sql, std::int64_t id) {
    auto select = db.prepare(sql);
    if (!select) return select.error();
    select->bind(1, id);
    return select->step();
}

}  // namespace

std::string_view taskName(Task task) {
    return nameOf(kTaskNames, task);
}
std::optional<Task> taskFromName(std::string_view name) {
    return valueOf(kTaskNames, name);
}
std::string_view outcomeName(Outcome outcome) {
    return nameOf(kOutcomeNames, outcome);
}
std::optional<Outcome> outcomeFromName(std::string_view name) {
    return valueOf(kOutcomeNames, name);
}
std::string_view visitName(Visit visit) {
    return nameOf(kVisitNames, visit);
}
std::optional<Visit> visitFromName(std::string_view name) {
    return valueOf(kVisitNames, name);
}
std::string_view ageBandName(AgeBand band) {
    return nameOf(kAgeBandNames, band);
}
std::optional<AgeBand> ageBandFromName(std::string_view name) {
    return valueOf(kAgeBandNames, name);
}
std::string_view ratingName(Rating rating) {
    return nameOf(kRatingNames, rating);
}
std::optional<Rating> ratingFromName(std::string_view name) {
    return valueOf(kRatingNames, name);
}

Error ticketNotDone(std::string_view label, std::string_view state, std::string_view what) {
    const std::string_view shown = state == "waiting"   ? "still waiting"
                                   : state == "called"  ? "called but not marked done"
                                   : state == "no_show" ? "marked as a no-show"
                                                        : "not done";
    return Error{"helplog.ticket_not_done", "ticket " + std::string(label) + " is " + std::string(shown) +
                                                "; " + std::string(what) +
                                                " only after the ticket was marked done"};
}

std::optional<std::string> noteProblem(std::string_view note) {
    if (note.size() > kMaxNoteBytes) {
        return "the note is too long (" + std::to_string(note.size()) +
               " bytes, at most 200; a Vietnamese letter with accents takes 2 or 3). Shorten it to a few "
               "words about the help given, and leave out names and numbers";
    }
    if (typedTextLooksPersonal(note)) {
        return std::string(
            "the note looks like it holds a phone, ID or account number or an e-mail address. Leave out "
            "names and numbers: write only what help was given, for example \"set up VNeID level 2\"");
    }
    return std::nullopt;
}

namespace {
WallTime fromMillis(std::int64_t ms) {
    return WallTime(std::chrono::milliseconds(ms));
}
}  // namespace

HelpLog::HelpLog(store::Database& database, const kiosk::WallClock& clock) : db_(database), clock_(clock) {}

Status HelpLog::record(const HelpEntry& entry) {
    if (auto problem = noteProblem(entry.note)) return Error{"helplog.note_personal_data", *problem};
    const std::int64_t recordedAt = toMillis(clock_.now());
    return db_.transaction([&]() -> Status {
        auto ticket = loadTicket(db_, entry.ticket);
        if (!ticket) return ticket.error();
        if (!ticket->done) return notDone(*ticket, "log the help");
        auto logged = exists(db_, "SELECT 1 FROM help_record WHERE ticket_id = ?1", entry.ticket);
        if (!logged) return logged.error();
        if (*logged) {
            return Error{"helplog.already_logged", "the help for ticket " + ticket->label +
                                                       " was already logged; nothing was changed. Choose "
                                                       "the next ticket"};
        }
        auto volunteer = exists(db_, "SELECT 1 FROM volunteer WHERE id = ?1", entry.volunteer);
        if (!volunteer) return volunteer.error();
        if (!*volunteer) {
            return Error{
                "helplog.unknown_volunteer",
                "the signed-in volunteer is not on the list any more; sign in again and log the help"};
        }
        auto insert = db_.prepare(
            "INSERT INTO help_record(ticket_id, volunteer_id, day, recorded_at_ms, skill, task, outcome, "
            "visit, "
            "age_band, note, household_key, service_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
            "?12)");
        if (!insert) return insert.error();
        insert->bind(1, entry.ticket)
            .bind(2, entry.volunteer)
            .bind(3, ticket->day)
            .bind(4, recordedAt)
            .bind(5, content::skillName(entry.skill))
            .bind(6, taskName(entry.task))
            .bind(7, outcomeName(entry.outcome))
            .bind(8, visitName(entry.visit))
            .bind(9, ageBandName(entry.ageBand))
            .bind(10, entry.note);
        if (ticket->householdKey) {
            insert->bind(11, *ticket->householdKey);
        } else {
            insert->bindNull(11);
        }
        if (ticket->serviceMs) {
            insert->bind(12, *ticket->serviceMs);
        } else {
            insert->bindNull(12);
        }
        if (Status inserted = insert->run(); !inserted) return inserted;
        // The province learns what was helped with; the free-text note stays on the kiosk.
        nlohmann::json payload = {
            {"ticket_id", entry.ticket},       {"day", ticket->day},
            {"volunteer_id", entry.volunteer}, {"skill", content::skillName(entry.skill)},
            {"task", taskName(entry.task)},    {"outcome", outcomeName(entry.outcome)},
            {"visit", visitName(entry.visit)}, {"age_band", ageBandName(entry.ageBand)}};
        if (ticket->householdKey) payload["household_key"] = *ticket->householdKey;
        if (ticket->serviceMs) payload["service_ms"] = *ticket->serviceMs;
        return sync::appendEvent(db_, sync::kind::kHelpLogged, payload, fromMillis(recordedAt));
    });
}

Status HelpLog::rate(queue::TicketId ticketId, Rating rating) {
    const std::int64_t ratedAt = toMillis(clock_.now());
    return db_.transaction([&]() -> Status {
        auto ticket = loadTicket(db_, ticketId);
        if (!ticket) return ticket.error();
        if (!ticket->done) return notDone(*ticket, "a rating can be given");
        auto rated = exists(db_, "SELECT 1 FROM help_rating WHERE ticket_id = ?1", ticketId);
        if (!rated) return rated.error();
        if (*rated) {
            return Error{"helplog.already_rated",
                         "ticket " + ticket->label + " was already rated; the first rating is kept"};
        }
        auto insert = db_.prepare(
            "INSERT INTO help_rating(ticket_id, day, rated_at_ms, rating) VALUES(?1, ?2, ?3, ?4)");
        if (!insert) return insert.error();
        insert->bind(1, ticketId).bind(2, ticket->day).bind(3, ratedAt).bind(4, ratingName(rating));
        if (Status inserted = insert->run(); !inserted) return inserted;
        return sync::appendEvent(
            db_, sync::kind::kHelpRated,
            {{"ticket_id", ticketId}, {"day", ticket->day}, {"rating", ratingName(rating)}},
            fromMillis(ratedAt));
    });
}

}  // namespace kiosk::helplog
