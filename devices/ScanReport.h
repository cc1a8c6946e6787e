// One image through the camera's decode pipeline and the payload explained: what
// `commune-kiosk scan FILE...` prints, one JSON object per file (DESIGN.md contract):
//   {"file","found","format","text","kind","valid","fields":{...},"problems":[...],"ms"}
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>

#include "kiosk/scan/BankDirectory.h"

namespace devices {

struct ScanReport {
    nlohmann::json json;
    bool readable = true;  // false: the file could not be read (the command then exits 2)
};

// CCCD fields and text stay masked unless `revealPersonalData`.
ScanReport scanImageFile(const std::filesystem::path& file, const kiosk::scan::BankDirectory& banks,
                         bool revealPersonalData);

}  // namespace devices
