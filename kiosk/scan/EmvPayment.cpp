#include "kiosk/scan/EmvPayment.h"

#include <algorithm>
#include <array>
#include <utility>

namespace kiosk::scan {
namespace {

// GUIDs (or their registered prefixes) of schemes a citizen may name from their banking app.
// Upper case; matched as a prefix because PromptPay's AIDs end in the transfer type.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kKnownSchemes = {{
    {"A000000677", "PromptPay"},  // Thailand, Bank of Thailand's AIDs A000000677010111/12/13/14
    {"BR.GOV.BCB.PIX", "Pix"},    // Brazil, Banco Central do Brasil
    {"ID.CO.QRIS.WWW", "QRIS"},   // Indonesia, national standard (Bank Indonesia)
    {"SG.PAYNOW", "PayNow"},      // Singapore
}};

std::string schemeName(std::string_view guid) {
    const std::string key = asciiUpper(guid);
    for (const auto& [prefix, name] : kKnownSchemes)
        if (key.starts_with(prefix)) return std::string(name);
    return {};
}

// EMVCo field 54: up to 13 characters, digits with at most one '.'.
bool isEmvAmount(std::string_view text) {
    if (text.empty() || text.size() > 13 || text.front() == '.') return false;
    bool dot = false;
    for (const char c : text) {
        if (c == '.') {
            if (dot) return false;
            dot = true;
        } else if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string_view EmvPayment::guid() const {
    return accounts.empty() ? std::string_view() : std::string_view(accounts.front().guid);
}

std::string_view EmvPayment::scheme() const {
    for (const EmvAccount& account : accounts)
        if (!account.scheme.empty()) return account.scheme;
    return {};
}

std::string_view currencyLetters(std::string_view numeric) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kCurrencies = {{
        {"036", "AUD"},
        {"116", "KHR"},
        {"156", "CNY"},
        {"344", "HKD"},
        {"356", "INR"},
        {"360", "IDR"},
        {"392", "JPY"},
        {"410", "KRW"},
        {"418", "LAK"},
        {"458", "MYR"},
        {"608", "PHP"},
        {"702", "SGD"},
        {"704", "VND"},
        {"764", "THB"},
        {"840", "USD"},
        {"978", "EUR"},
        {"986", "BRL"},
    }};
    for (const auto& [code, letters] : kCurrencies)
        if (code == numeric) return letters;
    return {};
}

bool isOtherSchemeEmv(std::string_view text) {
    if (!looksLikeEmvQr(text)) return false;
    return accountScheme(readEmvLayout(text, checkEmvCrc(text))) == EmvScheme::other;
}

Checked<EmvPayment> parseEmvPayment(std::string_view text) {
    Checked<EmvPayment> result;
    EmvPayment& payment = result.value;
    const EmvLayout layout = readCheckedLayout(text, result.problems);
    payment.lengthUnit = layout.unit;
    payment.crc = layout.crc.written;
    const TlvList& top = layout.top;
    const std::string_view initiation = fieldValue(&top, "01");
    payment.initiation = initiation == "11"   ? Initiation::staticCode
                         : initiation == "12" ? Initiation::dynamicCode
                                              : Initiation::unknown;

    for (const TlvField& field : top.fields) {
        const int n = (field.id[0] - '0') * 10 + (field.id[1] - '0');
        if (n < 26 || n > 51) continue;
        const std::string_view guid = fieldValue(layout.find(field.id), "00");
        if (guid.empty()) continue;
        EmvAccount account;
        account.tag = std::string(field.id);
        account.guid = displayText(guid, std::string(field.id) + ".00", result.problems);
        account.scheme = schemeName(account.guid);
        payment.accounts.push_back(std::move(account));
    }

    payment.merchantName = displayText(fieldValue(&top, "59"), "59", result.problems);
    payment.merchantCity = displayText(fieldValue(&top, "60"), "60", result.problems);
    payment.country = displayText(fieldValue(&top, "58"), "58", result.problems);
    payment.currency = displayText(fieldValue(&top, "53"), "53", result.problems);
    payment.currencyCode = std::string(currencyLetters(payment.currency));
    if (const TlvField* amount = top.find("54")) {
        if (isEmvAmount(amount->value)) {
            payment.amount = std::string(amount->value);
        } else {
            result.add("bad_amount", Severity::warning,
                       "the amount (field 54) is not a number of at most 13 characters; check the amount in "
                       "the paying app");
        }
    }
    return result;
}

}  // namespace kiosk::scan
