#include "kiosk/centre/CentreDeskQueue.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <utility>

namespace kiosk::centre {

using namespace std::chrono_literals;
using queue::Ticket;

namespace {

// How long one wait on the listener lasts: the longest the destructor waits for that thread.
constexpr auto kListenSlice = 200ms;

bool connectionLost(const Error& error) {
    return error.code == "centre.unreachable";
}

}  // namespace

CentreDeskQueue::CentreDeskQueue(CentreDeskSetup setup, const WallClock& clock, std::function<void()> wake)
    : setup_(std::move(setup)),
      clock_(clock),
      wake_(std::move(wake)),
      worker_([this] { runWorker(); }),
      listener_([this] { runListener(); }) {}

CentreDeskQueue::~CentreDeskQueue() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    work_.notify_all();
    listener_.join();
    worker_.join();
}

void CentreDeskQueue::post(Job job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    work_.notify_one();
}

void CentreDeskQueue::deliver() {
    std::deque<std::function<void()>> ready;
    {
        std::lock_guard lock(mutex_);
        ready.swap(replies_);
    }
    for (auto& reply : ready)
        reply();
}

std::optional<desk::DeskQueueView> CentreDeskQueue::takeNews() {
    std::lock_guard lock(mutex_);
    return std::exchange(news_, std::nullopt);
}

std::optional<Error> CentreDeskQueue::offline() const {
    std::lock_guard lock(mutex_);
    return commandProblem_ ? commandProblem_ : listenerProblem_;
}

CentreQueue* CentreDeskQueue::connectedQueue() {
    if (queue_ && connection_ && connection_->isOpen()) return &*queue_;
    helpLog_.reset();
    help_.reset();
    queue_.reset();
    connection_.reset();
    auto opened = PgConnection::open(setup_.database, setup_.deadlines);
    if (!opened) {
        noteFailure(opened.error());
        return nullptr;
    }
    connection_.emplace(std::move(opened).value());
    queue_.emplace(*connection_, clock_, setup_.policy);
    help_.emplace(*connection_);
    helpLog_.emplace(*connection_);
    noteContact();
    spdlog::info("desk {}: connected to the centre", setup_.desk);
    return &*queue_;
}

void CentreDeskQueue::noteContact() {
    if (setup_.terminalId.empty() || !connection_) return;
    // Not fatal: `centre status` only learns later when this desk was last heard from.
    if (Status noted = connection_->run(
            "INSERT INTO terminal(id, role, last_contact) VALUES ($1, 'desk', now()) "
            "ON CONFLICT (id) DO UPDATE SET role = excluded.role, last_contact = excluded.last_contact",
            {setup_.terminalId});
        !noted) {
        spdlog::warn("desk: cannot note this desk's contact: {}", noted.error().message);
        noteFailure(noted.error());
    }
}

void CentreDeskQueue::noteFailure(const Error& error) {
    if (!connectionLost(error)) return;
    helpLog_.reset();
    help_.reset();
    queue_.reset();
    connection_.reset();
    std::lock_guard lock(mutex_);
    if (!commandProblem_) spdlog::warn("desk {}: the centre is offline: {}", setup_.desk, error.message);
    commandProblem_ = error;
}

void CentreDeskQueue::noteSuccess() {
    std::lock_guard lock(mutex_);
    if (commandProblem_) spdlog::info("desk {}: the centre answers again", setup_.desk);
    commandProblem_.reset();
}

Ticket CentreDeskQueue::toDeskTicket(const CentreTicket& ticket) {
    auto [at, added] = idOf_.try_emplace(ticket.id, static_cast<queue::TicketId>(uuidOf_.size() + 1));
    if (added) uuidOf_.push_back(ticket.id);
    Ticket shown;
    shown.id = at->second;
    shown.day = ticket.day;
    shown.letter = ticket.letter;
    shown.number = ticket.number;
    shown.service = ticket.service;
    shown.priority = ticket.priority;
    shown.state = ticket.status;
    if (ticket.desk) shown.desk = "desk-" + std::to_string(*ticket.desk);
    return shown;
}

Result<std::string> CentreDeskQueue::uuidOf(queue::TicketId id) const {
    if (id < 1 || static_cast<size_t>(id) > uuidOf_.size())
        return Error{"queue.no_such_ticket", "this desk has not shown ticket " + std::to_string(id)};
    return uuidOf_[static_cast<size_t>(id - 1)];
}

Result<desk::DeskQueueView> CentreDeskQueue::load() {
    if (!connectedQueue())
        return commandProblem_ ? *commandProblem_ : Error{"centre.unreachable", "the centre is offline"};
    // The desk's lines in the order call-next takes them, roughly: priority first, then oldest.
    auto rows = connection_->query(
        "SELECT id::text, day::text, service, number, priority, (extract(epoch FROM issued_at) * "
        "1000)::bigint, letter "
        "FROM ticket WHERE day = $1::date AND status = 'waiting' AND ($2 = '' OR strpos($2, service) > 0) "
        "ORDER BY priority <> 'none' DESC, issue_order",
        {clock_.localDay(clock_.now()), setup_.services});
    if (!rows) {
        noteFailure(rows.error());
        return rows.error();
    }
    auto help = help_->open();
    if (!help) {
        noteFailure(help.error());
        return help.error();
    }
    noteSuccess();
    desk::DeskQueueView view;
    view.helpRequests = std::move(help).value();
    for (int row = 0; row < rows->count(); ++row) {
        CentreTicket ticket;
        ticket.id = rows->text(row, 0);
        ticket.day = rows->text(row, 1);
        ticket.service = rows->text(row, 2).front();
        ticket.letter = rows->text(row, 6).front();
        ticket.number = static_cast<int>(rows->integer(row, 3));
        ticket.priority = queue::priorityFromName(rows->text(row, 4)).value_or(queue::Priority::None);
        Ticket shown = toDeskTicket(ticket);
        shown.issuedAt = WallTime(std::chrono::milliseconds(rows->integer(row, 5)));
        view.waiting.push_back(std::move(shown));
    }
    return view;
}

void CentreDeskQueue::list(Reply<desk::DeskQueueView> reply) {
    post([this, reply = std::move(reply)]() -> std::function<void()> {
        auto view = load();
        return [reply, view = std::move(view)]() mutable { reply(std::move(view)); };
    });
}

template <class T>
void CentreDeskQueue::postTicketJob(std::function<Result<T>(CentreQueue&)> job, Reply<T> reply) {
    post([this, job = std::move(job), reply = std::move(reply)]() -> std::function<void()> {
        CentreQueue* line = connectedQueue();
        Result<T> result =
            line ? job(*line)
                 : Result<T>(offline().value_or(Error{"centre.unreachable", "the centre is offline"}));
        if (line) {
            if (result) {
                noteSuccess();
            } else {
                noteFailure(result.error());
            }
        }
        return [reply, result = std::move(result)]() mutable { reply(std::move(result)); };
    });
}

void CentreDeskQueue::callNext(std::string /*caller*/, Reply<std::optional<Ticket>> reply) {
    postTicketJob<std::optional<Ticket>>(
        [this](CentreQueue& line) -> Result<std::optional<Ticket>> {
            auto called = line.callNext(setup_.desk, setup_.services);
            if (!called) return called.error();
            if (!*called) return std::optional<Ticket>();
            // At the commit: boards and the other desks hear of it from here on.
            spdlog::info("desk {}: called {} at the centre", setup_.desk, (*called)->label());
            return std::optional<Ticket>(toDeskTicket(**called));
        },
        std::move(reply));
}

void CentreDeskQueue::recall(queue::TicketId id, std::string /*caller*/, Reply<Ticket> reply) {
    postTicketJob<Ticket>(
        [this, id](CentreQueue& line) -> Result<Ticket> {
            auto uuid = uuidOf(id);
            if (!uuid) return uuid.error();
            auto ticket = line.recall(*uuid, setup_.desk);
            if (!ticket) return ticket.error();
            return toDeskTicket(*ticket);
        },
        std::move(reply));
}

void CentreDeskQueue::noShow(queue::TicketId id, Reply<Ticket> reply) {
    postTicketJob<Ticket>(
        [this, id](CentreQueue& line) -> Result<Ticket> {
            auto uuid = uuidOf(id);
            if (!uuid) return uuid.error();
            auto ticket = line.noShow(*uuid);
            if (!ticket) return ticket.error();
            return toDeskTicket(*ticket);
        },
        std::move(reply));
}

void CentreDeskQueue::done(queue::TicketId id, Reply<Ticket> reply) {
    postTicketJob<Ticket>(
        [this, id](CentreQueue& line) -> Result<Ticket> {
            auto uuid = uuidOf(id);
            if (!uuid) return uuid.error();
            auto ticket = line.done(*uuid);
            if (!ticket) return ticket.error();
            return toDeskTicket(*ticket);
        },
        std::move(reply));
}

void CentreDeskQueue::transfer(queue::TicketId id, char toService, Reply<Ticket> reply) {
    postTicketJob<Ticket>(
        [this, id, toService](CentreQueue& line) -> Result<Ticket> {
            auto uuid = uuidOf(id);
            if (!uuid) return uuid.error();
            auto ticket = line.transfer(*uuid, toService, setup_.knownServices);
            if (!ticket) return ticket.error();
            return toDeskTicket(*ticket);
        },
        std::move(reply));
}

void CentreDeskQueue::answerHelp(queue::HelpRequestId id, int64_t volunteer, std::string volunteerName,
                                 Reply<bool> reply) {
    postTicketJob<bool>([this, id, volunteer, name = std::move(volunteerName)](
                            CentreQueue&) -> Result<bool> { return help_->answer(id, name, volunteer); },
                        std::move(reply));
}

void CentreDeskQueue::unfinished(std::string /*caller*/, Reply<std::vector<Ticket>> reply) {
    postTicketJob<std::vector<Ticket>>(
        [this](CentreQueue& line) -> Result<std::vector<Ticket>> {
            auto left = line.unfinishedAt(setup_.desk);
            if (!left) return left.error();
            std::vector<Ticket> shown;
            for (const CentreTicket& ticket : *left)
                shown.push_back(toDeskTicket(ticket));
            return shown;
        },
        std::move(reply));
}

void CentreDeskQueue::logHelp(helplog::HelpEntry entry, Reply<Done> reply) {
    postTicketJob<Done>(
        [this, entry = std::move(entry)](CentreQueue&) -> Status {
            auto uuid = uuidOf(entry.ticket);
            if (!uuid) return uuid.error();
            return helpLog_->record(*uuid, entry, HelpDesk{setup_.desk, setup_.terminalId});
        },
        std::move(reply));
}

void CentreDeskQueue::rate(queue::TicketId id, helplog::Rating rating, Reply<Done> reply) {
    postTicketJob<Done>(
        [this, id, rating](CentreQueue&) -> Status {
            auto uuid = uuidOf(id);
            if (!uuid) return uuid.error();
            return helpLog_->rate(*uuid, rating);
        },
        std::move(reply));
}

void CentreDeskQueue::statistics(desk::StatisticsRange range, Reply<helplog::PeriodStatistics> reply) {
    postTicketJob<helplog::PeriodStatistics>(
        [this, range](CentreQueue&) -> Result<helplog::PeriodStatistics> {
            auto period = desk::periodOf(range, clock_.localDay(clock_.now()));
            if (!period) return period.error();
            return helpLog_->statistics(*period);
        },
        std::move(reply));
}

void CentreDeskQueue::exportHelpCsv(helplog::Period period, std::filesystem::path target,
                                    std::function<bool(int done, int total)> progress,
                                    Reply<helplog::ExportSummary> reply) {
    // On the worker like every command: a month's sheet holds call-next up for about as long as
    // it takes to write, a second or so, which a team leader exporting at the desk can afford.
    postTicketJob<helplog::ExportSummary>(
        [this, period = std::move(period), target = std::move(target), progress = std::move(progress)](
            CentreQueue&) { return helpLog_->exportCsv(period, target, progress); },
        std::move(reply));
}

void CentreDeskQueue::runWorker() {
    try {
        auto nextContact = std::chrono::steady_clock::now() + setup_.contactEvery;
        for (;;) {
            Job job;
            bool reload = false;
            bool contact = false;
            {
                std::unique_lock lock(mutex_);
                work_.wait_until(lock, nextContact,
                                 [this] { return stopping_ || !jobs_.empty() || reloadWanted_; });
                if (stopping_) return;
                // An idle desk still says it is there; connecting again if need be also tells the
                // volunteer the centre is back without a tap.
                if (std::chrono::steady_clock::now() >= nextContact) {
                    nextContact = std::chrono::steady_clock::now() + setup_.contactEvery;
                    contact = !setup_.terminalId.empty();
                }
                if (!jobs_.empty()) {
                    job = std::move(jobs_.front());
                    jobs_.pop_front();
                } else {
                    reload = std::exchange(reloadWanted_, false);
                }
            }
            if (contact) {
                if (queue_ && connection_ && connection_->isOpen()) {
                    noteContact();
                } else if (connectedQueue()) {  // notes the contact as it connects
                    noteSuccess();
                }
            }
            if (job) {
                auto reply = job();
                std::lock_guard lock(mutex_);
                replies_.push_back(std::move(reply));
            } else if (reload) {
                auto view = load();
                if (!view) continue;  // offline() says why; the listener's next resync reloads
                std::lock_guard lock(mutex_);
                news_ = std::move(view).value();
            }
            if (wake_) wake_();
        }
    } catch (const std::exception& error) {
        spdlog::critical("desk {}: the centre worker stopped: {}", setup_.desk, error.what());
    }
}

void CentreDeskQueue::runListener() {
    try {
        CentreListener listener(setup_.database, setup_.retry);
        while (!stopping_) {
            Heard heard = listener.wait(kListenSlice);
            bool changed = false;
            {
                std::lock_guard lock(mutex_);
                if (heard.problem) {
                    changed = !listenerProblem_;
                    listenerProblem_ = heard.problem;
                } else if (heard.resyncNeeded || !heard.events.empty() || heard.helpChanged) {
                    changed = listenerProblem_.has_value();
                    listenerProblem_.reset();
                    reloadWanted_ = true;
                }
            }
            if (heard.resyncNeeded || !heard.events.empty() || heard.helpChanged) work_.notify_one();
            if (changed && wake_) wake_();
        }
    } catch (const std::exception& error) {
        spdlog::critical("desk {}: the centre listener stopped: {}", setup_.desk, error.what());
    }
}

}  // namespace kiosk::centre
