// Pure: no I/O. Builds a VietQR transfer payload with a correct CRC, for tests and for the
// "practice payment QR" screen. The output parses back with parseVietQr without problems (other
// than unknown_bank when the BIN is not in the directory).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/Result.h"
#include "kiosk/scan/Tlv.h"
#include "kiosk/scan/VietQr.h"

namespace kiosk::scan {

// Every member has a default so designated initializers can name only what they need.
struct VietQrRequest {
    std::string bin{};                                     // 6 digits
    std::string account{};                                 // 1-19 letters or digits
    std::string service = std::string(kServiceToAccount);  // or kServiceToCard
    std::optional<std::uint64_t> amount{};                 // dong; at most 13 digits
    std::string purpose{};                                 // 62.08, at most 25 characters
    std::string billNumber{};                              // 62.01, at most 25 characters
    std::string merchantName{};                            // 59, at most 25 characters
    std::string merchantCity{};                            // 60, at most 15 characters
    // Defaults to dynamic when an amount is set, static otherwise.
    std::optional<Initiation> initiation{};
    // Only for reproducing issuers that count Vietnamese text in UTF-8 bytes (tests).
    LengthUnit lengthUnit = LengthUnit::codePoints;
};

// Errors: vietqr.bad_bin, vietqr.bad_account, vietqr.bad_service, vietqr.bad_amount,
// vietqr.bad_text (invalid UTF-8 or control characters), vietqr.too_long.
Result<std::string> buildVietQr(const VietQrRequest& request);

}  // namespace kiosk::scan
