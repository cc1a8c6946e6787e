// Reads one walkthrough file: the TOML text, the walkthrough's own keys, its [[sources]], its
// [[steps]] (each read by StepReader), and then the flow as a whole: every step reachable from
// the first, every step with a way to an end. Collects every problem instead of stopping at the
// first, so an author fixes a file in one round. Internal to the content loader: call
// parseWalkthrough (ContentLoader.h).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include <toml++/toml.h>

#include "kiosk/content/ContentLoader.h"
#include "kiosk/content/TomlFieldReader.h"
#include "kiosk/content/Walkthrough.h"

namespace kiosk::content {

class WalkthroughReader {
public:
    WalkthroughReader(std::string fileName, std::filesystem::path imagesDir)
        : fileName_(fileName), fields_(std::move(fileName)), imagesDir_(std::move(imagesDir)) {}

    // Once per reader.
    ParsedWalkthrough read(std::string_view tomlText);

private:
    void readWalkthrough(const toml::table& root);
    void readSources(const toml::node& node);
    void collectStepIds(const toml::array& steps);
    void checkFlow();

    std::string fileName_;
    TomlFieldReader fields_;
    std::filesystem::path imagesDir_;
    Walkthrough walkthrough_;
    int idLine_ = 0;
    std::map<std::string, int> stepLines_;  // step id → line that declares it
    bool idsComplete_ = true;
};

}  // namespace kiosk::content
