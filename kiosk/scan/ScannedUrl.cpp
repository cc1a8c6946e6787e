#include "kiosk/scan/ScannedUrl.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <vector>

#include "kiosk/scan/PlainText.h"
#include "kiosk/scan/Punycode.h"
#include "kiosk/scan/Utf8.h"

namespace kiosk::scan {
namespace {

constexpr std::array<std::string_view, 26> kShorteners = {
    "bit.ly", "bitly.com",  "tinyurl.com", "t.co",     "goo.gl",  "cutt.ly", "rb.gy",
    "is.gd",  "v.gd",       "shorturl.at", "s.id",     "tiny.cc", "ow.ly",   "buff.ly",
    "t.ly",   "rebrand.ly", "bl.ink",      "lnkd.in",  "tr.im",   "clck.ru", "shorte.st",
    "adf.ly", "bit.do",     "surl.li",     "short.gy", "qrco.de"};

// Names citizens trust: VNeID, the national public-service portal, the government, the Ministry of
// Public Security, social insurance (VssID) and e-tax. Compared on the host's skeleton (see below).
constexpr std::array<std::string_view, 9> kOfficialNames = {
    "vneid", "dichvucong", "chinhphu", "bocongan", "congan", "baohiemxahoi", "vssid", "thuedientu", "govvn"};

// Official sites outside gov.vn that carry an official name in their own right: the government
// portal and its newspaper. They are still not "government" by the gov.vn rule.
constexpr std::array<std::string_view, 2> kOfficialHostsOutsideGovVn = {"chinhphu.vn", "baochinhphu.vn"};

// Short bank names ("acb", "vib") match only a whole host part, optionally with one of these
// bait words attached ("acb-online", "vibbank"); longer names match anywhere in the skeleton.
constexpr std::size_t kMinSubstringBankName = 6;
constexpr std::array<std::string_view, 10> kBaitWords = {"",    "vn",    "online",  "bank", "ebank",
                                                         "app", "login", "digital", "pay",  "smart"};

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool hostIsOrUnder(std::string_view host, std::string_view domain) {
    return host == domain || (endsWith(host, domain) && host[host.size() - domain.size() - 1] == '.');
}

char lowerAscii(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) { return lowerAscii(c); });
    return out;
}

bool isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trimAscii(std::string_view s) {
    while (!s.empty() && isAsciiSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isAsciiSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

// Length of a URL scheme followed by ':' at the front of `text` (RFC 3986: ALPHA *( ALPHA / DIGIT
// / "+" / "-" / "." )), or 0.
std::size_t schemeLength(std::string_view text) {
    if (text.empty() || !std::isalpha(static_cast<unsigned char>(text[0]))) return 0;
    std::size_t i = 1;
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '+' ||
                               text[i] == '-' || text[i] == '.')) {
        ++i;
    }
    return i < text.size() && text[i] == ':' ? i : 0;
}

// ---- Look-alike detection ------------------------------------------------------------------------

// Latin letter with Vietnamese (or other Latin-1) diacritics -> its base letter; 0 if none.
char foldLatin(char32_t c) {
    // U+1EA0..U+1EF9: the Vietnamese block, in pairs of upper/lower case per base letter.
    static constexpr std::string_view kVietnamese =
        "aaaaaaaaaaaaaaaaaaaaaaaa"
        "eeeeeeeeeeeeeeee"
        "iiii"
        "oooooooooooooooooooooooo"
        "uuuuuuuuuuuuuu"
        "yyyyyyyy";
    static constexpr std::string_view kLatin1 = "aaaaaaaceeeeiiiidnooooo_ouuuuy_s";  // U+00C0..U+00DF
    if (c >= 0x1EA0 && c <= 0x1EF9) return kVietnamese[c - 0x1EA0];
    if (c >= 0xC0 && c <= 0xFF) {
        const char base = kLatin1[(c - 0xC0) & 0x1F];
        if (c == 0xFF) return 'y';
        return base == '_' ? 0 : base;
    }
    switch (c) {
        case 0x0102:
        case 0x0103:
            return 'a';  // Ă ă
        case 0x0110:
        case 0x0111:
            return 'd';  // Đ đ
        case 0x0128:
        case 0x0129:
            return 'i';  // Ĩ ĩ
        case 0x0168:
        case 0x0169:
            return 'u';  // Ũ ũ
        case 0x01A0:
        case 0x01A1:
            return 'o';  // Ơ ơ
        case 0x01AF:
        case 0x01B0:
            return 'u';  // Ư ư
        default:
            return 0;
    }
}

// Characters from other scripts drawn like Latin letters (a subset of Unicode's confusables list
// covering the letters of the names we protect): kLookAlikes[i] passes for kLookedLike[i].
constexpr std::u32string_view kLookAlikes =
    U"ıɑɡɩ"                              // Latin letters outside ASCII that pass for ASCII ones
    U"ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαεηικνορτυχϲϳ"       // Greek
    U"ЅІЈАВЕКМНОРСТУХаеорсухѕіјѵүһӏԁԛԝ"  // Cyrillic
    U"հսցօ";                             // Armenian
constexpr std::string_view kLookedLike =
    "iagi"
    "abezhikmnoptyxaenikvoptuxcj"
    "sijabekmhopctyxaeopcyxsijvyhldqw"
    "hugo";
static_assert(kLookAlikes.size() == kLookedLike.size());

char homoglyph(char32_t c) {
    const std::size_t at = kLookAlikes.find(c);
    return at == std::u32string_view::npos ? 0 : kLookedLike[at];
}

bool isFullwidthAscii(char32_t c) {
    return c >= 0xFF01 && c <= 0xFF5E;
}
bool isMathAlphanumeric(char32_t c) {
    return c >= 0x1D400 && c <= 0x1D7FF;
}
bool isCombiningMark(char32_t c) {
    return c >= 0x0300 && c <= 0x036F;
}
// IDNA treats these as label separators, so "gov。vn" is "gov.vn" to a browser.
bool isIdnaDot(char32_t c) {
    return c == 0x3002 || c == 0xFF0E || c == 0xFF61;
}

bool isConfusable(char32_t c) {
    return homoglyph(c) != 0 || isFullwidthAscii(c) || isMathAlphanumeric(c) || isIdnaDot(c) ||
           c == 0x2024 /* one dot leader */ || c == 0x2215 /* division slash */ || c == 0x2044;
}

// A letters-only "skeleton" of a host: case, Vietnamese diacritics, separators and look-alike
// characters are folded away, so "vnеid-gov.vn" (Cyrillic е), "dịchvụcông.com" and "dichvuc0ng"
// all show the name they imitate. 0/1/l become o/i/i and "rn" becomes "m" because they are the
// classic substitutions in phishing hosts.
std::string skeleton(std::string_view utf8) {
    std::string out;
    while (!utf8.empty()) {
        const Utf8Step step = decodeUtf8Step(utf8);
        utf8.remove_prefix(step.length);
        char32_t c = step.valid ? step.codePoint : kReplacementCharacter;
        if (isFullwidthAscii(c)) c -= 0xFEE0;
        if (c < 0x80) {
            const char a = lowerAscii(static_cast<char>(c));
            if (a == '.' || a == '-' || a == '_') continue;
            out.push_back(a == '0' ? 'o' : (a == '1' || a == 'l') ? 'i' : a);
        } else if (isCombiningMark(c)) {
            continue;
        } else if (const char folded = foldLatin(c)) {
            out.push_back(folded == 'l' ? 'i' : folded);
        } else if (const char glyph = homoglyph(c)) {
            out.push_back(glyph == 'l' ? 'i' : glyph);
        } else if (!isIdnaDot(c)) {
            out.push_back('?');
        }
    }
    std::string folded;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (i + 1 < out.size() && out[i] == 'r' && out[i + 1] == 'n') {
            folded.push_back('m');
            ++i;
        } else if (i + 1 < out.size() && out[i] == 'v' && out[i + 1] == 'v') {
            folded.push_back('w');
            ++i;
        } else {
            folded.push_back(out[i]);
        }
    }
    return folded;
}

// Host parts split on '.' and '-', each skeletonised, for whole-word matching of short names.
std::vector<std::string> skeletonParts(std::string_view host) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= host.size(); ++i) {
        if (i == host.size() || host[i] == '.' || host[i] == '-') {
            if (i > start) parts.push_back(skeleton(host.substr(start, i - start)));
            start = i + 1;
        }
    }
    return parts;
}

enum class Script { none, latin, greek, cyrillic, armenian, cherokee, cjk, other };

Script scriptOf(char32_t c) {
    if (c < 0x80) {
        return std::isalpha(static_cast<int>(c)) ? Script::latin : Script::none;
    }
    if (isCombiningMark(c)) return Script::none;
    if ((c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x250 && c <= 0x2AF) ||
        (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) {
        return Script::latin;
    }
    if ((c >= 0x370 && c <= 0x3FF) || (c >= 0x1F00 && c <= 0x1FFF)) return Script::greek;
    if ((c >= 0x400 && c <= 0x52F) || (c >= 0x1C80 && c <= 0x1C8F) || (c >= 0x2DE0 && c <= 0x2DFF) ||
        (c >= 0xA640 && c <= 0xA69F)) {
        return Script::cyrillic;
    }
    if (c >= 0x530 && c <= 0x58F) return Script::armenian;
    if ((c >= 0x13A0 && c <= 0x13FF) || (c >= 0xAB70 && c <= 0xABBF)) return Script::cherokee;
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
        (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF)) {
        return Script::cjk;
    }
    if (isFullwidthAscii(c) || isIdnaDot(c) || (c >= 0xFF10 && c <= 0xFF19)) return Script::none;
    return Script::other;
}

// ---- Host parsing --------------------------------------------------------------------------------

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::string> percentDecode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out.push_back(s[i]);
            continue;
        }
        if (i + 2 >= s.size()) return std::nullopt;
        const int high = hexValue(s[i + 1]);
        const int low = hexValue(s[i + 2]);
        if (high < 0 || low < 0) return std::nullopt;
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
    }
    return out;
}

// WHATWG URL: a host whose last label is a number ("192.168.1.1", "3232235777", "0x7f.1") is an
// IPv4 address, in any of the decimal, octal or hex spellings browsers accept.
bool endsInNumber(std::string_view host) {
    const std::size_t dot = host.rfind('.');
    const std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
    if (last.empty()) return false;
    if (std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; })) return true;
    if (last.size() >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X')) {
        return std::all_of(last.begin() + 2, last.end(), [](char c) { return hexValue(c) >= 0; });
    }
    return false;
}

bool isAllowedAsciiHostChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

std::string joinLabels(const std::vector<std::string>& labels) {
    std::string out;
    for (const std::string& label : labels) {
        if (!out.empty()) out += '.';
        out += label;
    }
    return out;
}

void checkLookalikes(Checked<ScannedUrl>& result, const BankDirectory& banks) {
    ScannedUrl& url = result.value;
    // A gov.vn host carries official names by right, even when something else is wrong with the
    // address (that is reported on its own).
    if (url.ipAddress || isGovernmentHost(url.host)) return;
    const std::string hostSkeleton = skeleton(url.hostUnicode);
    const std::vector<std::string> parts = skeletonParts(url.hostUnicode);

    const bool officialOutsideGov =
        std::any_of(kOfficialHostsOutsideGovVn.begin(), kOfficialHostsOutsideGovVn.end(),
                    [&](std::string_view h) { return hostIsOrUnder(url.host, h); });
    if (!officialOutsideGov) {
        for (const std::string_view name : kOfficialNames) {
            if (hostSkeleton.find(skeleton(name)) != std::string::npos) {
                result.add("official_name_lookalike", Severity::warning,
                           "the address borrows the official name \"" + std::string(name) +
                               "\" but is not a government site (those end in .gov.vn)");
                break;
            }
        }
    }

    std::set<std::string> named;
    for (const Bank& bank : banks.banks()) {
        std::string token;
        for (const char c : bank.shortName) {
            if (std::isalnum(static_cast<unsigned char>(c))) token.push_back(lowerAscii(c));
        }
        if (token.size() < 3 || named.count(token) != 0) continue;
        const std::string tokenSkeleton = skeleton(token);
        bool mentioned = false;
        if (token.size() >= kMinSubstringBankName) {
            mentioned = hostSkeleton.find(tokenSkeleton) != std::string::npos;
        } else {
            mentioned = std::any_of(parts.begin(), parts.end(), [&](const std::string& part) {
                return std::any_of(kBaitWords.begin(), kBaitWords.end(), [&](std::string_view bait) {
                    return part == tokenSkeleton + skeleton(bait) || part == skeleton(bait) + tokenSkeleton;
                });
            });
        }
        if (!mentioned) continue;
        const bool ownSite = std::any_of(bank.domains.begin(), bank.domains.end(),
                                         [&](const std::string& d) { return hostIsOrUnder(url.host, d); });
        if (ownSite) continue;
        named.insert(token);
        result.add("bank_name_lookalike", Severity::warning,
                   "the address mentions the bank " + bank.shortName +
                       " but is not one of that bank's known sites; check it in the bank's own app");
    }
}

void checkScripts(Checked<ScannedUrl>& result) {
    const ScannedUrl& url = result.value;
    bool mixed = false;
    bool confusable = false;
    std::string_view rest = url.hostUnicode;
    std::set<Script> scripts;
    while (!rest.empty()) {
        const Utf8Step step = decodeUtf8Step(rest);
        rest.remove_prefix(step.length);
        const char32_t c = step.valid ? step.codePoint : kReplacementCharacter;
        if (c == '.') {
            mixed = mixed || scripts.size() > 1;
            scripts.clear();
            continue;
        }
        confusable = confusable || isConfusable(c);
        if (const Script script = scriptOf(c); script != Script::none) scripts.insert(script);
    }
    mixed = mixed || scripts.size() > 1;
    if (mixed) {
        result.add("mixed_scripts", Severity::warning,
                   "the address mixes letters from different alphabets, a common look-alike trick");
    }
    if (confusable) {
        result.add("confusable_characters", Severity::warning,
                   "the address uses characters that look like Latin letters or dots but are not");
    }
}

// What we show of a host: %-escapes and punycode can smuggle controls or bidi overrides back in.
std::string displayHost(std::string_view host) {
    return sanitizeText(host, TextLimits{.maxCodePoints = 253, .keepLineBreaks = false}).text;
}

// Fills host, hostUnicode and the host flags from the authority's host part.
void readHost(Checked<ScannedUrl>& result, std::string_view rawHost) {
    ScannedUrl& url = result.value;
    if (rawHost.empty()) {
        result.add("missing_host", Severity::error, "the address has no host name");
        return;
    }
    if (rawHost.front() == '[') {
        url.ipAddress = true;
        url.host = lowerAscii(rawHost);
        url.hostUnicode = url.host;
        const bool closed = rawHost.back() == ']' &&
                            std::all_of(rawHost.begin() + 1, rawHost.end() - 1,
                                        [](char c) { return hexValue(c) >= 0 || c == ':' || c == '.'; });
        if (!closed) result.add("bad_host", Severity::error, "the address has a malformed IPv6 host");
        return;
    }
    std::string host(rawHost);
    if (host.find('%') != std::string::npos) {
        const auto decoded = percentDecode(host);
        if (!decoded) {
            result.add("bad_host", Severity::error, "the host name has a broken %-escape");
            return;
        }
        result.add("encoded_host", Severity::warning, "the host name is disguised with %-escapes");
        host = *decoded;
    }
    if (!isValidUtf8(host)) {
        result.add("bad_host", Severity::error, "the host name is not valid text");
        url.host = displayHost(host);
        url.hostUnicode = url.host;
        return;
    }
    // Browsers treat the ideographic and fullwidth full stops as dots; do the same, so the host we
    // judge is the host a phone would visit.
    std::string normalized;
    for (std::string_view rest = host; !rest.empty();) {
        const Utf8Step step = decodeUtf8Step(rest);
        if (isIdnaDot(step.codePoint)) {
            normalized.push_back('.');
        } else {
            normalized.append(rest.substr(0, step.length));
        }
        rest.remove_prefix(step.length);
    }
    host = lowerAscii(normalized);
    if (!host.empty() && host.back() == '.') host.pop_back();  // "gov.vn." is the same host
    // The label checks below see the real bytes; what we show is cleaned.
    url.host = displayHost(host);

    std::vector<std::string> unicodeLabels;
    bool punycode = false;
    bool unicode = false;
    bool badChar = false;
    bool badLabel = host.size() > 253;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= host.size(); ++i) {
        if (i < host.size() && host[i] != '.') continue;
        const std::string label = host.substr(start, i - start);
        start = i + 1;
        if (label.empty() || label.size() > 63) badLabel = true;
        for (const char c : label) {
            if (static_cast<unsigned char>(c) >= 0x80) {
                unicode = true;
            } else if (!isAllowedAsciiHostChar(c)) {
                badChar = true;
            }
        }
        const auto decoded = decodeIdnaLabel(label);
        if (label.rfind("xn--", 0) == 0) {
            punycode = true;
            if (!decoded) {
                result.add("bad_punycode", Severity::error, "a part of the host name is broken punycode");
            }
        }
        unicodeLabels.push_back(decoded ? *decoded : label);
    }
    const CleanText shown =
        sanitizeText(joinLabels(unicodeLabels), TextLimits{.maxCodePoints = 253, .keepLineBreaks = false});
    url.hostUnicode = shown.text;
    if (shown.removedTotal() > 0) {
        result.add("hidden_characters", Severity::error,
                   "the decoded host name contains hidden or control characters");
    }
    if (badChar || badLabel) {
        result.add("bad_host", Severity::error,
                   "the host name contains characters or parts a host cannot have");
    }
    if (punycode) {
        result.add(
            "punycode_host", Severity::warning,
            "the host name is written in punycode (xn--); it really reads \"" + url.hostUnicode + "\"");
    }
    if (unicode) {
        result.add("unicode_host", Severity::warning,
                   "the host name contains non-Latin or accented characters");
    }
    url.ipAddress = !unicode && endsInNumber(host);
}

}  // namespace

bool looksLikeUrl(std::string_view text) {
    text = trimAscii(text);
    if (text.empty() || std::any_of(text.begin(), text.end(), isAsciiSpace)) return false;
    const std::size_t scheme = schemeLength(text);
    if (scheme > 0 && text.substr(scheme, 3) == "://") return true;
    return lowerAscii(text.substr(0, 4)) == "www.";
}

bool isGovernmentHost(std::string_view host) {
    return hostIsOrUnder(host, "gov.vn");
}

Checked<ScannedUrl> checkUrl(std::string_view text, const BankDirectory& banks) {
    Checked<ScannedUrl> result;
    ScannedUrl& url = result.value;
    text = trimAscii(text);

    const CleanText clean =
        sanitizeText(text, TextLimits{.maxCodePoints = kMaxTextCodePoints, .keepLineBreaks = false});
    url.url = clean.text;
    const bool hidden = clean.removedTotal() > 0 || clean.replacedInvalid > 0;
    if (hidden) {
        result.add("hidden_characters", Severity::error,
                   "the address contains " + std::to_string(clean.removedTotal() + clean.replacedInvalid) +
                       " hidden, control or invalid character(s) that can disguise where it leads");
    }
    // Judge the address as a browser would see it once the hidden characters are gone; the error
    // above already stops anyone trusting it.
    std::string_view rest = clean.text;

    const std::size_t schemeEnd = schemeLength(rest);
    if (schemeEnd > 0 && rest.substr(schemeEnd, 3) == "://") {
        url.scheme = lowerAscii(rest.substr(0, schemeEnd));
        rest.remove_prefix(schemeEnd + 3);
    } else {
        result.add("no_scheme", Severity::warning, "the address does not say http:// or https://");
    }
    url.https = url.scheme == "https";
    if (url.scheme == "http" || url.scheme.empty()) {
        result.add("not_https", Severity::warning,
                   "the address is not https: the connection is not encrypted");
    } else if (!url.https) {
        result.add("unusual_scheme", Severity::warning,
                   "the address uses \"" + url.scheme.substr(0, 20) + ":\" rather than a web page address");
    }

    // For web addresses browsers end the host at '\' too, so "https://evil.example\@gov.vn" goes to
    // evil.example.
    const bool special = url.scheme.empty() || url.scheme == "http" || url.scheme == "https";
    const std::size_t authorityEnd = rest.find_first_of(special ? "/?#\\" : "/?#");
    std::string_view authority = rest.substr(0, authorityEnd);
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
        url.userinfo = true;
        result.add("userinfo_trick", Severity::warning,
                   "the address has text before an '@'; the real site is what comes after it");
        authority.remove_prefix(at + 1);
    }
    std::string_view hostPart = authority;
    const std::size_t bracket = authority.rfind(']');
    const std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
        hostPart = authority.substr(0, colon);
        const std::string_view portText = authority.substr(colon + 1);
        if (!portText.empty()) {
            const bool digits =
                portText.size() <= 5 &&
                std::all_of(portText.begin(), portText.end(), [](char c) { return c >= '0' && c <= '9'; });
            const long port = digits ? std::stol(std::string(portText)) : -1;
            if (port < 0 || port > 65535) {
                result.add("bad_port", Severity::error, "the address has an invalid port number");
            } else {
                url.port = static_cast<std::uint16_t>(port);
            }
        }
    }
    readHost(result, hostPart);

    if (url.ipAddress) {
        result.add("ip_address_host", Severity::warning,
                   "the address is a bare IP number instead of a name; official sites never do this");
    }
    // Only an address with no error at all can be confirmed as a government site.
    url.government = result.valid() && special && !url.ipAddress && isGovernmentHost(url.host);
    url.shortener = std::any_of(kShorteners.begin(), kShorteners.end(),
                                [&](std::string_view s) { return hostIsOrUnder(url.host, s); });
    if (url.shortener) {
        result.add("link_shortener", Severity::warning,
                   "this is a shortened link: it hides the real address it leads to");
    }
    if (!url.host.empty()) {
        checkScripts(result);
        checkLookalikes(result, banks);
    }
    return result;
}

}  // namespace kiosk::scan
