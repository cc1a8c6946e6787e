#include "devices/ScanReport.h"

#include "devices/decode/DecodePipeline.h"
#include "kiosk/scan/ScanPayload.h"

namespace devices {

ScanReport scanImageFile(const std::filesystem::path& file, const kiosk::scan::BankDirectory& banks,
                         bool revealPersonalData) {
    nlohmann::json json{{"file", file.string()},
                        {"found", false},
                        {"format", nullptr},
                        {"text", nullptr},
                        {"kind", nullptr},
                        {"valid", false},
                        {"fields", nlohmann::json::object()},
                        {"problems", nlohmann::json::array()},
                        {"ms", 0.0}};
    auto outcome = decodeFile(file);
    if (!outcome) {
        json["problems"].push_back(
            {{"code", outcome.error().code}, {"severity", "error"}, {"message", outcome.error().message}});
        return {std::move(json), false};
    }
    json["ms"] = outcome->ms;
    if (!outcome->found()) return {std::move(json), true};

    const kiosk::scan::ScanPayload payload = kiosk::scan::understandPayload(outcome->code->text, banks);
    json["found"] = true;
    json["format"] = outcome->code->format;
    json["text"] = kiosk::scan::payloadText(payload, revealPersonalData);
    json["kind"] = kiosk::scan::kindName(payload.kind);
    json["valid"] = payload.valid();
    json["fields"] = kiosk::scan::payloadFields(payload, revealPersonalData);
    json["problems"] = kiosk::scan::problemsJson(payload.problems);
    return {std::move(json), true};
}

}  // namespace devices
