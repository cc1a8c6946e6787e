#include "kiosk/centre/BoardModel.h"

#include <algorithm>
#include <utility>

#include "kiosk/speech/SpokenText.h"

namespace kiosk::centre {

void BoardModel::reset(BoardState loaded) {
    state_ = std::move(loaded);
    std::ranges::sort(state_.desks, {}, &DeskCall::desk);
    std::ranges::sort(state_.lines, {}, &ServiceLine::service);
}

void BoardModel::removeWaiting(const std::string& ticketId) {
    for (ServiceLine& line : state_.lines)
        std::erase_if(line.waiting, [&](const WaitingTicket& ticket) { return ticket.ticketId == ticketId; });
}

DeskCall* BoardModel::deskShowing(int desk) {
    auto found = std::ranges::find(state_.desks, desk, &DeskCall::desk);
    return found == state_.desks.end() ? nullptr : &*found;
}

bool BoardModel::apply(const QueueEvent& event) {
    switch (event.kind) {
        case QueueEventKind::Issued: {
            auto line = std::ranges::find(state_.lines, event.service, &ServiceLine::service);
            if (line == state_.lines.end()) {
                line = state_.lines.insert(
                    std::ranges::upper_bound(state_.lines, event.service, {}, &ServiceLine::service),
                    ServiceLine{event.service, {}});
            }
            if (std::ranges::find(line->waiting, event.id, &WaitingTicket::ticketId) == line->waiting.end())
                line->waiting.push_back({event.id, event.number});
            return true;
        }
        case QueueEventKind::Called:
        case QueueEventKind::Recalled: {
            removeWaiting(event.id);
            if (!event.desk) return true;
            const bool repeated = event.kind == QueueEventKind::Recalled;
            DeskCall* shown = deskShowing(*event.desk);
            // The same call heard twice: once in a reload, once as the event that followed it.
            if (!repeated && shown && shown->ticketId == event.id) return true;
            // A ticket stands at one desk: recalled to another desk, it leaves the first.
            std::erase_if(state_.desks, [&](const DeskCall& call) {
                return call.ticketId == event.id && call.desk != *event.desk;
            });
            shown = deskShowing(*event.desk);
            if (shown) {
                shown->ticketId = event.id;
                shown->number = event.number;
            } else {
                state_.desks.insert(std::ranges::upper_bound(state_.desks, *event.desk, {}, &DeskCall::desk),
                                    DeskCall{*event.desk, event.id, event.number});
            }
            announcements_.push_back({event.number, *event.desk, repeated});
            return true;
        }
        case QueueEventKind::NoShow:
        case QueueEventKind::Done:
            // The number stays up at its desk until the desk calls the next one.
            removeWaiting(event.id);
            return true;
        case QueueEventKind::Transferred:
            // Its place in the new line is its issue order, which the event does not carry: the
            // board reloads the lines.
            removeWaiting(event.id);
            return false;
        case QueueEventKind::Other: return false;
    }
    return false;
}

std::vector<std::string> BoardModel::nextNumbers(char service, std::size_t count) const {
    std::vector<std::string> numbers;
    auto line = std::ranges::find(state_.lines, service, &ServiceLine::service);
    if (line == state_.lines.end()) return numbers;
    for (const WaitingTicket& ticket : line->waiting) {
        if (numbers.size() == count) break;
        numbers.push_back(ticket.number);
    }
    return numbers;
}

std::vector<Announcement> BoardModel::takeAnnouncements() {
    return std::exchange(announcements_, {});
}

std::string spokenCall(const i18n::Catalogue& catalogue, i18n::Language language, const Announcement& call) {
    return i18n::formatMessage(
        catalogue.text(language, i18n::MessageId::BoardCall),
        {{"number", speech::spokenTicketNumber(call.number)}, {"desk", std::to_string(call.desk)}});
}

}  // namespace kiosk::centre
