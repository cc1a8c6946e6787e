// What a volunteer left unfinished at the desk: a ticket still "called" by them (a crash, a power
// cut or the idle sign-out while serving) or one they marked done without saving its help record.
// Both are read from committed ticket and help-record rows, so nothing extra has to be written
// while serving and nothing is lost when the power goes. Offered again at their next sign-in.
#pragma once

#include <string_view>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/queue/Ticket.h"
#include "kiosk/storage/StorageThread.h"

namespace kiosk::desk {

// Today's unfinished tickets of `deskName` (the book's "volunteer-<id>"), oldest call first.
// Storage thread only.
Result<std::vector<queue::Ticket>> unfinishedWork(storage::StorageRoom& room, std::string_view deskName);

}  // namespace kiosk::desk
