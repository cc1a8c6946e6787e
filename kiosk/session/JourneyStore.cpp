#include "kiosk/session/JourneyStore.h"

namespace kiosk::session {

std::string_view walkthroughEventName(WalkthroughEvent event) {
    switch (event) {
        case WalkthroughEvent::Started: return "started";
        case WalkthroughEvent::Finished: return "finished";
        case WalkthroughEvent::Abandoned: return "abandoned";
    }
    return "unknown";
}

}  // namespace kiosk::session
