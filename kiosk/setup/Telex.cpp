#include "kiosk/setup/Telex.h"

#include <array>
#include <cctype>
#include <optional>
#include <vector>

namespace kiosk::setup {

namespace {

// Every Vietnamese vowel in its six tones: [base][tone], tone 0 = none, then sắc, huyền, hỏi,
// ngã, nặng. Lower case, then the same rows in capitals.
constexpr std::array<std::array<const char*, 6>, 12> kLower = {{
    {"a", "á", "à", "ả", "ã", "ạ"},
    {"ă", "ắ", "ằ", "ẳ", "ẵ", "ặ"},
    {"â", "ấ", "ầ", "ẩ", "ẫ", "ậ"},
    {"e", "é", "è", "ẻ", "ẽ", "ẹ"},
    {"ê", "ế", "ề", "ể", "ễ", "ệ"},
    {"i", "í", "ì", "ỉ", "ĩ", "ị"},
    {"o", "ó", "ò", "ỏ", "õ", "ọ"},
    {"ô", "ố", "ồ", "ổ", "ỗ", "ộ"},
    {"ơ", "ớ", "ờ", "ở", "ỡ", "ợ"},
    {"u", "ú", "ù", "ủ", "ũ", "ụ"},
    {"ư", "ứ", "ừ", "ử", "ữ", "ự"},
    {"y", "ý", "ỳ", "ỷ", "ỹ", "ỵ"},
}};
constexpr std::array<std::array<const char*, 6>, 12> kUpper = {{
    {"A", "Á", "À", "Ả", "Ã", "Ạ"},
    {"Ă", "Ắ", "Ằ", "Ẳ", "Ẵ", "Ặ"},
    {"Â", "Ấ", "Ầ", "Ẩ", "Ẫ", "Ậ"},
    {"E", "É", "È", "Ẻ", "Ẽ", "Ẹ"},
    {"Ê", "Ế", "Ề", "Ể", "Ễ", "Ệ"},
    {"I", "Í", "Ì", "Ỉ", "Ĩ", "Ị"},
    {"O", "Ó", "Ò", "Ỏ", "Õ", "Ọ"},
    {"Ô", "Ố", "Ồ", "Ổ", "Ỗ", "Ộ"},
    {"Ơ", "Ớ", "Ờ", "Ở", "Ỡ", "Ợ"},
    {"U", "Ú", "Ù", "Ủ", "Ũ", "Ụ"},
    {"Ư", "Ứ", "Ừ", "Ử", "Ữ", "Ự"},
    {"Y", "Ý", "Ỳ", "Ỷ", "Ỹ", "Ỵ"},
}};
enum Base { A, Abreve, Acirc, E, Ecirc, I, O, Ocirc, Ohorn, U, Uhorn, Y };

// One letter of the word being typed: a vowel (base, tone, case) or anything else as typed.
struct Letter {
    std::string other;  // set for consonants, đ and anything not a vowel
    int base = -1;
    int tone = 0;
    bool upper = false;
    bool vowel() const { return base >= 0; }
    std::string text() const { return vowel() ? (upper ? kUpper : kLower)[base][tone] : other; }
};

size_t utf8Length(unsigned char lead) {
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

Letter read(std::string_view glyph) {
    for (int base = 0; base < 12; ++base) {
        for (int tone = 0; tone < 6; ++tone) {
            if (glyph == kLower[base][tone]) return {"", base, tone, false};
            if (glyph == kUpper[base][tone]) return {"", base, tone, true};
        }
    }
    return {std::string(glyph)};
}

bool isLetter(const Letter& letter) {
    if (letter.vowel()) return true;
    const std::string& s = letter.other;
    return (s.size() == 1 && std::isalpha(static_cast<unsigned char>(s[0]))) || s == "đ" || s == "Đ";
}

int toneFor(char key) {
    switch (key) {
        case 's': return 1;
        case 'f': return 2;
        case 'r': return 3;
        case 'x': return 4;
        case 'j': return 5;
        case 'z': return 0;
        default: return -1;
    }
}

bool hasMark(int base) {
    return base == Abreve || base == Acirc || base == Ecirc || base == Ocirc || base == Ohorn ||
           base == Uhorn;
}

// Which vowel of the word carries the tone, by the rules Vietnamese spelling uses: a vowel with a
// mark (ơ of ươ), else the last vowel before a final consonant, else of three vowels the middle
// one and of two the first ("mùa", "hòa"). "qu" and "gi" are consonants.
std::optional<size_t> toneVowel(const std::vector<Letter>& word) {
    std::vector<size_t> vowels;
    for (size_t i = 0; i < word.size(); ++i) {
        if (!word[i].vowel()) continue;
        const bool afterQ = i == 1 && (word[0].other == "q" || word[0].other == "Q") && word[i].base == U;
        const bool afterG = i == 1 && (word[0].other == "g" || word[0].other == "G") && word[i].base == I &&
                            i + 1 < word.size() && word[i + 1].vowel();
        if (!afterQ && !afterG) vowels.push_back(i);
    }
    if (vowels.empty()) return std::nullopt;
    std::optional<size_t> marked;
    for (size_t i : vowels)
        if (hasMark(word[i].base)) marked = i;
    if (marked) return marked;
    const bool finalConsonant = vowels.back() + 1 < word.size();
    if (finalConsonant || vowels.size() == 1) return vowels.back();
    if (vowels.size() >= 3) return vowels[1];
    return vowels[0];
}

// The marks a doubled or w key gives: (from, key) → to.
std::optional<int> markFor(int base, char key) {
    switch (key) {
        case 'a': return base == A ? std::optional(Acirc) : std::nullopt;
        case 'e': return base == E ? std::optional(Ecirc) : std::nullopt;
        case 'o': return base == O ? std::optional(Ocirc) : std::nullopt;
        case 'w':
            if (base == A) return Abreve;
            if (base == O) return Ohorn;
            if (base == U) return Uhorn;
            return std::nullopt;
        default: return std::nullopt;
    }
}

// The plain letter a marked vowel came from, when `key` typed again undoes its mark.
std::optional<int> unmarkFor(int base, char key) {
    if (key == 'a' && base == Acirc) return A;
    if (key == 'e' && base == Ecirc) return E;
    if (key == 'o' && base == Ocirc) return O;
    if (key == 'w' && base == Abreve) return A;
    if (key == 'w' && base == Ohorn) return O;
    if (key == 'w' && base == Uhorn) return U;
    return std::nullopt;
}

std::string join(std::string_view head, const std::vector<Letter>& word) {
    std::string out(head);
    for (const auto& letter : word)
        out += letter.text();
    return out;
}

}  // namespace

std::string typeTelex(std::string_view text, char typed) {
    const bool upperKey = std::isupper(static_cast<unsigned char>(typed)) != 0;
    const char key = static_cast<char>(std::tolower(static_cast<unsigned char>(typed)));
    // The word being typed: the letters after the last non-letter.
    std::vector<Letter> word;
    size_t wordStart = 0;
    for (size_t at = 0; at < text.size();) {
        const size_t length = std::min(utf8Length(static_cast<unsigned char>(text[at])), text.size() - at);
        Letter letter = read(text.substr(at, length));
        at += length;
        if (isLetter(letter)) {
            word.push_back(std::move(letter));
        } else {
            word.clear();
            wordStart = at;
        }
    }
    const std::string_view head = text.substr(0, wordStart);
    auto literal = [&] { return std::string(text) + typed; };
    if (word.empty()) return key == 'w' ? std::string(text) + (upperKey ? "Ư" : "ư") : literal();

    if (const int tone = toneFor(key); tone >= 0) {
        const auto at = toneVowel(word);
        if (!at) return literal();
        Letter& vowel = word[*at];
        if (vowel.tone == tone && tone != 0) {  // the same tone again: undo it, keep the key
            vowel.tone = 0;
            return join(head, word) + typed;
        }
        if (tone == 0 && vowel.tone == 0) return literal();
        vowel.tone = tone;
        return join(head, word);
    }
    if (key == 'd') {
        Letter& last = word.back();
        if (last.other == "d" || last.other == "D") {
            last.other = last.other == "d" ? "đ" : "Đ";
            return join(head, word);
        }
        if (last.other == "đ" || last.other == "Đ") {
            last.other = last.other == "đ" ? "d" : "D";
            return join(head, word) + typed;
        }
        return literal();
    }
    if (key == 'a' || key == 'e' || key == 'o' || key == 'w') {
        // The mark goes on the latest vowel it fits, across final consonants ("truongw" → "trương").
        bool inVowels = false;
        for (size_t i = word.size(); i-- > 0;) {
            if (!word[i].vowel()) {
                if (inVowels) break;  // past the vowels: the consonants before them take no mark
                continue;             // final consonants: "tan" + "a" is "tân"
            }
            inVowels = true;
            if (auto undone = unmarkFor(word[i].base, key)) {
                word[i].base = *undone;
                return join(head, word) + typed;
            }
            if (auto marked = markFor(word[i].base, key)) {
                word[i].base = *marked;
                if (key == 'w' && word[i].base == Ohorn && i > 0 && word[i - 1].base == U)
                    word[i - 1].base = Uhorn;
                return join(head, word);
            }
            if (key != 'w') break;  // aa/ee/oo double only the letter right before
        }
        if (key == 'w') {
            Letter horn{"", Uhorn, 0, upperKey};  // a lone w is ư
            word.push_back(horn);
            return join(head, word);
        }
    }
    return literal();
}

}  // namespace kiosk::setup
