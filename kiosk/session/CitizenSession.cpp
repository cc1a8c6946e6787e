#include "kiosk/session/CitizenSession.h"

#include <atomic>
#include <cstring>

namespace kiosk::session {

void wipeString(std::string& text) {
    // volatile writes keep the compiler from dropping the overwrite as a dead store.
    volatile char* bytes = text.data();
    for (std::size_t i = 0; i < text.capacity(); ++i)
        bytes[i] = 0;
    std::atomic_signal_fence(std::memory_order_seq_cst);
    text.clear();
    text.shrink_to_fit();
}

void CitizenSession::wipe() {
    language_ = defaultLanguage_;
    ++wipeCount_;
}

}  // namespace kiosk::session
