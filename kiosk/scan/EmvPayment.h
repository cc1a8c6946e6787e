// Pure: no I/O. EMVCo merchant-presented payment codes of schemes other than NAPAS VietQR: Thai
// PromptPay, Brazilian Pix, Indonesian QRIS and the like, which citizens bring from trips,
// relatives abroad or foreign e-wallets. The kiosk cannot pay them and must not call them broken
// VietQR codes: it names the scheme (the GUID of each merchant account template, tags 26-51), who
// is paid, how much in which currency, and whether the code is intact.
//
// Problem codes (errors only where the code itself is damaged, so `valid` means "CRC and TLV are
// sound"): invalid_utf8, length_overrun, malformed_tlv, duplicate_field, missing_crc, crc_not_last,
// bad_crc_format, crc_mismatch, bad_format_indicator; warnings: crc_lowercase, length_in_bytes,
// hidden_characters, bad_amount.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/scan/EmvLayout.h"
#include "kiosk/scan/ScanProblem.h"
#include "kiosk/scan/VietQr.h"

namespace kiosk::scan {

// One merchant account information template (tags 26-51).
struct EmvAccount {
    std::string tag;     // "26" ... "51"
    std::string guid;    // its field 00: an AID such as A000000677010111 or a reverse domain name
    std::string scheme;  // a name people know ("PromptPay", "Pix", "QRIS"), empty when unknown
};

struct EmvPayment {
    Initiation initiation = Initiation::unknown;
    std::vector<EmvAccount> accounts;  // in the order they appear
    std::string merchantName;          // 59
    std::string merchantCity;          // 60
    std::string amount;                // 54 as written ("4.22"), empty for an open amount
    std::string currency;              // 53, ISO 4217 numeric ("764")
    std::string currencyCode;          // ISO 4217 letters when known ("THB"), else empty
    std::string country;               // 58
    std::string crc;                   // 63 as written
    LengthUnit lengthUnit = LengthUnit::codePoints;

    // The GUID of the first template that has one: the scheme the code mainly belongs to.
    std::string_view guid() const;
    // The first scheme name known among the accounts, empty when none is known.
    std::string_view scheme() const;
};

// True when `text` is an EMVCo merchant-presented code whose account templates name another
// scheme than NAPAS (accountScheme() is EmvScheme::other). Such text is parsed with parseEmvPayment.
bool isOtherSchemeEmv(std::string_view text);

// Strings in the result are valid UTF-8 with controls and bidi overrides removed.
Checked<EmvPayment> parseEmvPayment(std::string_view text);

// ISO 4217 letters for the numeric codes of the region's and the most travelled currencies
// ("764" -> "THB"); empty when not in the kiosk's short list.
std::string_view currencyLetters(std::string_view numeric);

}  // namespace kiosk::scan
