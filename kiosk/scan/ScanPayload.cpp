#include "kiosk/scan/ScanPayload.h"

#include <algorithm>

#include "kiosk/scan/Utf8.h"

namespace kiosk::scan {
namespace {

using nlohmann::json;

json stringOrNull(const std::string& s) {
    return s.empty() ? json(nullptr) : json(s);
}

json vietQrFields(const VietQrPayment& payment) {
    json fields;
    fields["bin"] = stringOrNull(payment.bin);
    fields["bank"] = stringOrNull(payment.bankShortName);
    fields["bank_name"] = stringOrNull(payment.bankName);
    fields["account"] = stringOrNull(payment.account);
    fields["service"] = stringOrNull(payment.service);
    fields["amount"] = payment.amount ? json(*payment.amount) : json(nullptr);
    fields["currency"] = stringOrNull(payment.currency);
    fields["country"] = stringOrNull(payment.country);
    fields["merchant_name"] = stringOrNull(payment.merchantName);
    fields["merchant_city"] = stringOrNull(payment.merchantCity);
    fields["bill"] = stringOrNull(payment.billNumber);
    fields["reference"] = stringOrNull(payment.referenceLabel);
    fields["purpose"] = stringOrNull(payment.purpose);
    fields["initiation"] = stringOrNull(std::string(initiationName(payment.initiation)));
    fields["crc"] = stringOrNull(payment.crc);
    fields["length_unit"] = payment.lengthUnit == LengthUnit::bytes ? "bytes" : "characters";
    return fields;
}

json emvFields(const EmvPayment& payment) {
    json fields;
    fields["guid"] = stringOrNull(std::string(payment.guid()));
    fields["scheme"] = stringOrNull(std::string(payment.scheme()));
    json accounts = json::array();
    for (const EmvAccount& account : payment.accounts)
        accounts.push_back(
            {{"tag", account.tag}, {"guid", account.guid}, {"scheme", stringOrNull(account.scheme)}});
    fields["accounts"] = std::move(accounts);
    fields["merchant_name"] = stringOrNull(payment.merchantName);
    fields["merchant_city"] = stringOrNull(payment.merchantCity);
    fields["amount"] = stringOrNull(payment.amount);
    fields["currency"] = stringOrNull(payment.currency);
    fields["currency_code"] = stringOrNull(payment.currencyCode);
    fields["country"] = stringOrNull(payment.country);
    fields["initiation"] = stringOrNull(std::string(initiationName(payment.initiation)));
    fields["crc"] = stringOrNull(payment.crc);
    fields["length_unit"] = payment.lengthUnit == LengthUnit::bytes ? "bytes" : "characters";
    return fields;
}

json cccdFields(const CccdCard& card, bool reveal) {
    auto date = [&](const std::optional<CivilDate>& d) {
        if (!d) return json(nullptr);
        return reveal ? json(d->iso()) : json(kMaskedDate);
    };
    auto text = [&](const std::string& s, const std::string& masked) {
        if (s.empty()) return json(nullptr);
        return reveal ? json(s) : json(masked);
    };
    json fields;
    fields["id"] = text(card.id, maskDigits(card.id));
    fields["old_id"] = text(card.oldId, maskDigits(card.oldId, 0));
    fields["name"] = text(card.name, nameInitials(card.name));
    fields["birth_date"] = date(card.birthDate);
    fields["sex"] = text(std::string(sexName(card.sex)), std::string(kMaskedText));
    fields["address"] = text(card.address, std::string(kMaskedText));
    fields["issue_date"] = date(card.issueDate);
    fields["masked"] = !reveal;
    return fields;
}

json urlFields(const ScannedUrl& url, const std::vector<ScanProblem>& problems) {
    json fields;
    fields["url"] = url.url;
    fields["scheme"] = stringOrNull(url.scheme);
    fields["host"] = stringOrNull(url.host);
    fields["host_unicode"] = stringOrNull(url.hostUnicode);
    fields["port"] = url.port ? json(*url.port) : json(nullptr);
    fields["https"] = url.https;
    fields["government"] = url.government;
    fields["shortener"] = url.shortener;
    fields["ip_address"] = url.ipAddress;
    fields["userinfo"] = url.userinfo;
    json warnings = json::array();
    for (const ScanProblem& problem : problems) {
        if (problem.severity == Severity::warning) warnings.push_back(problem.code);
    }
    fields["warnings"] = std::move(warnings);
    return fields;
}

json textFields(const CleanText& clean) {
    json fields;
    fields["text"] = clean.text;
    fields["length"] = clean.codePoints;
    fields["truncated"] = clean.truncated();
    fields["removed"] = {{"control", clean.removedControls},
                         {"bidi", clean.removedBidi},
                         {"invisible", clean.removedInvisible},
                         {"combining_marks", clean.removedMarks},
                         {"invalid_utf8", clean.replacedInvalid}};
    return fields;
}

template <class T>
void take(ScanPayload& payload, PayloadKind kind, Checked<T>&& checked) {
    payload.kind = kind;
    payload.value = std::move(checked.value);
    payload.problems = std::move(checked.problems);
}

}  // namespace

std::string_view kindName(PayloadKind kind) {
    switch (kind) {
        case PayloadKind::vietqr: return "vietqr";
        case PayloadKind::cccd: return "cccd";
        case PayloadKind::url: return "url";
        case PayloadKind::emv: return "emv";
        case PayloadKind::text: break;
    }
    return "text";
}

bool ScanPayload::valid() const {
    return std::none_of(problems.begin(), problems.end(),
                        [](const ScanProblem& p) { return p.severity == Severity::error; });
}

ScanPayload understandPayload(std::string_view text, const BankDirectory& banks) {
    ScanPayload payload;
    payload.text = toValidUtf8(text);
    if (isOtherSchemeEmv(text)) {
        take(payload, PayloadKind::emv, parseEmvPayment(text));
    } else if (looksLikeEmvQr(text)) {
        take(payload, PayloadKind::vietqr, parseVietQr(text, banks));
    } else if (looksLikeCccd(text)) {
        take(payload, PayloadKind::cccd, parseCccd(text));
    } else if (looksLikeUrl(text)) {
        take(payload, PayloadKind::url, checkUrl(text, banks));
    } else {
        Checked<CleanText> checked = checkText(text);
        if (text.empty()) checked.add("empty_text", Severity::warning, "the code contains no text");
        take(payload, PayloadKind::text, std::move(checked));
    }
    return payload;
}

nlohmann::json payloadFields(const ScanPayload& payload, bool revealPersonalData) {
    if (const auto* payment = std::get_if<VietQrPayment>(&payload.value)) return vietQrFields(*payment);
    if (const auto* card = std::get_if<CccdCard>(&payload.value))
        return cccdFields(*card, revealPersonalData);
    if (const auto* url = std::get_if<ScannedUrl>(&payload.value)) return urlFields(*url, payload.problems);
    if (const auto* emv = std::get_if<EmvPayment>(&payload.value)) return emvFields(*emv);
    return textFields(std::get<CleanText>(payload.value));
}

nlohmann::json problemsJson(const std::vector<ScanProblem>& problems) {
    json out = json::array();
    for (const ScanProblem& problem : problems) {
        out.push_back({{"code", problem.code},
                       {"severity", std::string(severityName(problem.severity))},
                       {"message", toValidUtf8(problem.message)}});
    }
    return out;
}

std::string payloadText(const ScanPayload& payload, bool revealPersonalData) {
    if (const auto* card = std::get_if<CccdCard>(&payload.value); card != nullptr && !revealPersonalData) {
        return maskedCccdText(*card);
    }
    return payload.text;
}

}  // namespace kiosk::scan
