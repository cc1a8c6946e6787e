// The lone kiosk's queue as the desk sees it: the kiosk's own SQLite book, reached through the
// storage thread (the one connection that writes). Replies arrive with the storage thread's
// completions, which the kiosk runs once per frame; deliver() has nothing of its own to do.
#pragma once

#include <string>

#include "kiosk/desk/DeskQueue.h"
#include "kiosk/storage/StorageThread.h"

namespace kiosk::desk {

class LocalDeskQueue final : public DeskQueue {
public:
    // `storage` must outlive the queue. `services`: the lines this desk calls ("AB"); empty: all.
    explicit LocalDeskQueue(storage::StorageThread& storage, std::string services = {});

    void list(Reply<DeskQueueView> reply) override;
    void callNext(std::string caller, Reply<std::optional<queue::Ticket>> reply) override;
    void recall(queue::TicketId id, std::string caller, Reply<queue::Ticket> reply) override;
    void noShow(queue::TicketId id, Reply<queue::Ticket> reply) override;
    void done(queue::TicketId id, Reply<queue::Ticket> reply) override;
    void transfer(queue::TicketId id, char toService, Reply<queue::Ticket> reply) override;
    void answerHelp(queue::HelpRequestId id, int64_t volunteer, std::string volunteerName,
                    Reply<bool> reply) override;
    void unfinished(std::string caller, Reply<std::vector<queue::Ticket>> reply) override;
    void logHelp(helplog::HelpEntry entry, Reply<Done> reply) override;
    void rate(queue::TicketId id, helplog::Rating rating, Reply<Done> reply) override;
    void statistics(StatisticsRange range, Reply<helplog::PeriodStatistics> reply) override;
    void exportHelpCsv(helplog::Period period, std::filesystem::path target,
                       std::function<bool(int done, int total)> progress,
                       Reply<helplog::ExportSummary> reply) override;

private:
    template <class T>
    void post(std::function<Result<T>(storage::StorageRoom&)> job, Reply<T> reply);

    storage::StorageThread& storage_;
    std::string services_;
};

}  // namespace kiosk::desk
