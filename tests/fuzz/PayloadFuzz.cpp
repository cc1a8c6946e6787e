// libFuzzer target for the classifier and everything behind it, in particular the URL checks
// (host parsing, punycode, look-alike detection), other schemes' EMVCo codes and the text sanitiser. It
// checks that the JSON always serialises, that sanitised text is valid UTF-8 without bidi overrides, and that
// a host is called "government" only when it really is gov.vn or under it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "FuzzSupport.h"
#include "kiosk/scan/PlainText.h"
#include "kiosk/scan/Punycode.h"
#include "kiosk/scan/ScanPayload.h"

namespace {

using namespace kiosk::scan;

bool hasBidiOrControl(std::string_view text) {
    while (!text.empty()) {
        const Utf8Step step = decodeUtf8Step(text);
        if (!step.valid) return true;
        const char32_t c = step.codePoint;
        if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F) ||
            (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F ||
            c == 0x061C) {
            return true;
        }
        text.remove_prefix(step.length);
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    const CleanText clean = sanitizeText(text, TextLimits{.maxCodePoints = 64});
    FUZZ_EXPECT(isValidUtf8(clean.text));
    FUZZ_EXPECT(clean.codePoints <= 64 && countCodePoints(clean.text) == clean.codePoints);
    FUZZ_EXPECT(!hasBidiOrControl(clean.text));

    if (const auto label = decodeIdnaLabel(text.substr(0, 80))) FUZZ_EXPECT(isValidUtf8(*label));

    const ScanPayload payload = understandPayload(text, fuzz::testBanks());
    FUZZ_EXPECT(isValidUtf8(payload.text));
    if (const auto* url = std::get_if<ScannedUrl>(&payload.value)) {
        FUZZ_EXPECT(payload.kind == PayloadKind::url);
        FUZZ_EXPECT(!hasBidiOrControl(url->url) && !hasBidiOrControl(url->hostUnicode));
        if (url->government) {
            FUZZ_EXPECT(isGovernmentHost(url->host));
            FUZZ_EXPECT(url->host == "gov.vn" || url->host.ends_with(".gov.vn"));
        }
    }
    if (const auto* emv = std::get_if<EmvPayment>(&payload.value)) {
        // Another scheme's code: never a NAPAS one, and "valid" only when its CRC really matches.
        FUZZ_EXPECT(payload.kind == PayloadKind::emv);
        FUZZ_EXPECT(!emv->accounts.empty());
        if (payload.valid()) FUZZ_EXPECT(checkEmvCrc(text).state == CrcState::intact);
        for (const EmvAccount& account : emv->accounts)
            FUZZ_EXPECT(isValidUtf8(account.guid) && !hasBidiOrControl(account.guid));
        FUZZ_EXPECT(!hasBidiOrControl(emv->merchantName) && !hasBidiOrControl(emv->merchantCity));
    }
    const std::string json = payloadFields(payload, false).dump() + payloadFields(payload, true).dump() +
                             problemsJson(payload.problems).dump();
    FUZZ_EXPECT(!json.empty());
    return 0;
}
