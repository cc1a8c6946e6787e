#include "kiosk/PersonalData.h"

namespace kiosk {
namespace {

constexpr std::size_t kTypedDigitRun = 4;
constexpr std::size_t kLongNumber = 9;

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

std::size_t longestDigitRun(std::string_view text, bool grouped) {
    std::size_t longest = 0;
    std::size_t run = 0;
    bool afterSeparator = false;
    for (const char c : text) {
        if (isDigit(c)) {
            ++run;
            afterSeparator = false;
            if (run > longest) longest = run;
        } else if (grouped && run > 0 && !afterSeparator && (c == ' ' || c == '.' || c == '-')) {
            afterSeparator = true;
        } else {
            run = 0;
            afterSeparator = false;
        }
    }
    return longest;
}

bool typedTextLooksPersonal(std::string_view text) {
    return text.find('@') != std::string_view::npos || longestDigitRun(text, true) >= kTypedDigitRun;
}

bool containsLongNumber(std::string_view text) {
    return longestDigitRun(text, false) >= kLongNumber;
}

std::string maskLongNumbers(std::string_view text) {
    std::string masked;
    masked.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = i;
        while (end < text.size() && isDigit(text[end]))
            ++end;
        if (end - i >= kLongNumber) {
            masked += "…";
        } else {
            masked.append(text.substr(i, end - i));
        }
        if (end < text.size()) masked += text[end];
        i = end + 1;
    }
    return masked;
}

bool looksLikePersonalNumber(std::string_view text) {
    std::size_t digits = 0;
    for (const char c : text) {
        if (isDigit(c)) {
            ++digits;
        } else if (c != ' ' && c != '+' && c != '-' && c != '.' && c != '(' && c != ')') {
            return false;
        }
    }
    return digits >= kLongNumber;
}

}  // namespace kiosk
