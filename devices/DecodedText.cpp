#include "devices/DecodedText.h"

#include <atomic>

namespace devices {
namespace {

// Volatile writes and a fence keep the compiler from dropping the overwrite as a dead store
// (as kiosk/session's wipeString does; libsodium is linked only into kiosk_core). The buffer
// stays allocated: its owner frees it.
void zero(std::string& text) {
    volatile char* bytes = text.data();
    for (std::size_t i = 0; i < text.capacity(); ++i)
        bytes[i] = 0;
    std::atomic_signal_fence(std::memory_order_seq_cst);
    text.resize(0);
}

void deleteWipingText(DecodeSnapshot* snapshot) {
    wipeDecodedText(snapshot->outcome);
    delete snapshot;
}

}  // namespace

void wipeDecodedText(DecodeOutcome& outcome) {
    if (outcome.code) zero(outcome.code->text);
}

std::shared_ptr<DecodeSnapshot> makeWipedOnFreeSnapshot() {
    return std::shared_ptr<DecodeSnapshot>(new DecodeSnapshot(), &deleteWipingText);
}

void wipeJsonText(nlohmann::json& value) {
    if (value.is_string()) {
        zero(value.get_ref<std::string&>());
    } else if (value.is_structured()) {
        for (auto& item : value)
            wipeJsonText(item);
    }
}

}  // namespace devices
