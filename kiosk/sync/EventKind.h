// The names of the events the province learns about, one per state change. They are part of the
// wire format (kiosk/sync/WIRE.md): extend the list, never rename an entry. Each kind's payload
// fields are documented there; none carries personal data (a household key at most).
#pragma once

#include <string_view>

namespace kiosk::sync::kind {

// Tickets (kiosk/queue/TicketBook.cpp), written in the ticket's own transaction.
inline constexpr std::string_view kTicketIssued = "ticket.issued";
inline constexpr std::string_view kTicketCalled = "ticket.called";
inline constexpr std::string_view kTicketRecalled = "ticket.recalled";
inline constexpr std::string_view kTicketNoShow = "ticket.no_show";
inline constexpr std::string_view kTicketTransferred = "ticket.transferred";
inline constexpr std::string_view kTicketDone = "ticket.done";
// Centre mode only: a ticket nobody holds was removed (an online issue cut off mid-commit, whose
// kiosk gave the citizen a ticket from its lease instead; kiosk/centre/CentreIssuer.h).
inline constexpr std::string_view kTicketVoided = "ticket.voided";

// Walkthroughs (kiosk/session/StoredJourneyLog.cpp).
inline constexpr std::string_view kWalkthroughStarted = "walkthrough.started";
inline constexpr std::string_view kWalkthroughFinished = "walkthrough.finished";
inline constexpr std::string_view kWalkthroughAbandoned = "walkthrough.abandoned";

// A scan counted by kind (vietqr | cccd | url | text | emv), never its content (sync::countScan).
inline constexpr std::string_view kScanCounted = "scan.counted";

// Reserved for the help log (kiosk/helplog): a volunteer's help record, a citizen's rating.
inline constexpr std::string_view kHelpLogged = "help.logged";
inline constexpr std::string_view kHelpRated = "help.rated";
inline constexpr std::string_view kHelpRequested = "help.requested";

// A kind is 1-64 characters of a-z, 0-9, '_' and '.', starting with a letter: the server may
// use it as a table or metric name, and the outbox builds JSON around it without escaping.
constexpr bool isValidKind(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() < 'a' || name.front() > 'z') return false;
    for (const char c : name) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
        if (!allowed) return false;
    }
    return true;
}

}  // namespace kiosk::sync::kind
