#include "kiosk/centre/BoardFeed.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <utility>

#include "kiosk/centre/CentreTicket.h"

namespace kiosk::centre {

using namespace std::chrono_literals;

namespace {

// How long one wait on the listener lasts: the longest the destructor waits for the thread.
constexpr auto kListenSlice = 200ms;
// How often a board tells the centre it is still there (centre status: "last contact").
constexpr auto kContactEvery = 60s;

// The label from the ticket's letter (the service it was issued for, kept by a transfer).
std::string labelOf(const PgRows& rows, int row, int letterColumn) {
    CentreTicket ticket;
    ticket.letter = rows.text(row, letterColumn).front();
    ticket.number = static_cast<int>(rows.integer(row, letterColumn + 1));
    return ticket.label();
}

}  // namespace

Result<BoardState> loadBoardState(PgConnection& connection, const std::string& day) {
    BoardState state;
    // called_at is the latest call (a recall sets it again), so a recalled ticket is its desk's.
    auto desks = connection.query(
        "SELECT DISTINCT ON (desk) desk, id::text, letter, number FROM ticket "
        "WHERE day = $1::date AND desk IS NOT NULL AND called_at IS NOT NULL "
        "ORDER BY desk, called_at DESC, call_order DESC",
        {day});
    if (!desks) return desks.error();
    for (int row = 0; row < desks->count(); ++row)
        state.desks.push_back(
            {static_cast<int>(desks->integer(row, 0)), desks->text(row, 1), labelOf(*desks, row, 2)});
    auto waiting = connection.query(
        "SELECT id::text, service, letter, number FROM ticket WHERE day = $1::date AND status = 'waiting' "
        "ORDER BY service, issue_order",
        {day});
    if (!waiting) return waiting.error();
    for (int row = 0; row < waiting->count(); ++row) {
        const char service = waiting->text(row, 1).front();
        if (state.lines.empty() || state.lines.back().service != service)
            state.lines.push_back({service, {}});
        state.lines.back().waiting.push_back({waiting->text(row, 0), labelOf(*waiting, row, 2)});
    }
    return state;
}

BoardFeed::BoardFeed(std::string connectionString, const WallClock& clock, std::function<void()> changed,
                     ListenerRetry retry, std::string terminalId)
    : connectionString_(std::move(connectionString)),
      clock_(clock),
      changed_(std::move(changed)),
      retry_(retry),
      terminalId_(std::move(terminalId)),
      thread_([this] { run(); }) {}

BoardFeed::~BoardFeed() {
    stopping_ = true;
    thread_.join();
}

std::shared_ptr<const BoardSnapshot> BoardFeed::snapshot() const {
    std::lock_guard lock(mutex_);
    return published_;
}

std::vector<Announcement> BoardFeed::takeAnnouncements() {
    std::lock_guard lock(mutex_);
    return std::exchange(announcements_, {});
}

void BoardFeed::publish(const std::function<void(BoardSnapshot&)>& change) {
    change(current_);
    std::vector<Announcement> calls = current_.board.takeAnnouncements();
    ++current_.version;
    auto published = std::make_shared<const BoardSnapshot>(current_);
    {
        std::lock_guard lock(mutex_);
        published_ = std::move(published);
        for (Announcement& call : calls)
            announcements_.push_back(std::move(call));
    }
    if (changed_) changed_();
}

void BoardFeed::run() {
    try {
        CentreListener listener(connectionString_, retry_);
        bool reloadNeeded = false;
        std::string loadedDay;
        std::chrono::steady_clock::time_point nextContact{};
        while (!stopping_) {
            if (!terminalId_.empty() && listener.connection() &&
                std::chrono::steady_clock::now() >= nextContact) {
                nextContact = std::chrono::steady_clock::now() + kContactEvery;
                // Not fatal: a lost connection is noticed by the next wait.
                if (Status noted = listener.connection()->run(
                        "INSERT INTO terminal(id, role, last_contact) VALUES ($1, 'board', now()) "
                        "ON CONFLICT (id) DO UPDATE SET role = excluded.role, last_contact = "
                        "excluded.last_contact",
                        {terminalId_});
                    !noted)
                    spdlog::warn("board: cannot note this board's contact: {}", noted.error().message);
            }
            // At midnight the board starts the new day's queue (empty until the first ticket).
            const std::string today = clock_.localDay(clock_.now());
            if (!loadedDay.empty() && today != loadedDay) reloadNeeded = true;
            if (reloadNeeded && listener.connection()) {
                auto loaded = loadBoardState(*listener.connection(), today);
                if (loaded) {
                    reloadNeeded = false;
                    loadedDay = today;
                    const size_t desks = loaded->desks.size();
                    publish([&](BoardSnapshot& shown) {
                        shown.board.reset(std::move(loaded).value());
                        shown.connected = true;
                        shown.problem.clear();
                    });
                    spdlog::info("board: loaded today's queue ({} desks have called)", desks);
                } else {
                    // A lost connection is noticed by the next wait, which reconnects and asks
                    // for this reload again; anything else is retried after the next event.
                    spdlog::warn("board: cannot load today's queue: {}", loaded.error().message);
                    publish([&](BoardSnapshot& shown) { shown.problem = loaded.error().message; });
                }
            }
            Heard heard = listener.wait(kListenSlice);
            if (heard.problem) {
                reloadNeeded = true;
                publish([&](BoardSnapshot& shown) {
                    shown.connected = false;
                    shown.problem = heard.problem->message;
                });
                continue;
            }
            if (heard.resyncNeeded) {
                reloadNeeded = true;
                nextContact = {};
                continue;
            }
            if (heard.events.empty() || reloadNeeded) continue;
            publish([&](BoardSnapshot& shown) {
                for (const QueueEvent& event : heard.events)
                    if (!shown.board.apply(event)) reloadNeeded = true;
            });
        }
    } catch (const std::exception& error) {
        // The board keeps its last picture; the log says why it stopped changing.
        spdlog::critical("board: the centre feed stopped: {}", error.what());
    }
}

}  // namespace kiosk::centre
