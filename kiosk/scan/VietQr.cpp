#include "kiosk/scan/VietQr.h"

#include <algorithm>
#include <map>

#include "kiosk/scan/Crc16.h"
#include "kiosk/scan/PlainText.h"
#include "kiosk/scan/Utf8.h"

namespace kiosk::scan {
namespace {

bool isDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isAlnum(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    });
}

bool isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

std::string upper(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; });
    return out;
}

bool isAscii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The TLV tree read with one length unit: the top level and every template we look inside.
struct Layout {
    TlvList top;
    std::map<std::string, TlvList, std::less<>> templates;  // "38", "38.01", "62", ...
    std::vector<ScanProblem> problems;                      // structural only

    const TlvList* find(std::string_view name) const {
        const auto it = templates.find(name);
        return it == templates.end() ? nullptr : &it->second;
    }
};

// EMVCo defines 26-51 (merchant account information), 62 (additional data) and 64 (alternate
// language) as templates; a broken inner length there is as telling as one at the top level.
bool isTemplateId(std::string_view id) {
    const int n = (id[0] - '0') * 10 + (id[1] - '0');
    return (n >= 26 && n <= 51) || n == 62 || n == 64;
}

Layout readLayout(std::string_view text, LengthUnit unit) {
    Layout layout;
    layout.top = parseTlv(text, unit, "");
    if (layout.top.problem) layout.problems.push_back(*layout.top.problem);
    for (const TlvField& field : layout.top.fields) {
        if (!isTemplateId(field.id)) continue;
        TlvList inner = parseTlv(field.value, unit, field.id);
        if (inner.problem) layout.problems.push_back(*inner.problem);
        if (field.id == "38") {
            if (const TlvField* beneficiary = inner.find("01")) {
                TlvList org = parseTlv(beneficiary->value, unit, "38.01");
                if (org.problem) layout.problems.push_back(*org.problem);
                layout.templates.emplace("38.01", std::move(org));
            }
        }
        layout.templates.emplace(std::string(field.id), std::move(inner));
    }
    return layout;
}

std::string_view valueOf(const TlvList* list, std::string_view id) {
    if (list == nullptr) return {};
    const TlvField* field = list->find(id);
    return field == nullptr ? std::string_view() : field->value;
}

// Absent for sure: the list was read to its end without finding the field. After a structural
// problem the rest of the list is unknown, and "missing X" would only repeat that problem.
bool absent(const TlvList* list, std::string_view id) {
    return list != nullptr && !list->problem && list->find(id) == nullptr;
}

// Free text shown to the citizen: cleaned, with a warning when something was hidden in it.
std::string displayField(Checked<VietQrPayment>& result, std::string_view raw, std::string_view field) {
    CleanText clean = sanitizeText(raw, TextLimits{.maxCodePoints = 99, .keepLineBreaks = false});
    if (clean.removedTotal() > 0) {
        result.add("hidden_characters", Severity::warning,
                   "field " + std::string(field) + " contained " + std::to_string(clean.removedTotal()) +
                       " control or invisible character(s); they were removed");
    }
    return std::move(clean.text);
}

enum class CrcState { absent, badFormat, intact, mismatch };

struct CrcCheck {
    CrcState state = CrcState::absent;
    bool lowercase = false;
    std::string written;
    std::string computed;
};

// Field 63 is always last: "6304" + 4 hex digits, over everything up to and including "6304".
CrcCheck checkCrc(std::string_view text) {
    CrcCheck check;
    if (text.size() < 8 || text.substr(text.size() - 8, 4) != "6304") return check;
    const std::string_view written = text.substr(text.size() - 4);
    if (!std::all_of(written.begin(), written.end(), isHexDigit)) {
        check.state = CrcState::badFormat;
        return check;
    }
    check.written = std::string(written);
    check.computed = crc16Hex(crc16CcittFalse(text.substr(0, text.size() - 4)));
    check.lowercase = upper(written) != written;
    check.state = upper(written) == check.computed ? CrcState::intact : CrcState::mismatch;
    return check;
}

void reportCrc(Checked<VietQrPayment>& result, const CrcCheck& crc, const Layout& layout) {
    const auto& fields = layout.top.fields;
    // A well-formed list whose last field is not 63 hides the "6304...." we checked inside some
    // other field's value.
    if (crc.state != CrcState::absent && layout.problems.empty() &&
        (fields.empty() || fields.back().id != "63")) {
        result.add("crc_not_last", Severity::error, "the checksum (field 63) must be the last field");
        return;
    }
    switch (crc.state) {
        case CrcState::intact:
            if (crc.lowercase) {
                result.add("crc_lowercase", Severity::warning,
                           "the checksum is written in lower case; EMVCo asks for upper case");
            }
            return;
        case CrcState::mismatch:
            result.add("crc_mismatch", Severity::error,
                       "the checksum does not match (written " + crc.written + ", computed " + crc.computed +
                           "): the code is damaged or was altered");
            return;
        case CrcState::badFormat:
            result.add("bad_crc_format", Severity::error, "the checksum must be 4 hexadecimal digits");
            return;
        case CrcState::absent:
            break;
    }
    const auto crcField =
        std::find_if(fields.begin(), fields.end(), [](const TlvField& f) { return f.id == "63"; });
    if (crcField == fields.end()) {
        result.add("missing_crc", Severity::error,
                   "the checksum (field 63) is missing: the code may be cut off or incomplete");
    } else if (crcField + 1 != fields.end() || layout.top.problem) {  // fields or bytes after it
        result.add("crc_not_last", Severity::error, "the checksum (field 63) must be the last field");
    } else {
        result.add("bad_crc_format", Severity::error, "the checksum must be 4 hexadecimal digits");
    }
}

std::optional<std::uint64_t> parseAmount(std::string_view text) {
    // EMVCo: up to 13 characters, digits with an optional '.' decimal point. The dong has no
    // minor unit, so only a zero fraction ("50000.00") is accepted.
    if (text.empty() || text.size() > 13) return std::nullopt;
    const std::size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    if (!isDigits(whole)) return std::nullopt;
    if (dot != std::string_view::npos) {
        const std::string_view fraction = text.substr(dot + 1);
        if (!std::all_of(fraction.begin(), fraction.end(), [](char c) { return c == '0'; }))
            return std::nullopt;
    }
    std::uint64_t amount = 0;
    for (const char c : whole)
        amount = amount * 10 + static_cast<std::uint64_t>(c - '0');
    return amount;
}

void readMerchantAccount(Checked<VietQrPayment>& result, const Layout& layout, const BankDirectory& banks) {
    VietQrPayment& payment = result.value;
    if (absent(&layout.top, "38")) {
        result.add("missing_merchant_account", Severity::error,
                   "there is no NAPAS account information (field 38): this is not a VietQR transfer code");
    }
    const TlvList* napas = layout.find("38");
    if (napas == nullptr) return;

    if (absent(napas, "00")) {
        result.add("missing_guid", Severity::error,
                   "field 38 does not carry the NAPAS identifier A000000727 (field 38.00 is missing)");
    } else if (const TlvField* guid = napas->find("00"); guid && upper(guid->value) != kNapasGuid) {
        result.add("wrong_guid", Severity::error,
                   "field 38.00 is not the NAPAS identifier A000000727: this is not a VietQR transfer code");
    }

    if (absent(napas, "01")) {
        result.add("missing_beneficiary", Severity::error,
                   "the receiving bank and account (field 38.01) are missing");
    }
    if (const TlvList* beneficiary = layout.find("38.01")) {
        if (absent(beneficiary, "00")) {
            result.add("missing_bin", Severity::error, "the bank number (BIN, field 38.01.00) is missing");
        } else if (const TlvField* bin = beneficiary->find("00")) {
            if (bin->value.size() != 6 || !isDigits(bin->value)) {
                result.add("bad_bin", Severity::error,
                           "the bank number (BIN, field 38.01.00) must be 6 digits");
            } else if (const Bank* bank = banks.findByBin(bin->value)) {
                payment.bin = std::string(bin->value);
                payment.bankShortName = bank->shortName;
                payment.bankName = bank->name;
            } else {
                payment.bin = std::string(bin->value);
                result.add("unknown_bank", Severity::warning,
                           "bank number " + payment.bin +
                               " is not in the kiosk's bank list; check the bank name in your banking app "
                               "before paying");
            }
        }
        if (absent(beneficiary, "01")) {
            result.add("missing_account", Severity::error, "the account number (field 38.01.01) is missing");
        } else if (const TlvField* account = beneficiary->find("01")) {
            if (account->value.size() > 19 || !isAlnum(account->value)) {
                result.add("bad_account", Severity::error,
                           "the account number (field 38.01.01) must be 1 to 19 letters or digits");
            } else {
                payment.account = std::string(account->value);
            }
        }
    }

    if (absent(napas, "02")) {
        result.add("missing_service", Severity::warning, "the NAPAS service code (field 38.02) is missing");
    } else if (const TlvField* service = napas->find("02")) {
        if (service->value != kServiceToAccount && service->value != kServiceToCard) {
            result.add(
                "unknown_service", Severity::warning,
                "the NAPAS service code (field 38.02) is neither QRIBFTTA (account) nor QRIBFTTC (card)");
        }
        payment.service = displayField(result, service->value, "38.02");
    }
}

}  // namespace

std::string_view initiationName(Initiation initiation) {
    switch (initiation) {
        case Initiation::staticCode:
            return "static";
        case Initiation::dynamicCode:
            return "dynamic";
        case Initiation::unknown:
            break;
    }
    return "";
}

bool looksLikeEmvQr(std::string_view text) {
    return text.substr(0, 6) == "000201";
}

Checked<VietQrPayment> parseVietQr(std::string_view text, const BankDirectory& banks) {
    Checked<VietQrPayment> result;
    VietQrPayment& payment = result.value;
    const bool validUtf8 = isValidUtf8(text);
    if (!validUtf8) {
        result.add("invalid_utf8", Severity::error, "the code contains bytes that are not valid UTF-8 text");
    }

    const CrcCheck crc = checkCrc(text);
    Layout layout = readLayout(text, LengthUnit::codePoints);
    // Some issuers count Vietnamese text in UTF-8 bytes; the CRC decides whether that reading can
    // be trusted, because a damaged code could otherwise be "repaired" into a different payment.
    if (!layout.problems.empty() && crc.state == CrcState::intact && validUtf8 && !isAscii(text)) {
        Layout inBytes = readLayout(text, LengthUnit::bytes);
        if (inBytes.problems.empty()) {
            layout = std::move(inBytes);
            payment.lengthUnit = LengthUnit::bytes;
            result.add("length_in_bytes", Severity::warning,
                       "field lengths are counted in UTF-8 bytes instead of characters; accepted because the "
                       "checksum matches");
        }
    }
    for (const ScanProblem& problem : layout.problems)
        result.problems.push_back(problem);
    reportCrc(result, crc, layout);
    payment.crc = crc.written;

    const TlvList& top = layout.top;
    if (top.fields.empty() || top.fields.front().id != "00" || top.fields.front().value != "01") {
        result.add("bad_format_indicator", Severity::error,
                   "the code must start with the EMVCo payload format indicator 000201");
    }

    if (absent(&top, "01")) {
        result.add("missing_initiation", Severity::warning, "field 01 (static or dynamic code) is missing");
    } else if (const TlvField* initiation = top.find("01")) {
        if (initiation->value == "11") {
            payment.initiation = Initiation::staticCode;
        } else if (initiation->value == "12") {
            payment.initiation = Initiation::dynamicCode;
        } else {
            result.add("bad_initiation", Severity::error, "field 01 must be 11 (static) or 12 (dynamic)");
        }
    }

    readMerchantAccount(result, layout, banks);

    if (absent(&top, "53")) {
        result.add("missing_currency", Severity::error, "the currency (field 53) is missing");
    } else if (const TlvField* currency = top.find("53")) {
        payment.currency = displayField(result, currency->value, "53");
        if (currency->value != kCurrencyVnd) {
            result.add("wrong_currency", Severity::error,
                       "the currency (field 53) is not Vietnamese dong (704): do not pay with this code");
        }
    }

    if (const TlvField* amount = top.find("54")) {
        payment.amount = parseAmount(amount->value);
        if (!payment.amount) {
            result.add("bad_amount", Severity::error,
                       "the amount (field 54) must be a whole number of dong, at most 13 characters");
        }
    }

    if (absent(&top, "58")) {
        result.add("missing_country", Severity::error, "the country (field 58) is missing");
    } else if (const TlvField* country = top.find("58")) {
        payment.country = displayField(result, country->value, "58");
        if (country->value != kCountryVietnam) {
            result.add("wrong_country", Severity::error,
                       "the country (field 58) is not Viet Nam (VN): do not pay with this code");
        }
    }

    payment.merchantName = displayField(result, valueOf(&top, "59"), "59");
    payment.merchantCity = displayField(result, valueOf(&top, "60"), "60");
    const TlvList* additional = layout.find("62");
    payment.billNumber = displayField(result, valueOf(additional, "01"), "62.01");
    payment.referenceLabel = displayField(result, valueOf(additional, "05"), "62.05");
    payment.purpose = displayField(result, valueOf(additional, "08"), "62.08");
    return result;
}

}  // namespace kiosk::scan
