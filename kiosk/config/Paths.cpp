#include "kiosk/config/Paths.h"

#include <cstdlib>
#include <vector>

namespace kiosk::config {

namespace fs = std::filesystem;

Result<fs::path> findAssetsDir(const std::optional<fs::path>& explicitDir, const fs::path& executable,
                               const fs::path& sourceTreeAssets) {
    auto looksLikeAssets = [](const fs::path& dir) {
        std::error_code ignored;
        return fs::is_regular_file(dir / "i18n" / "vi.toml", ignored);
    };
    if (explicitDir) {
        if (looksLikeAssets(*explicitDir)) return *explicitDir;
        return Error{"assets.missing", "--assets " + explicitDir->string() + " holds no i18n/vi.toml"};
    }
    std::vector<fs::path> candidates;
    if (const char* fromEnv = std::getenv("COMMUNE_KIOSK_ASSETS"); fromEnv && *fromEnv)
        candidates.emplace_back(fromEnv);
    if (!executable.empty())
        candidates.push_back(executable.parent_path().parent_path() / "share/commune-kiosk/assets");
    candidates.push_back(sourceTreeAssets);
    for (const fs::path& candidate : candidates) {
        if (looksLikeAssets(candidate)) return candidate;
    }
    std::string tried;
    for (const fs::path& candidate : candidates)
        tried += (tried.empty() ? "" : ", ") + candidate.string();
    return Error{"assets.missing",
                 "cannot find the kiosk's assets (tried " + tried + "); reinstall or pass --assets DIR"};
}

}  // namespace kiosk::config
