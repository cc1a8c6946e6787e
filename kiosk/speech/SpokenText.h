// Pure: no I/O, no audio. What the "Nghe" (Listen) button of a screen reads aloud, built from
// the same catalogue texts and content the screen shows, in the citizen's language. The voice
// itself is devices/speech; the board of issue 15 builds its calls ("Mời số A-12 …") here too.
//
// Spoken text never carries what a bystander should not hear: a scanned ID card's name, birth
// date and number, or a bank account number, are on the screen for the citizen only.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "kiosk/content/Walkthrough.h"
#include "kiosk/i18n/Catalogue.h"
#include "kiosk/scan/ScanPayload.h"
#include "kiosk/session/CitizenJourney.h"
#include "kiosk/session/JourneyStore.h"

namespace kiosk::speech {

struct SpokenText {
    std::string text;
    i18n::Language language = i18n::kDefaultLanguage;
    // What is being read, for logs ("walkthrough step", "ticket", "scan result"); the text itself
    // is never logged.
    std::string_view topic;

    bool operator==(const SpokenText&) const = default;
};

// "A012" → "A-12": espeak-ng then says the letter's name, a short pause and the number as a
// number ("a, mười hai" / "ay, twelve") instead of "a không mười hai" or the article "a".
// Anything that is not a letter and digits is returned as it is.
std::string spokenTicketNumber(std::string_view label);

// Title, text, checklist, warnings (scam warning first) and the answers, one sentence each.
std::string spokenWalkthroughStep(const content::Walkthrough& walkthrough, const content::Step& step,
                                  std::span<const content::Text> warnings, i18n::Language language);

// "People waiting before you: 3.", "Nobody is waiting before you." or, for a number a centre
// kiosk issued while the centre did not answer, that it is kept: what the ticket screen, the
// printed slip and the spoken ticket all say about the line.
std::string peopleAheadText(const i18n::Catalogue& catalogue, i18n::Language language,
                            const session::IssuedTicket& ticket);

// "Your number is A-12. People waiting before you: 3. Estimated wait: about 15 minutes."
std::string spokenTicket(const i18n::Catalogue& catalogue, i18n::Language language,
                         const session::IssuedTicket& ticket);

// What the result card says, without personal data: a CCCD is named and its consent question
// read, never its fields.
std::string spokenScanResult(const i18n::Catalogue& catalogue, i18n::Language language,
                             const scan::ScanPayload& payload, bool cardConsentGiven);

// What the current screen's "Nghe" button reads; nullopt on screens without one (and on a
// walkthrough's done page, the ticket's questions, the scanner before a code is read).
std::optional<SpokenText> spokenTextFor(const session::CitizenJourney& journey,
                                        const session::CitizenSession& session,
                                        const i18n::Catalogue& catalogue);

}  // namespace kiosk::speech
