#include "kiosk/scan/VietQr.h"

#include <algorithm>

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

// The EMVCo tree plus the NAPAS beneficiary template 38.01 nested inside field 38.
struct Layout : EmvLayout {
    // A broken 38.01 is reported to `found` as well, after the problems of the tree itself.
    Layout(EmvLayout read, std::vector<ScanProblem>& found) : EmvLayout(std::move(read)) {
        const TlvList* napas = find("38");
        const TlvField* beneficiary = napas ? napas->find("01") : nullptr;
        if (beneficiary == nullptr) return;
        TlvList org = parseTlv(beneficiary->value, unit, "38.01");
        if (org.problem) {
            problems.push_back(*org.problem);
            found.push_back(*org.problem);
        }
        templates.emplace("38.01", std::move(org));
    }
};

std::string_view valueOf(const TlvList* list, std::string_view id) {
    return fieldValue(list, id);
}

bool absent(const TlvList* list, std::string_view id) {
    return surelyAbsent(list, id);
}

std::string displayField(Checked<VietQrPayment>& result, std::string_view raw, std::string_view field) {
    return displayText(raw, field, result.problems);
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
    } else if (const TlvField* guid = napas->find("00"); guid && asciiUpper(guid->value) != kNapasGuid) {
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
        case Initiation::staticCode: return "static";
        case Initiation::dynamicCode: return "dynamic";
        case Initiation::unknown: break;
    }
    return "";
}

bool looksLikeEmvQr(std::string_view text) {
    return text.substr(0, 6) == "000201";
}

Checked<VietQrPayment> parseVietQr(std::string_view text, const BankDirectory& banks) {
    Checked<VietQrPayment> result;
    VietQrPayment& payment = result.value;
    // Some issuers count Vietnamese text in UTF-8 bytes; the CRC decides whether that reading can
    // be trusted (see readEmvLayout).
    const Layout layout(readCheckedLayout(text, result.problems), result.problems);
    payment.lengthUnit = layout.unit;
    payment.crc = layout.crc.written;
    const TlvList& top = layout.top;

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
