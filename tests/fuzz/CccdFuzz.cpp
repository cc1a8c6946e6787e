// libFuzzer target for the CCCD parser and the masking functions. It checks that a valid card is
// internally consistent (the ID agrees with birth date and sex) and, above all, that the masked
// output never contains the full ID, the old ID or the date of birth.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "FuzzSupport.h"
#include "kiosk/scan/CccdCard.h"
#include "kiosk/scan/ScanPayload.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kiosk::scan;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto result = parseCccd(text);
    const CccdCard& card = result.value;

    for (const std::string* s : {&card.id, &card.oldId, &card.name, &card.address}) {
        FUZZ_EXPECT(isValidUtf8(*s));
    }
    FUZZ_EXPECT(card.id.empty() || card.id.size() == 12);

    if (result.valid()) {
        FUZZ_EXPECT(card.id.size() == 12);
        FUZZ_EXPECT(card.birthDate && card.issueDate);
        FUZZ_EXPECT(!card.name.empty());
        FUZZ_EXPECT(card.sex != Sex::unknown);
        const int centuryDigit = card.id[3] - '0';
        FUZZ_EXPECT(card.birthDate->year / 100 == 19 + centuryDigit / 2);
        FUZZ_EXPECT(card.birthDate->year % 100 == (card.id[4] - '0') * 10 + (card.id[5] - '0'));
        FUZZ_EXPECT((card.sex == Sex::female) == (centuryDigit % 2 == 1));
        FUZZ_EXPECT(!(*card.issueDate < *card.birthDate));
    }

    // Masked output: only the ID's last 4 digits may appear.
    const std::string masked = maskedCccdText(card);
    FUZZ_EXPECT(isValidUtf8(masked));
    if (!card.id.empty()) {
        FUZZ_EXPECT(masked.rfind("********" + card.id.substr(8) + "|", 0) == 0);
        FUZZ_EXPECT(masked.find(card.id) == std::string::npos);
    }
    if (!card.oldId.empty()) FUZZ_EXPECT(masked.find(card.oldId) == std::string::npos);

    const ScanPayload payload = understandPayload(text, fuzz::testBanks());
    if (payload.kind == PayloadKind::cccd) {
        const std::string maskedJson = payloadFields(payload, false).dump() + payloadText(payload, false);
        const CccdCard& same = std::get<CccdCard>(payload.value);
        if (!same.id.empty()) FUZZ_EXPECT(maskedJson.find(same.id) == std::string::npos);
        if (same.oldId.size() >= 4) FUZZ_EXPECT(maskedJson.find(same.oldId) == std::string::npos);
        if (same.birthDate) FUZZ_EXPECT(maskedJson.find(same.birthDate->iso()) == std::string::npos);
        FUZZ_EXPECT(!payloadFields(payload, true).dump().empty());
    }
    FUZZ_EXPECT(!problemsJson(result.problems).dump().empty());
    return 0;
}
