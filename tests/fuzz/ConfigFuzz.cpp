// libFuzzer target for the kiosk config (parseConfig) and the careful editor that provisioning
// and the setup wizard use on it (setInConfigText). It checks that a refused config names its
// file, that an accepted one holds only values in the documented ranges, and that setting the
// kiosk id in an accepted config changes that value and nothing else.
#include <cstddef>
#include <cstdint>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "FuzzSupport.h"
#include "kiosk/config/ConfigSetting.h"
#include "kiosk/config/KioskConfig.h"

namespace {

using namespace kiosk::config;

void expectDocumentedRanges(const KioskConfig& config) {
    static const std::regex kId("[A-Za-z0-9_-]{1,32}");
    FUZZ_EXPECT(std::regex_match(config.kioskId, kId));
    FUZZ_EXPECT(!config.communeName.empty() && config.communeName.size() <= 120);
    FUZZ_EXPECT(config.communeCode.empty() || config.communeCode.size() == 5);
    FUZZ_EXPECT(config.idleSeconds >= 15 && config.idleSeconds <= 3600);
    FUZZ_EXPECT(config.idleCountdownSeconds >= 20 && config.idleCountdownSeconds <= 300);
    FUZZ_EXPECT(config.desk.volunteerIdleSeconds >= 30 && config.desk.volunteerIdleSeconds <= 3600);
    FUZZ_EXPECT(config.desk.priorityInARow >= 1 && config.desk.priorityInARow <= 10);
    FUZZ_EXPECT(config.desk.normalInARow >= 1 && config.desk.normalInARow <= 10);
    FUZZ_EXPECT(config.desk.recallWindow >= 0 && config.desk.recallWindow <= 50);
    FUZZ_EXPECT(config.sync.serverUrl.empty() || config.sync.serverUrl.starts_with("https://"));
    if (config.dataDir) FUZZ_EXPECT(config.dataDir->is_absolute());
}

bool sameExceptId(const KioskConfig& a, const KioskConfig& b) {
    return a.communeName == b.communeName && a.communeCode == b.communeCode && a.language == b.language &&
           a.idleSeconds == b.idleSeconds && a.idleCountdownSeconds == b.idleCountdownSeconds &&
           a.dataDir == b.dataDir && a.desk.volunteerIdleSeconds == b.desk.volunteerIdleSeconds &&
           a.desk.priorityInARow == b.desk.priorityInARow && a.desk.normalInARow == b.desk.normalInARow &&
           a.desk.recallWindow == b.desk.recallWindow && a.printer == b.printer &&
           a.sync.serverUrl == b.sync.serverUrl && a.sync.token == b.sync.token &&
           a.sync.pinnedPublicKey == b.sync.pinnedPublicKey &&
           a.provisioningPublicKey == b.provisioningPublicKey;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto config = parseConfig(text, "fuzz.toml");
    if (!config) {
        FUZZ_EXPECT(config.error().code.starts_with("config."));
        FUZZ_EXPECT(config.error().message.starts_with("fuzz.toml"));
        return 0;
    }
    expectDocumentedRanges(*config);

    const std::vector<ConfigSetting> settings = {{"kiosk", "id", std::string("fuzz-kiosk")}};
    const auto edited = setInConfigText(text, "fuzz.toml", settings);
    FUZZ_EXPECT(edited.ok());
    const auto reread = parseConfig(*edited, "fuzz.toml");
    FUZZ_EXPECT(reread.ok());
    FUZZ_EXPECT(reread->kioskId == "fuzz-kiosk");
    FUZZ_EXPECT(sameExceptId(*config, *reread));
    return 0;
}
