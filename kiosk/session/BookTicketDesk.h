// The citizen journey's TicketDesk over the real TicketBook: issues, then reads back the
// people ahead and the wait estimate for the screen.
#pragma once

#include <memory>

#include "kiosk/queue/TicketBook.h"
#include "kiosk/session/CitizenJourney.h"

namespace kiosk::session {

class BookTicketDesk final : public TicketDesk {
public:
    BookTicketDesk(store::Database& database, std::vector<queue::Service> services);

    const std::vector<queue::Service>& services() const override { return services_; }
    Result<IssuedTicket> issue(char service, queue::Priority priority, const TicketTags& tags) override;

private:
    std::vector<queue::Service> services_;
    queue::SystemWallClock clock_;
    queue::TicketBook book_;
};

}  // namespace kiosk::session
