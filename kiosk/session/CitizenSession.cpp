#include "kiosk/session/CitizenSession.h"

#include <functional>

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

void CitizenSession::dismissScanned() {
    if (scanned_) dismissed_ = std::hash<std::string_view>{}(scanned_->text);
    clearScanned();
}

bool CitizenSession::isDismissed(std::string_view text) const {
    return dismissed_ && *dismissed_ == std::hash<std::string_view>{}(text);
}

void CitizenSession::wipe() {
    clearScanned();
    dismissed_.reset();
    language_ = defaultLanguage_;
    display_ = {};
    ++wipeCount_;
}

}  // namespace kiosk::session
