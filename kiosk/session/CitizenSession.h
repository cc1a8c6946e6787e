// What the kiosk holds about the citizen in front of it, and only for as long as they are
// there. Wiping overwrites personal text before releasing it (DESIGN.md "Personal data").
#pragma once

#include <optional>
#include <string>

#include "kiosk/i18n/Language.h"
#include "kiosk/scan/ScanPayload.h"

namespace kiosk::session {

// Overwrites the bytes a string owns, then empties it, so personal data does not linger in
// freed memory that a crash dump or the next allocation could expose.
void wipeString(std::string& text);

// How the citizen wants the screen: larger text, high contrast. Their choice lasts their
// session; the next citizen starts from the standard look.
struct DisplayChoice {
    bool largeText = false;
    bool highContrast = false;
    bool operator==(const DisplayChoice&) const = default;
};

class CitizenSession {
public:
    explicit CitizenSession(i18n::Language defaultLanguage) : defaultLanguage_(defaultLanguage) {
        language_ = defaultLanguage;
    }

    i18n::Language language() const { return language_; }
    void setLanguage(i18n::Language language) { language_ = language; }

    const DisplayChoice& display() const { return display_; }
    void setDisplay(DisplayChoice display) { display_ = display; }

    // Number of sessions wiped since start: visible to diagnostics and tests, not to citizens.
    int wipeCount() const { return wipeCount_; }

    // The code the scanner read last. A chip ID card's data lives here only, in memory, and is
    // shown only after the citizen agrees.
    const std::optional<scan::ScanPayload>& scanned() const { return scanned_; }
    bool cardConsentGiven() const { return cardConsent_; }
    void setScanned(scan::ScanPayload payload);
    void giveCardConsent() { cardConsent_ = true; }
    void clearScanned();  // overwrites personal text before letting it go
    // Back from a result (or "scan another"): the result goes, and the same code, still in front
    // of the camera, is not shown again until a frame without it (codeLeftView).
    void dismissScanned();
    bool isDismissed(std::string_view text) const;
    void codeLeftView() { dismissed_.reset(); }

    void wipe();

private:
    i18n::Language defaultLanguage_;
    i18n::Language language_;
    DisplayChoice display_;
    int wipeCount_ = 0;
    std::optional<scan::ScanPayload> scanned_;
    bool cardConsent_ = false;
    std::optional<size_t> dismissed_;  // a hash, never the text: it is only compared
};

}  // namespace kiosk::session
