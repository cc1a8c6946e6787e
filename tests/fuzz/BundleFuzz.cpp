// libFuzzer target for the provisioning bundle (parseBundle). It checks that a refused bundle
// names its file, and that an accepted one never touches [storage] or [provisioning] and, applied
// to an empty config file the way provisioning applies it, gives a config the kiosk accepts with
// the bundle's identity.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "FuzzSupport.h"
#include "kiosk/config/ConfigSetting.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/config/ProvisioningBundle.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kiosk::config;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto bundle = parseBundle(text, "bundle.toml");
    if (!bundle) {
        FUZZ_EXPECT(bundle.error().code.starts_with("provisioning."));
        FUZZ_EXPECT(bundle.error().message.starts_with("bundle.toml"));
        return 0;
    }
    FUZZ_EXPECT(text.size() <= kMaxBundleBytes);
    FUZZ_EXPECT(bundle->version >= 1);
    FUZZ_EXPECT(bundle->communeCode.size() == 5);
    FUZZ_EXPECT(!bundle->kioskId.empty() && !bundle->communeName.empty());
    for (const ConfigSetting& setting : bundle->settings) {
        FUZZ_EXPECT(setting.section != "storage" && setting.section != "provisioning");
    }

    const auto applied = setInConfigText("", "kiosk.toml", bundle->settings);
    FUZZ_EXPECT(applied.ok());
    const auto config = parseConfig(*applied, "kiosk.toml");
    FUZZ_EXPECT(config.ok());
    FUZZ_EXPECT(config->kioskId == bundle->kioskId);
    FUZZ_EXPECT(config->communeName == bundle->communeName);
    FUZZ_EXPECT(config->communeCode == bundle->communeCode);
    return 0;
}
