// What volunteers did for citizens, and how citizens rated it: the help log form filled in when
// a ticket is done (migration 5, tables `help_record` and `help_rating`). Nothing here holds
// personal data: the household key is the ticket's HMAC key, and the free-text note is refused
// when it looks like it carries a number, an e-mail address or a phone number.
//
// Every call is one transaction and returns after it committed (fsync), so the UI calls it off
// the UI thread. Not thread-safe: one HelpLog per thread.
//
// Usage:
//   helplog::HelpLog log(database, clock);
//   log.record({.ticket = ticket.id, .volunteer = session.volunteer, .skill = Skill::OnlinePayment,
//               .task = Task::BankOrQrPayment, .outcome = Outcome::Done, .visit = Visit::First,
//               .ageBand = AgeBand::From60To74});
//   log.rate(ticket.id, Rating::Satisfied);
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/content/Walkthrough.h"
#include "kiosk/helplog/VolunteerRoster.h"
#include "kiosk/queue/Ticket.h"
#include "kiosk/store/Database.h"

namespace kiosk::helplog {

using content::Skill;

enum class Task {
    VneidLevel1,
    VneidLevel2Preparation,
    VneidActivation,
    PublicServiceFiling,
    BankOrQrPayment,
    Ecommerce,
    ScamAdvice,
    Other,
};
enum class Outcome { Done, Partly, ReferredPolice, ReferredBank, ReferredPostOffice, NeedsDevice };
enum class Visit { First, Repeat };
enum class AgeBand { Under18, From18To34, From35To59, From60To74, From75, Unknown };
enum class Rating { Satisfied, Neutral, NeedsImprovement };

// Every value in declaration order: the order of the form's buttons, of the statistics
// (Statistics.h) and of fixed bar charts.
inline constexpr std::array kSkills = {Skill::PublicServices, Skill::OnlineShopping, Skill::OnlinePayment,
                                       Skill::SelfProtection, Skill::LocalPlatforms};
inline constexpr std::array kTasks = {Task::VneidLevel1,     Task::VneidLevel2Preparation,
                                      Task::VneidActivation, Task::PublicServiceFiling,
                                      Task::BankOrQrPayment, Task::Ecommerce,
                                      Task::ScamAdvice,      Task::Other};
inline constexpr std::array kOutcomes = {Outcome::Done,
                                         Outcome::Partly,
                                         Outcome::ReferredPolice,
                                         Outcome::ReferredBank,
                                         Outcome::ReferredPostOffice,
                                         Outcome::NeedsDevice};
inline constexpr std::array kVisits = {Visit::First, Visit::Repeat};
inline constexpr std::array kAgeBands = {AgeBand::Under18,    AgeBand::From18To34, AgeBand::From35To59,
                                         AgeBand::From60To74, AgeBand::From75,     AgeBand::Unknown};
inline constexpr std::array kRatings = {Rating::Satisfied, Rating::Neutral, Rating::NeedsImprovement};

// The names stored in the database, the CSV export and the sync payloads ("vneid_level1",
// "referred_post_office", "60_74", "needs_improvement", ...): the CHECK lists of migration 5.
std::string_view taskName(Task task);
std::optional<Task> taskFromName(std::string_view name);
std::string_view outcomeName(Outcome outcome);
std::optional<Outcome> outcomeFromName(std::string_view name);
std::string_view visitName(Visit visit);
std::optional<Visit> visitFromName(std::string_view name);
std::string_view ageBandName(AgeBand band);
std::optional<AgeBand> ageBandFromName(std::string_view name);
std::string_view ratingName(Rating rating);
std::optional<Rating> ratingFromName(std::string_view name);

struct HelpEntry {
    queue::TicketId ticket = 0;
    VolunteerId volunteer = 0;
    Skill skill = Skill::PublicServices;
    Task task = Task::Other;
    Outcome outcome = Outcome::Done;
    Visit visit = Visit::First;
    AgeBand ageBand = AgeBand::Unknown;
    std::string note;  // optional, at most 200 bytes, no personal data
};

// Why a note is refused, or nullopt when it may be kept: a run of 4 or more digits (ID, phone,
// account number), an '@', or more than 200 bytes.
// Digits split by single spaces, dots or dashes count as one run ("001 234 567 890", "09.12.34.56").
// record() refuses such a note with helplog.note_personal_data, a too-long one included.
std::optional<std::string> noteProblem(std::string_view note);

// helplog.ticket_not_done for ticket `label` in `state` (a queue state name): `what` cannot be
// done yet, e.g. "log the help".
Error ticketNotDone(std::string_view label, std::string_view state, std::string_view what);

class HelpLog {
public:
    // `database` and `clock` must outlive the log.
    HelpLog(store::Database& database, const kiosk::WallClock& clock);

    // Logs the help given for a done ticket: the day, household key and service time (call to
    // done) are the ticket's. Errors: helplog.unknown_ticket, helplog.ticket_not_done,
    // helplog.already_logged, helplog.unknown_volunteer, helplog.note_personal_data, store.*.
    Status record(const HelpEntry& entry);
    // The citizen's rating of a done ticket, once. Errors: helplog.unknown_ticket,
    // helplog.ticket_not_done, helplog.already_rated, store.*.
    Status rate(queue::TicketId ticket, Rating rating);

private:
    store::Database& db_;
    const kiosk::WallClock& clock_;
};

}  // namespace kiosk::helplog
