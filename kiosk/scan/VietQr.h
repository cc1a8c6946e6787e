// Pure: no I/O. Parses EMVCo merchant-presented QR as used by NAPAS VietQR: the TLV fields, the
// nested NAPAS template 38 and additional-data template 62, the CRC in field 63, and the bank
// behind the BIN. Every problem is reported by name; nothing here throws on bad input.
//
// Problem codes: invalid_utf8, length_overrun, malformed_tlv, duplicate_field, missing_crc,
// crc_not_last, bad_crc_format, crc_mismatch, crc_lowercase (warning), length_in_bytes (warning),
// bad_format_indicator, missing_initiation (warning), bad_initiation, missing_merchant_account,
// missing_guid, wrong_guid, missing_beneficiary, missing_bin, bad_bin, unknown_bank (warning),
// missing_account, bad_account, missing_service (warning), unknown_service (warning),
// missing_currency, wrong_currency, bad_amount, missing_country, wrong_country,
// hidden_characters (warning).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/scan/BankDirectory.h"
#include "kiosk/scan/EmvLayout.h"
#include "kiosk/scan/ScanProblem.h"
#include "kiosk/scan/Tlv.h"

namespace kiosk::scan {

inline constexpr std::string_view kServiceToAccount = "QRIBFTTA";
inline constexpr std::string_view kServiceToCard = "QRIBFTTC";
inline constexpr std::string_view kCurrencyVnd = "704";  // ISO 4217 numeric
inline constexpr std::string_view kCountryVietnam = "VN";

enum class Initiation {
    unknown,
    staticCode,   // "11": reusable, the payer types the amount
    dynamicCode,  // "12": made for one payment
};
std::string_view initiationName(Initiation initiation);  // "static", "dynamic" or ""

struct VietQrPayment {
    Initiation initiation = Initiation::unknown;
    std::string bin;            // 38.01.00
    std::string account;        // 38.01.01, account or card number
    std::string service;        // 38.02, QRIBFTTA (to account) or QRIBFTTC (to card)
    std::string bankShortName;  // from the directory; empty when the BIN is unknown
    std::string bankName;
    std::string currency;                 // 53
    std::optional<std::uint64_t> amount;  // 54, in dong
    std::string country;                  // 58
    std::string merchantName;             // 59
    std::string merchantCity;             // 60
    std::string billNumber;               // 62.01
    std::string referenceLabel;           // 62.05
    std::string purpose;                  // 62.08
    std::string crc;                      // 63 as written
    LengthUnit lengthUnit = LengthUnit::codePoints;
};

// True when the text starts like an EMVCo payload ("000201"); such text is parsed as VietQR even
// when it is broken, so the citizen hears why it is broken.
bool looksLikeEmvQr(std::string_view text);

// Strings in the result are valid UTF-8 with controls and bidi overrides removed.
Checked<VietQrPayment> parseVietQr(std::string_view text, const BankDirectory& banks);

}  // namespace kiosk::scan
