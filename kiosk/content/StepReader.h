// Reads one [[steps]] table of a walkthrough file: its texts, sources, illustration (image or
// drawn phone screen), action and how it moves on (choices, next, end). Problems go to the file's
// TomlFieldReader. Whether the steps together form a sound flow is judged afterwards, over the
// whole walkthrough (WalkthroughReader). Internal to the content loader.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "kiosk/content/TomlFieldReader.h"
#include "kiosk/content/Walkthrough.h"

namespace kiosk::content {

class StepReader {
public:
    // `stepLines`: every step id of the file with the line that declares it, so a step may name
    // a later one. `sourceIds`: the ids under [[sources]]. Images are looked up under
    // `imagesDir` unless it is empty. All three must outlive the reader.
    StepReader(TomlFieldReader& fields, const std::filesystem::path& imagesDir,
               const std::map<std::string, int>& stepLines,
               const std::set<std::string, std::less<>>& sourceIds)
        : fields_(fields), imagesDir_(imagesDir), stepLines_(stepLines), sourceIds_(sourceIds) {}

    // `index` (0-based) names the step in problems when it has no usable id.
    Step readStep(const toml::table& table, size_t index);

    // False once a move went to an unknown step or was not a step id: the flow is then not judged,
    // since every step before the broken move would look like a dead end.
    bool referencesComplete() const { return referencesComplete_; }

private:
    std::vector<std::string> readStepSources(const toml::table& table, const std::string& where, int line);
    void checkReference(const toml::node& node, const std::string& what, const std::string& fromStep);
    void checkBodyLength(const toml::node& bodyNode, const Text& body, const std::string& where);
    std::optional<std::string> readImage(const toml::node& node, const std::string& where);
    std::optional<PhoneMockup> readPhone(const toml::node& node, const std::string& step);
    std::vector<Choice> readChoices(const toml::node& node, const std::string& where,
                                    const std::string& stepId);

    TomlFieldReader& fields_;
    const std::filesystem::path& imagesDir_;
    const std::map<std::string, int>& stepLines_;
    const std::set<std::string, std::less<>>& sourceIds_;
    bool referencesComplete_ = true;
};

}  // namespace kiosk::content
