#include "kiosk/scan/VietQrBuilder.h"

#include <algorithm>
#include <tuple>

#include "kiosk/scan/Crc16.h"
#include "kiosk/scan/PlainText.h"
#include "kiosk/scan/Utf8.h"

namespace kiosk::scan {
namespace {

bool isDigits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isAlnum(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    });
}

// EMVCo maximum lengths: 59 and the 62 sub-fields 25 characters, 60 15 characters.
std::optional<Error> checkText(std::string_view value, std::string_view what, std::size_t maxCodePoints) {
    if (!isValidUtf8(value) || sanitizeText(value, {.keepLineBreaks = false}).text != value) {
        return Error{"vietqr.bad_text", std::string(what) + " must be plain text without control characters"};
    }
    if (countCodePoints(value) > maxCodePoints) {
        return Error{"vietqr.too_long",
                     std::string(what) + " must be at most " + std::to_string(maxCodePoints) + " characters"};
    }
    return std::nullopt;
}

Error tooLong(std::string_view what) {
    return Error{"vietqr.too_long", std::string(what) + " does not fit in one EMVCo field (99 at most)"};
}

}  // namespace

Result<std::string> buildVietQr(const VietQrRequest& request) {
    if (request.bin.size() != 6 || !isDigits(request.bin)) {
        return Error{"vietqr.bad_bin", "the bank number (BIN) must be 6 digits"};
    }
    if (request.account.empty() || request.account.size() > 19 || !isAlnum(request.account)) {
        return Error{"vietqr.bad_account", "the account number must be 1 to 19 letters or digits"};
    }
    if (request.service != kServiceToAccount && request.service != kServiceToCard) {
        return Error{"vietqr.bad_service", "the service must be QRIBFTTA (account) or QRIBFTTC (card)"};
    }
    const std::string amount = request.amount ? std::to_string(*request.amount) : std::string();
    if (amount.size() > 13) {
        return Error{"vietqr.bad_amount", "the amount must have at most 13 digits"};
    }
    for (const auto& [value, what, max] : {std::tuple{&request.purpose, "the purpose", 25},
                                           std::tuple{&request.billNumber, "the bill number", 25},
                                           std::tuple{&request.merchantName, "the merchant name", 25},
                                           std::tuple{&request.merchantCity, "the merchant city", 15}}) {
        if (auto error = checkText(*value, what, static_cast<std::size_t>(max))) return *error;
    }

    const LengthUnit unit = request.lengthUnit;
    std::string beneficiary;
    appendTlv(beneficiary, "00", request.bin, unit);
    appendTlv(beneficiary, "01", request.account, unit);
    std::string napas;
    appendTlv(napas, "00", kNapasGuid, unit);
    if (!appendTlv(napas, "01", beneficiary, unit)) return tooLong("the bank and account");
    appendTlv(napas, "02", request.service, unit);

    std::string additional;
    if (!request.billNumber.empty()) appendTlv(additional, "01", request.billNumber, unit);
    if (!request.purpose.empty()) appendTlv(additional, "08", request.purpose, unit);

    const Initiation initiation =
        request.initiation.value_or(request.amount ? Initiation::dynamicCode : Initiation::staticCode);
    std::string payload;
    appendTlv(payload, "00", "01", unit);
    appendTlv(payload, "01", initiation == Initiation::dynamicCode ? "12" : "11", unit);
    if (!appendTlv(payload, "38", napas, unit)) return tooLong("the NAPAS template");
    appendTlv(payload, "53", kCurrencyVnd, unit);
    if (request.amount) appendTlv(payload, "54", amount, unit);
    appendTlv(payload, "58", kCountryVietnam, unit);
    if (!request.merchantName.empty()) appendTlv(payload, "59", request.merchantName, unit);
    if (!request.merchantCity.empty()) appendTlv(payload, "60", request.merchantCity, unit);
    if (!additional.empty() && !appendTlv(payload, "62", additional, unit)) {
        return tooLong("the bill number and purpose");
    }
    payload += "6304";
    payload += crc16Hex(crc16CcittFalse(payload));
    return payload;
}

}  // namespace kiosk::scan
