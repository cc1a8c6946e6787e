// What the volunteer desk needs from a queue, whichever queue it is: the lone kiosk's SQLite
// book (LocalDeskQueue) or the centre's shared PostgreSQL queue (CentreDeskQueue). The desk's
// screens and DeskController are written once against this.
//
// Every call returns at once: the work runs on another thread (the kiosk's storage thread, or
// the centre queue's worker) and its reply runs later on the UI thread, from deliver(), which
// the desk calls once per frame. So a slow disk or a silent server never freezes the desk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/helplog/CsvExport.h"
#include "kiosk/helplog/HelpLog.h"
#include "kiosk/helplog/Statistics.h"
#include "kiosk/queue/HelpRequestLog.h"
#include "kiosk/queue/Ticket.h"

namespace kiosk::desk {

// The part of the queue a desk shows: who waits (in call order) and who asked for help.
struct DeskQueueView {
    std::vector<queue::Ticket> waiting;
    std::vector<queue::OpenHelpRequest> helpRequests;  // urgent first, then oldest
};

// The figures the desk's statistics screen offers.
enum class StatisticsRange { Today, Week, Month };

// The period of `range` that holds `localDay` ("YYYY-MM-DD"). Errors: stats.bad_period.
inline Result<helplog::Period> periodOf(StatisticsRange range, std::string_view localDay) {
    switch (range) {
        case StatisticsRange::Today: return helplog::Period::today(localDay);
        case StatisticsRange::Week: return helplog::Period::thisWeek(localDay);
        case StatisticsRange::Month: return helplog::Period::thisMonth(localDay);
    }
    return helplog::Period::today(localDay);
}

class DeskQueue {
public:
    template <class T>
    using Reply = std::function<void(Result<T>)>;

    virtual ~DeskQueue() = default;

    virtual void list(Reply<DeskQueueView> reply) = 0;
    // `caller`: who calls, as the lone kiosk's book records it ("volunteer-3"); the centre queue
    // records its desk number instead. nullopt: nobody waits in this desk's lines.
    virtual void callNext(std::string caller, Reply<std::optional<queue::Ticket>> reply) = 0;
    virtual void recall(queue::TicketId id, std::string caller, Reply<queue::Ticket> reply) = 0;
    virtual void noShow(queue::TicketId id, Reply<queue::Ticket> reply) = 0;
    virtual void done(queue::TicketId id, Reply<queue::Ticket> reply) = 0;
    virtual void transfer(queue::TicketId id, char toService, Reply<queue::Ticket> reply) = 0;
    // "Tôi đến ngay": false when someone else answered first or the citizen left.
    virtual void answerHelp(queue::HelpRequestId id, int64_t volunteer, std::string volunteerName,
                            Reply<bool> reply) = 0;

    // What the signed-in desk left unfinished today (desk/UnfinishedWork.h), offered again at
    // sign-in. `caller` as for callNext.
    virtual void unfinished(std::string caller, Reply<std::vector<queue::Ticket>> reply) = 0;
    // The help log of a done ticket (`entry.ticket`: the id this queue gave it), the citizen's
    // rating of it, and the team's figures: in the lone kiosk's SQLite file, or in the centre's
    // database, where the figures count every desk's help.
    virtual void logHelp(helplog::HelpEntry entry, Reply<Done> reply) = 0;
    virtual void rate(queue::TicketId id, helplog::Rating rating, Reply<Done> reply) = 0;
    virtual void statistics(StatisticsRange range, Reply<helplog::PeriodStatistics> reply) = 0;
    // The help log of `period` as CSV at `target` (helplog/CsvExport.h). `progress` runs on the
    // queue's thread (rows written, rows in all); returning false cancels.
    virtual void exportHelpCsv(helplog::Period period, std::filesystem::path target,
                               std::function<bool(int done, int total)> progress,
                               Reply<helplog::ExportSummary> reply) = 0;

    // Runs the replies that arrived; UI thread, once per frame.
    virtual void deliver() {}
    // The queue as another terminal just changed it, pushed without being asked (centre mode);
    // nullopt when nothing new arrived since the last take.
    virtual std::optional<DeskQueueView> takeNews() { return std::nullopt; }
    // Why the queue cannot be reached right now (the server does not answer); nullopt when it can.
    virtual std::optional<Error> offline() const { return std::nullopt; }
    // False where tickets cannot change line (a centre desk that was not told the centre's
    // services does not know which lines exist).
    virtual bool canTransfer() const { return true; }
};

}  // namespace kiosk::desk
