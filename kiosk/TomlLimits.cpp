#include "kiosk/TomlLimits.h"

#include <vector>

namespace kiosk {

namespace {

// Walks the text once, skipping strings and comments the way TOML defines them, and keeps the
// depth of the container the next key lands in.
class DepthScanner {
public:
    DepthScanner(std::string_view text, int maxDepth) : text_(text), maxDepth_(maxDepth) {}

    std::optional<TomlLimitProblem> scan() {
        bool atLineStart = true;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '\n') {
                ++line_;
                ++pos_;
                atLineStart = true;
                keyDots_ = 0;
                valueDepth_ = -1;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r') {
                ++pos_;
                continue;
            }
            const bool lineStart = atLineStart;
            atLineStart = false;
            switch (c) {
                case '#': skipToEndOfLine(); break;
                case '"':
                case '\'': skipString(); break;
                case '[':
                    if (lineStart && open_.empty()) {
                        if (!readHeader()) return tooDeep();
                    } else if (!openContainer(1)) {
                        return tooDeep();
                    }
                    break;
                case '{':
                    if (!openContainer(0)) return tooDeep();
                    break;
                case ']':
                case '}':
                    if (!open_.empty()) {
                        current_ = open_.back();
                        open_.pop_back();
                    }
                    keyDots_ = 0;
                    valueDepth_ = -1;
                    ++pos_;
                    break;
                case '.':
                    ++keyDots_;
                    if (current_ + keyDots_ + 1 > maxDepth_) return tooDeep();
                    ++pos_;
                    break;
                case '=':
                    valueDepth_ = current_ + keyDots_ + 1;
                    if (valueDepth_ > maxDepth_) return tooDeep();
                    keyDots_ = 0;
                    ++pos_;
                    break;
                case ',':
                    keyDots_ = 0;
                    valueDepth_ = -1;
                    ++pos_;
                    break;
                default: ++pos_; break;
            }
        }
        return std::nullopt;
    }

private:
    TomlLimitProblem tooDeep() const {
        return {"too_deep", line_,
                "nested more than " + std::to_string(maxDepth_) +
                    " levels deep (tables, dotted keys, arrays); flatten the file"};
    }

    // An array or inline table value sits at the depth of the key it is assigned to, or one below
    // the array it is an element of. An array's elements are one deeper (`contentLevels`); an
    // inline table's keys are counted when they come.
    bool openContainer(int contentLevels) {
        const int depth = valueDepth_ >= 0 ? valueDepth_ : current_ + 1;
        if (depth + contentLevels > maxDepth_) return false;
        open_.push_back(current_);
        current_ = depth;
        keyDots_ = 0;
        valueDepth_ = -1;
        ++pos_;
        return true;
    }

    // "[a.b.c]" or "[[a.b]]": every later key of the table sits below the header's path.
    bool readHeader() {
        ++pos_;
        int depth = 1;
        if (pos_ < text_.size() && text_[pos_] == '[') {
            ++depth;  // an array of tables adds the array itself
            ++pos_;
        }
        while (pos_ < text_.size() && text_[pos_] != ']' && text_[pos_] != '\n') {
            const char c = text_[pos_];
            if (c == '"' || c == '\'') {
                skipString();
                continue;
            }
            if (c == '.' && ++depth > maxDepth_) return false;
            ++pos_;
        }
        while (pos_ < text_.size() && text_[pos_] == ']')
            ++pos_;
        current_ = depth;
        keyDots_ = 0;
        valueDepth_ = -1;
        return depth <= maxDepth_;
    }

    void skipToEndOfLine() {
        while (pos_ < text_.size() && text_[pos_] != '\n')
            ++pos_;
    }

    // Basic strings ("…", with backslash escapes) and literal strings ('…'), single-line or
    // multi-line (""" / '''). A single-line string ends at the line's end even if unterminated,
    // so a stray quote cannot hide the rest of the file from the count.
    void skipString() {
        const char quote = text_[pos_];
        const bool basic = quote == '"';
        const bool multiLine = text_.substr(pos_, 3) == std::string_view(basic ? "\"\"\"" : "'''");
        pos_ += multiLine ? 3 : 1;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (basic && c == '\\') {
                if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++line_;
                pos_ += 2;
                continue;
            }
            if (c == '\n') {
                if (!multiLine) return;
                ++line_;
            }
            if (c == quote) {
                if (!multiLine) {
                    ++pos_;
                    return;
                }
                size_t run = 0;
                while (pos_ + run < text_.size() && text_[pos_ + run] == quote)
                    ++run;
                pos_ += run;
                // Up to two quotes may stand right before the closing three.
                if (run >= 3) return;
                continue;
            }
            ++pos_;
        }
    }

    std::string_view text_;
    int maxDepth_;
    size_t pos_ = 0;
    int line_ = 1;
    int current_ = 0;        // depth of the table or container the next key lands in
    int keyDots_ = 0;        // dots so far in the key being read
    int valueDepth_ = -1;    // depth of the value after "key =", until it is consumed
    std::vector<int> open_;  // `current_` outside each open array or inline table
};

}  // namespace

std::optional<TomlLimitProblem> checkTomlLimits(std::string_view text, const TomlLimits& limits) {
    if (text.size() > limits.maxBytes) {
        return TomlLimitProblem{"too_large", 1,
                                "the file is " + std::to_string(text.size()) + " bytes; at most " +
                                    std::to_string(limits.maxBytes) + " are read"};
    }
    return DepthScanner(text, limits.maxDepth).scan();
}

std::optional<Error> tomlLimitError(std::string_view text, std::string_view sourceName,
                                    std::string_view code) {
    const auto problem = checkTomlLimits(text);
    if (!problem) return std::nullopt;
    return Error{std::string(code),
                 std::string(sourceName) + ":" + std::to_string(problem->line) + ": " + problem->message};
}

}  // namespace kiosk
