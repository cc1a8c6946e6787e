// Pure: no I/O. The one entry point for a decoded QR text: decides what it is (VietQR payment,
// another scheme's EMVCo payment code, CCCD card, web address or plain text), checks it, and renders the
// result as the JSON that `commune-kiosk scan` prints:
//   {"file","found","format","text","kind","valid","fields":{...},"problems":[...],"ms"}
// This file provides "text" (payloadText), "kind", "valid", "fields" and "problems"; the CLI adds
// the rest. CCCD data is masked unless revealPersonalData is set.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/scan/BankDirectory.h"
#include "kiosk/scan/CccdCard.h"
#include "kiosk/scan/EmvPayment.h"
#include "kiosk/scan/PlainText.h"
#include "kiosk/scan/ScanProblem.h"
#include "kiosk/scan/ScannedUrl.h"
#include "kiosk/scan/VietQr.h"

namespace kiosk::scan {

enum class PayloadKind { vietqr, cccd, url, text, emv };
std::string_view kindName(PayloadKind kind);  // "vietqr", "cccd", "url", "text", "emv"

struct ScanPayload {
    PayloadKind kind = PayloadKind::text;
    std::variant<CleanText, VietQrPayment, CccdCard, ScannedUrl, EmvPayment> value;
    std::vector<ScanProblem> problems;
    std::string text;  // the decoded text as valid UTF-8 (invalid bytes become U+FFFD), unmasked

    bool valid() const;  // no problem of severity error
};

// Classifies and checks. Order: "000201..." is VietQR, unless its merchant account templates name
// only other schemes than NAPAS (then it is emv), "<12 digits>|" is CCCD, "scheme://" or
// "www." is a URL, anything else is text. Never throws on any input.
ScanPayload understandPayload(std::string_view text, const BankDirectory& banks);

// The "fields" object for the payload's kind:
//   vietqr: bin, bank, bank_name, account, service, amount, currency, country, merchant_name,
//           merchant_city, bill, reference, purpose, initiation, crc, length_unit
//   cccd:   id, old_id, name, birth_date, sex, address, issue_date, masked
//   emv:    guid, scheme, accounts[{tag,guid,scheme}], merchant_name, merchant_city, amount (string,
//           as written), currency, currency_code, country, initiation, crc, length_unit
//   url:    url, scheme, host, host_unicode, port, https, government, shortener, ip_address,
//           userinfo, warnings
//   text:   text, length, truncated, removed{control,bidi,invisible,combining_marks,invalid_utf8}
// Absent values are null. Every string is valid UTF-8, so dump() never throws.
nlohmann::json payloadFields(const ScanPayload& payload, bool revealPersonalData);

// [{"code","severity","message"}, ...]
nlohmann::json problemsJson(const std::vector<ScanProblem>& problems);

// The "text" to print: the decoded text, except a CCCD is replaced by its masked form unless
// revealPersonalData is set.
std::string payloadText(const ScanPayload& payload, bool revealPersonalData);

}  // namespace kiosk::scan
