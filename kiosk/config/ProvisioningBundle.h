// A provisioning bundle: the settings a province sends one kiosk, as TOML, signed with the
// province's Ed25519 key (see ProvinceKey.h; the signature is the detached file BUNDLE.sig).
// Pure: parses and checks text, never touches a file. Applying it is Provisioning.h.
//
// Schema (every value is checked with the same rules as the kiosk config, with file:line):
//
//   bundle_version = 3              # required, whole number >= 1. Each new bundle for a kiosk
//                                   #   gets a higher one; a kiosk refuses lower ones.
//   kiosk_id = "xa-tan-lap-01"      # required -> [kiosk] id
//   commune_name = "Xã Tân Lập"     # required -> [kiosk] commune_name
//   commune_code = "09877"          # required, 5 digits -> [kiosk] commune_code
//
//   [sync]                          # optional; any of: server_url, token, pinned_public_key
//   [printer]                       # optional; device
//   [desk]                          # optional; volunteer_idle_seconds, priority_in_a_row,
//                                   #   normal_in_a_row, recall_window
//   [citizen]                       # optional; language, idle_seconds, idle_countdown_seconds
//
// A key the bundle does not name keeps the kiosk's current value. A bundle can never set
// [storage] (the box's own disk layout) or [provisioning] (which key the kiosk trusts).
// The bundle is signed, not encrypted: whoever holds the file can read the sync token, so carry
// it like a password.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/config/ConfigSetting.h"

namespace kiosk::config {

// Larger files are refused before anything else is done with them.
inline constexpr std::size_t kMaxBundleBytes = 64 * 1024;

struct ProvisioningBundle {
    int64_t version = 0;
    std::string kioskId;
    std::string communeName;
    std::string communeCode;
    // Every value the bundle sets, named as in the config file ([kiosk] id, ... first).
    std::vector<ConfigSetting> settings;
};

// Errors (each message starts with "sourceName:line: " where a line is known):
// provisioning.syntax (not TOML), provisioning.bad_bundle (missing or unknown key, a value the
// config rules refuse), provisioning.too_large.
Result<ProvisioningBundle> parseBundle(std::string_view text, std::string_view sourceName);

}  // namespace kiosk::config
