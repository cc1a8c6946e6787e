#include "devices/ScanReport.h"

#include <fstream>
#include <optional>
#include <string>

#include "devices/decode/DecodePipeline.h"
#include "kiosk/scan/ImageHeader.h"
#include "kiosk/scan/ScanPayload.h"

namespace devices {
namespace {

// A picture whose header claims more than kMaxScanPixels is refused before it is decoded: the
// decoder would take a minute and gigabytes for it. Only regular files are opened here (a FIFO
// would block the open); decodeFile refuses the rest.
std::optional<kiosk::Error> tooLargeToDecode(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    const auto size = kiosk::scan::imageSizeFromHeader(in);
    if (!size || size->pixels() <= kiosk::scan::kMaxScanPixels) return std::nullopt;
    return kiosk::Error{"scan.image_too_large",
                        "The picture " + file.string() + " is " + std::to_string(size->width) + "x" +
                            std::to_string(size->height) +
                            " pixels, more than the 40 megapixels a scan reads. Use a smaller picture of the "
                            "code."};
}

}  // namespace

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
    if (auto refused = tooLargeToDecode(file)) {
        json["problems"].push_back(
            {{"code", refused->code}, {"severity", "error"}, {"message", refused->message}});
        return {std::move(json), false};
    }
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
