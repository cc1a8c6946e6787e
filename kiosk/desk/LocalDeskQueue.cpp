#include "kiosk/desk/LocalDeskQueue.h"

#include <algorithm>

#include "kiosk/desk/UnfinishedWork.h"
#include "kiosk/queue/TicketBook.h"

namespace kiosk::desk {

using queue::Ticket;

LocalDeskQueue::LocalDeskQueue(storage::StorageThread& storage, std::string services)
    : storage_(storage), services_(std::move(services)) {}

template <class T>
void LocalDeskQueue::post(std::function<Result<T>(storage::StorageRoom&)> job, Reply<T> reply) {
    storage_.post([job = std::move(job), reply = std::move(reply)](
                      storage::StorageRoom& room) -> storage::StorageThread::Completion {
        auto result = job(room);
        return [reply, result = std::move(result)]() mutable { reply(std::move(result)); };
    });
}

void LocalDeskQueue::list(Reply<DeskQueueView> reply) {
    post<DeskQueueView>(
        [services = services_](storage::StorageRoom& room) -> Result<DeskQueueView> {
            auto all = room.book.waitingInCallOrder();
            if (!all) return all.error();
            auto help = queue::openHelpRequests(room.db);
            if (!help) return help.error();
            DeskQueueView view{std::move(all).value(), std::move(help).value()};
            if (!services.empty()) {
                std::erase_if(view.waiting, [&](const Ticket& ticket) {
                    return services.find(ticket.service) == std::string::npos;
                });
            }
            return view;
        },
        std::move(reply));
}

void LocalDeskQueue::callNext(std::string caller, Reply<std::optional<Ticket>> reply) {
    post<std::optional<Ticket>>(
        [caller = std::move(caller), services = services_](storage::StorageRoom& room) {
            return room.book.callNext(caller, services);
        },
        std::move(reply));
}

void LocalDeskQueue::recall(queue::TicketId id, std::string caller, Reply<Ticket> reply) {
    post<Ticket>(
        [id, caller = std::move(caller)](storage::StorageRoom& room) { return room.book.recall(id, caller); },
        std::move(reply));
}

void LocalDeskQueue::noShow(queue::TicketId id, Reply<Ticket> reply) {
    post<Ticket>([id](storage::StorageRoom& room) { return room.book.noShow(id); }, std::move(reply));
}

void LocalDeskQueue::done(queue::TicketId id, Reply<Ticket> reply) {
    post<Ticket>([id](storage::StorageRoom& room) { return room.book.done(id); }, std::move(reply));
}

void LocalDeskQueue::transfer(queue::TicketId id, char toService, Reply<Ticket> reply) {
    post<Ticket>([id, toService](storage::StorageRoom& room) { return room.book.transfer(id, toService); },
                 std::move(reply));
}

void LocalDeskQueue::answerHelp(queue::HelpRequestId id, int64_t volunteer, std::string /*volunteerName*/,
                                Reply<bool> reply) {
    post<bool>([id, volunteer](
                   storage::StorageRoom& room) { return queue::answerHelpRequest(room.db, id, volunteer); },
               std::move(reply));
}

void LocalDeskQueue::unfinished(std::string caller, Reply<std::vector<Ticket>> reply) {
    post<std::vector<Ticket>>(
        [caller = std::move(caller)](storage::StorageRoom& room) { return unfinishedWork(room, caller); },
        std::move(reply));
}

void LocalDeskQueue::logHelp(helplog::HelpEntry entry, Reply<Done> reply) {
    post<Done>([entry = std::move(entry)](storage::StorageRoom& room) { return room.helpLog.record(entry); },
               std::move(reply));
}

void LocalDeskQueue::rate(queue::TicketId id, helplog::Rating rating, Reply<Done> reply) {
    post<Done>([id, rating](storage::StorageRoom& room) { return room.helpLog.rate(id, rating); },
               std::move(reply));
}

void LocalDeskQueue::statistics(StatisticsRange range, Reply<helplog::PeriodStatistics> reply) {
    post<helplog::PeriodStatistics>(
        [range](storage::StorageRoom& room) -> Result<helplog::PeriodStatistics> {
            auto day = room.book.businessDay();
            if (!day) return day.error();
            auto period = periodOf(range, *day);
            if (!period) return period.error();
            return helplog::computeStatistics(room.db, *period);
        },
        std::move(reply));
}

void LocalDeskQueue::exportHelpCsv(helplog::Period period, std::filesystem::path target,
                                   std::function<bool(int done, int total)> progress,
                                   Reply<helplog::ExportSummary> reply) {
    post<helplog::ExportSummary>(
        [period = std::move(period), target = std::move(target), progress = std::move(progress)](
            storage::StorageRoom& room) { return helplog::exportHelpCsv(room.db, period, target, progress); },
        std::move(reply));
}

}  // namespace kiosk::desk
