// libFuzzer target for the VietQR parser and builder. Beyond "does not crash" it checks what a
// payment screen relies on: a valid result really has a matching CRC and the fields a transfer
// needs, every string is valid UTF-8 (the JSON writer throws otherwise), and a valid payment
// rebuilt with the builder parses back to the same payment.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "FuzzSupport.h"
#include "kiosk/scan/Crc16.h"
#include "kiosk/scan/ScanPayload.h"
#include "kiosk/scan/VietQr.h"
#include "kiosk/scan/VietQrBuilder.h"

namespace {

using namespace kiosk::scan;

bool fitsBuilder(const VietQrPayment& p) {
    return countCodePoints(p.purpose) <= 25 && countCodePoints(p.billNumber) <= 25 &&
           countCodePoints(p.merchantName) <= 25 && countCodePoints(p.merchantCity) <= 15;
}

void checkRoundTrip(const VietQrPayment& payment) {
    VietQrRequest request;
    request.bin = payment.bin;
    request.account = payment.account;
    if (payment.service == kServiceToCard) request.service = std::string(kServiceToCard);
    request.amount = payment.amount;
    request.purpose = payment.purpose;
    request.billNumber = payment.billNumber;
    request.merchantName = payment.merchantName;
    request.merchantCity = payment.merchantCity;
    request.initiation = payment.initiation;
    auto built = buildVietQr(request);
    FUZZ_EXPECT(built.ok());
    const auto again = parseVietQr(*built, fuzz::testBanks());
    FUZZ_EXPECT(again.valid());
    FUZZ_EXPECT(again.value.bin == payment.bin);
    FUZZ_EXPECT(again.value.account == payment.account);
    FUZZ_EXPECT(again.value.amount == payment.amount);
    FUZZ_EXPECT(again.value.purpose == payment.purpose);
    FUZZ_EXPECT(again.value.billNumber == payment.billNumber);
    FUZZ_EXPECT(again.value.merchantName == payment.merchantName);
    FUZZ_EXPECT(again.value.merchantCity == payment.merchantCity);
    FUZZ_EXPECT(again.value.initiation == payment.initiation);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto result = parseVietQr(text, fuzz::testBanks());
    const VietQrPayment& payment = result.value;

    for (const std::string* s :
         {&payment.bin, &payment.account, &payment.service, &payment.bankShortName, &payment.currency,
          &payment.country, &payment.merchantName, &payment.merchantCity, &payment.billNumber,
          &payment.referenceLabel, &payment.purpose, &payment.crc}) {
        FUZZ_EXPECT(isValidUtf8(*s));
    }
    for (const ScanProblem& problem : result.problems) {
        FUZZ_EXPECT(!problem.code.empty());
        FUZZ_EXPECT(isValidUtf8(problem.message));
    }

    if (result.valid()) {
        FUZZ_EXPECT(text.size() >= 8 && text.substr(text.size() - 8, 4) == "6304");
        std::string written(text.substr(text.size() - 4));
        for (char& c : written)
            c = (c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c;
        FUZZ_EXPECT(written == crc16Hex(crc16CcittFalse(text.substr(0, text.size() - 4))));
        FUZZ_EXPECT(payment.bin.size() == 6);
        FUZZ_EXPECT(!payment.account.empty());
        FUZZ_EXPECT(payment.currency == kCurrencyVnd);
        FUZZ_EXPECT(payment.country == kCountryVietnam);
        if (fitsBuilder(payment)) checkRoundTrip(payment);
    }

    const ScanPayload payload = understandPayload(text, fuzz::testBanks());
    FUZZ_EXPECT((payload.kind == PayloadKind::vietqr) == looksLikeEmvQr(text));
    if (payload.kind == PayloadKind::vietqr) FUZZ_EXPECT(payload.valid() == result.valid());
    const std::string json = payloadFields(payload, false).dump() + problemsJson(payload.problems).dump();
    FUZZ_EXPECT(!json.empty());
    return 0;
}
