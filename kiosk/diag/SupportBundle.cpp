#include "kiosk/diag/SupportBundle.h"

#include <fcntl.h>
#include <stdlib.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "kiosk/BoundedRegex.h"
#include "kiosk/Files.h"
#include "kiosk/TomlLimits.h"
#include "kiosk/diag/ProgramRun.h"

namespace kiosk::diag {

namespace fs = std::filesystem;

namespace {

// Config values a support person may see. Everything else is replaced: new secret keys are
// safe by default, and so is a misspelt `tokne = "..."`.
const std::map<std::string, std::set<std::string>>& harmlessKeys() {
    static const std::map<std::string, std::set<std::string>> kKeys = {
        {"kiosk", {"id", "commune_name", "commune_code", "opening_hours"}},
        {"citizen", {"language", "idle_seconds", "idle_countdown_seconds"}},
        {"storage", {"data_dir"}},
        {"desk", {"volunteer_idle_seconds", "priority_in_a_row", "normal_in_a_row", "recall_window"}},
        {"printer", {"device"}},
        {"speech", {"enabled", "volume"}},
        {"sync", {"server_url", "pinned_public_key"}},
        {"provisioning", {"public_key"}},
    };
    return kKeys;
}

bool isHarmless(const std::string& section, const std::string& key) {
    const auto found = harmlessKeys().find(section);
    return found != harmlessKeys().end() && found->second.contains(key);
}

std::string redactParsed(const toml::table& root) {
    toml::table out;
    for (const auto& [sectionKey, sectionNode] : root) {
        const std::string section(sectionKey.str());
        const toml::table* table = sectionNode.as_table();
        if (!table) {
            out.insert_or_assign(section, std::string(kRedacted));
            continue;
        }
        toml::table kept;
        for (const auto& [key, node] : *table) {
            const std::string name(key.str());
            if (!isHarmless(section, name) || !(node.is_string() || node.is_integer() || node.is_boolean())) {
                kept.insert_or_assign(name, std::string(kRedacted));
            } else if (section == "sync" && name == "server_url") {
                kept.insert_or_assign(name, urlWithoutSecrets(node.value_or(std::string())));
            } else {
                kept.insert_or_assign(name, node);
            }
        }
        out.insert_or_assign(section, std::move(kept));
    }
    std::ostringstream text;
    text << "# The kiosk's config for support: comments dropped, and every value not known to be\n"
            "# harmless replaced by \""
         << kRedacted << "\".\n\n"
         << toml::toml_formatter(out) << "\n";
    return text.str();
}

// The text before a comment, ignoring '#' inside "..." and '...' strings.
std::string withoutComment(const std::string& line) {
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote == '"' && c == '\\') {
            ++i;
        } else if (quote && c == quote) {
            quote = 0;
        } else if (!quote && (c == '"' || c == '\'')) {
            quote = c;
        } else if (!quote && c == '#') {
            return line.substr(0, i);
        }
    }
    return line;
}

std::string trimmed(std::string text) {
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return "";
    const auto end = text.find_last_not_of(" \t\r");
    return text.substr(begin, end - begin + 1);
}

std::string redactLineByLine(std::string_view configText) {
    static const std::regex kHeader(R"(\s*\[\s*([A-Za-z0-9_-]+)\s*\]\s*(#.*)?)");
    static const std::regex kSetting(R"(\s*([A-Za-z0-9_-]+)\s*=(.*))");
    std::string out =
        "# The kiosk's config for support. It is not valid TOML, so it is shown line by line:\n"
        "# comments dropped, values not known to be harmless replaced, other lines hidden.\n\n";
    std::istringstream lines{std::string(configText)};
    std::string section;
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
        ++number;
        std::smatch match;
        const std::string text = trimmed(line);
        if (text.empty() || text.front() == '#') continue;
        if (boundedRegexMatch(line, match, kHeader)) {
            section = match[1].str();
            out += "[" + section + "]\n";
        } else if (boundedRegexMatch(line, match, kSetting)) {
            const std::string key = match[1].str();
            const std::string value = trimmed(withoutComment(match[2].str()));
            const bool urlWithSecrets =
                key == "server_url" && value.find_first_of("@?#") != std::string::npos;
            if (isHarmless(section, key) && !urlWithSecrets && value.find("\"\"\"") == std::string::npos &&
                value.find("'''") == std::string::npos) {
                out += key + " = " + value + "\n";
            } else {
                out += key + " = \"" + std::string(kRedacted) + "\"\n";
            }
        } else {
            out += "# line " + std::to_string(number) + " hidden\n";
        }
    }
    return out;
}

// Removes a temporary folder and all in it when the bundle is done, whatever happened.
struct StagingFolder {
    fs::path path;
    ~StagingFolder() {
        std::error_code ignored;
        if (!path.empty()) fs::remove_all(path, ignored);
    }
};

Error bundleFailed(const fs::path& out, const std::string& why) {
    return Error{"diag.bundle_failed", "cannot write the support bundle " + out.string() + ": " + why};
}

}  // namespace

std::string redactConfig(std::string_view configText) {
    if (checkTomlLimits(configText)) return redactLineByLine(configText);
    try {
        return redactParsed(toml::parse(configText));
    } catch (const toml::parse_error&) {
        return redactLineByLine(configText);
    }
}

std::vector<SupportFile> supportFiles(const DoctorReport& report,
                                      const std::optional<std::string>& configText) {
    return {
        {"doctor.txt", formatText(report)},
        {"doctor.json", formatJson(report)},
        {"config.toml", configText ? redactConfig(*configText) : "# no config file: built-in defaults\n"},
        {"schema-version.txt",
         (report.schemaVersion ? std::to_string(*report.schemaVersion) : std::string("none")) + "\n"},
    };
}

Status writeSupportBundle(const fs::path& out, const std::vector<SupportFile>& files,
                          const std::vector<fs::path>& tarCandidates) {
    const auto tar = findProgram(tarCandidates);
    if (!tar) return bundleFailed(out, "tar is not installed (apt install tar)");

    std::error_code error;
    std::string pattern = (fs::temp_directory_path(error) / "commune-kiosk-support-XXXXXX").string();
    if (error || ::mkdtemp(pattern.data()) == nullptr)  // mkdtemp makes it 0700
        return bundleFailed(out, std::string("cannot make a temporary folder: ") + std::strerror(errno));
    StagingFolder staging{pattern};
    const fs::path folder = staging.path / kSupportFolder;
    fs::create_directory(folder, error);
    if (error) return bundleFailed(out, error.message());
    for (const SupportFile& file : files) {
        if (Status written = writeFileAtomically(folder / file.name, file.contents); !written)
            return bundleFailed(out, written.error().message);
    }

    const fs::path partial = out.string() + ".partial-" + std::to_string(::getpid());
    // --force-local: a file name with a ':' is a file here, not a remote tape drive.
    auto run = runProgram({tar->string(), "--create", "--gzip", "--force-local", "--file", partial.string(),
                           "--directory", staging.path.string(), "--owner=0", "--group=0", "--numeric-owner",
                           "--sort=name", std::string(kSupportFolder)},
                          std::chrono::seconds(60), 4096);
    if (!run || run->exitCode != 0) {
        fs::remove(partial, error);
        return bundleFailed(out, run ? "tar failed (exit status " + std::to_string(run->exitCode) +
                                           "); check that the folder exists and may be written"
                                     : run.error().message);
    }
    const int fd = ::open(partial.c_str(), O_RDONLY | O_CLOEXEC);
    const bool flushed = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!flushed || ::rename(partial.c_str(), out.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        fs::remove(partial, error);
        return bundleFailed(out, why);
    }
    const fs::path dir = out.has_parent_path() ? out.parent_path() : ".";
    if (const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return success();
}

}  // namespace kiosk::diag
