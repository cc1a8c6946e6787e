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

void CitizenSession::setScanned(scan::ScanPayload payload) {
    clearScanned();
    scanned_ = std::move(payload);
}

void CitizenSession::clearScanned() {
    if (scanned_) {
        wipeString(scanned_->text);
        if (auto* card = std::get_if<scan::CccdCard>(&scanned_->value)) {
            wipeString(card->id);
            wipeString(card->oldId);
            wipeString(card->name);
            wipeString(card->address);
            card->birthDate.reset();
            card->issueDate.reset();
        }
        if (auto* text = std::get_if<scan::CleanText>(&scanned_->value)) wipeString(text->text);
    }
    scanned_.reset();
    cardConsent_ = false;
}

void CitizenSession::wipe() {
    clearScanned();
    language_ = defaultLanguage_;
    ++wipeCount_;
}

}  // namespace kiosk::session
