#include "kiosk/content/ContentLoader.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <system_error>
#include <utility>

#include "kiosk/Files.h"
#include "kiosk/TomlLimits.h"
#include "kiosk/content/TomlFieldReader.h"
#include "kiosk/content/WalkthroughReader.h"

namespace kiosk::content {

namespace fs = std::filesystem;

ParsedWalkthrough parseWalkthrough(std::string_view tomlText, const std::string& fileName,
                                   const fs::path& imagesDir) {
    ParsedWalkthrough parsed = WalkthroughReader(fileName, imagesDir).read(tomlText);
    if (parsed.walkthrough) parsed.walkthrough->file = fileName;
    return parsed;
}

ContentLibrary loadContentDir(const fs::path& contentDir, const fs::path& imagesDir) {
    ContentLibrary library;
    std::error_code error;
    if (!fs::is_directory(contentDir, error)) {
        library.problems.push_back(ContentProblem{contentDir.string(), 0, "content.no_folder",
                                                  "content folder not found or not readable"});
        return library;
    }
    std::vector<fs::path> files;
    for (fs::directory_iterator it(contentDir, error), end; !error && it != end; it.increment(error)) {
        std::error_code typeError;  // a dangling link or a vanished file: skip it, keep listing
        if (it->path().extension() == ".toml" && it->is_regular_file(typeError)) files.push_back(it->path());
    }
    if (error) {
        library.problems.push_back(ContentProblem{contentDir.string(), 0, "content.no_folder",
                                                  "cannot list the content folder: " + error.message()});
    }
    std::sort(files.begin(), files.end());

    std::map<std::string, std::string> idOwners;  // walkthrough id → file that declared it first
    for (const fs::path& path : files) {
        const std::string fileName = path.filename().string();
        Result<std::string> text = readTextFile(path, kMaxTomlBytes);
        if (!text) {
            library.problems.push_back(
                ContentProblem{fileName, 0, "content.unreadable", text.error().message});
            continue;
        }
        ParsedWalkthrough parsed = parseWalkthrough(*text, fileName, imagesDir);
        if (!parsed.id.empty()) {
            const auto [owner, isNew] = idOwners.emplace(parsed.id, fileName);
            if (!isNew) {
                parsed.problems.push_back(ContentProblem{
                    fileName, parsed.idLine, "content.duplicate_id",
                    "walkthrough id " + inQuotes(parsed.id) + " is already used by " + owner->second});
                parsed.walkthrough.reset();
            }
        }
        if (parsed.walkthrough) library.walkthroughs.push_back(std::move(*parsed.walkthrough));
        library.problems.insert(library.problems.end(), parsed.problems.begin(), parsed.problems.end());
    }
    return library;
}

std::vector<ContentProblem> checkContentDir(const fs::path& contentDir, const fs::path& imagesDir) {
    return loadContentDir(contentDir, imagesDir).problems;
}

std::vector<ContentProblem> staleSources(const ContentLibrary& library, std::chrono::year_month_day asOf) {
    std::vector<ContentProblem> warnings;
    const auto iso = [](std::chrono::year_month_day day) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(day.year()),
                      static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
        return std::string(buffer);
    };
    for (const Walkthrough& walkthrough : library.walkthroughs) {
        for (const Source& source : walkthrough.sources) {
            if (!isStale(source.checked, asOf)) continue;
            warnings.push_back(ContentProblem{walkthrough.file, source.sourceLine, "content.stale_source",
                                              "source " + inQuotes(source.id) + " (" + source.reference +
                                                  ") was last checked on " + iso(source.checked) +
                                                  ", more than 12 months before " + iso(asOf) +
                                                  ": check the steps against it again, then update checked"});
        }
    }
    return warnings;
}

std::optional<std::chrono::year_month_day> parseIsoDate(std::string_view text) {
    const auto digits = [&](size_t from, size_t count) -> std::optional<int> {
        int value = 0;
        for (size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
    if (!year || !month || !day) return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year{*year},
                                           std::chrono::month{static_cast<unsigned>(*month)},
                                           std::chrono::day{static_cast<unsigned>(*day)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

fs::path defaultImagesDir(const fs::path& contentDir) {
    fs::path dir = contentDir.lexically_normal();
    if (!dir.has_filename()) dir = dir.parent_path();  // "assets/content/" → "assets/content"
    return dir.parent_path() / "images";
}

}  // namespace kiosk::content
