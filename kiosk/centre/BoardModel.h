// Pure: no I/O, no clock. What the centre's "now serving" board shows and says: the ticket
// each desk called last, the tickets still waiting per service, and the calls to speak
// ("Mời số A-12 đến bàn số 2"), built from a full load of today's queue and then kept current
// by the queue's events (kiosk/centre/QueueEvent.h). Nothing personal: tickets carry a number,
// a service and a desk, never a name.
//
// Usage (kiosk/centre/BoardFeed.cpp):
//   BoardModel board;
//   board.reset(loadedFromTheDatabase);               // at start and after every reconnection
//   if (!board.apply(event)) reload();                // an event this build does not know
//   for (auto& call : board.takeAnnouncements()) say(spokenCall(catalogue, language, call));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/centre/QueueEvent.h"
#include "kiosk/i18n/Catalogue.h"

namespace kiosk::centre {

// The ticket a desk called last today (it stays up while the citizen is served).
struct DeskCall {
    int desk = 0;
    std::string ticketId;
    std::string number;  // "A012"

    bool operator==(const DeskCall&) const = default;
};

struct WaitingTicket {
    std::string ticketId;
    std::string number;

    bool operator==(const WaitingTicket&) const = default;
};

// One service's line, oldest first (issue order).
struct ServiceLine {
    char service = 'A';
    std::vector<WaitingTicket> waiting;

    bool operator==(const ServiceLine&) const = default;
};

// Desks by number, lines by service letter.
struct BoardState {
    std::vector<DeskCall> desks;
    std::vector<ServiceLine> lines;

    bool operator==(const BoardState&) const = default;
};

// One call to speak; `repeated` for a recall (the same words, said again).
struct Announcement {
    std::string number;  // "A012"
    int desk = 0;
    bool repeated = false;

    bool operator==(const Announcement&) const = default;
};

class BoardModel {
public:
    // The state as loaded from the database. No announcement: what was called before the board
    // (re)connected was called while nobody could hear it from this board.
    void reset(BoardState loaded);
    // Applies one event. False when it cannot (an unknown kind): the caller reloads the state.
    // A call already shown at its desk (heard again right after a reload) is not announced twice.
    bool apply(const QueueEvent& event);

    const BoardState& state() const { return state_; }
    // The first `count` waiting numbers of `service` ("A013", "A014", ...).
    std::vector<std::string> nextNumbers(char service, std::size_t count) const;
    // The calls to speak since the last take, oldest first.
    std::vector<Announcement> takeAnnouncements();

private:
    void removeWaiting(const std::string& ticketId);
    DeskCall* deskShowing(int desk);

    BoardState state_;
    std::vector<Announcement> announcements_;
};

// "Mời số A-12 đến bàn số 2." / "Number A-12, please go to desk 2.": the number spelled for the
// voice (kiosk/speech/SpokenText.h), the words from the catalogue (board.call).
std::string spokenCall(const i18n::Catalogue& catalogue, i18n::Language language, const Announcement& call);

}  // namespace kiosk::centre
