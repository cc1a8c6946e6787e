#include "kiosk/queue/QueuePolicy.h"

namespace kiosk::queue {

QueuePolicy queuePolicyFor(const config::DeskConfig& desk) {
    QueuePolicy policy;
    policy.interleave = {desk.priorityInARow, desk.normalInARow};
    policy.recallWindow = desk.recallWindow;
    return policy;
}

}  // namespace kiosk::queue
