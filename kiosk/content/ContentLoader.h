// Reads walkthroughs from TOML (one file per walkthrough in assets/content/) and checks them.
// Reads files; never writes. A broken file is refused whole, with every problem found in it,
// while the other files still load: the kiosk starts with the good walkthroughs, and
// `commune-kiosk content check DIR` prints the same problems (exit status 2 when any).
//
// The schema, by example (every text is a { vi, en } table and both are required):
//
//   id = "vneid-level1"                 # lowercase letters, digits, '-'; unique across files
//   skill = "public_services"           # public_services | online_shopping | online_payment
//                                       # | self_protection | local_platforms
//   scam_warning = true                 # required: show kScamWarning on every step
//   title = { vi = "…", en = "…" }
//   summary = { vi = "…", en = "…" }
//
//   [[sources]]                         # the official guidance the steps follow (at least one)
//   id = "vneid-portal"                 # a-z, 0-9, '-'; unique in the file
//   ref = "https://vneid.gov.vn"        # official URL, or a document: "Nghị định 69/2024/NĐ-CP"
//   checked = 2026-12-03                # the day someone checked the steps against it
//
//   [[steps]]                           # in order; the first step is where it starts;
//                                       # at most kMaxSteps (200)
//   id = "nfc"
//   title = { vi = "…", en = "…" }
//   body = { vi = "…", en = "…" }       # at most 3 sentences in each language
//   checklist = [ { vi = "…", en = "…" } ]            # optional
//   warnings = [ { vi = "…", en = "…" } ]             # optional, besides the scam warning
//   sources = [ "vneid-portal" ]        # required: ids under [[sources]] this step rests on
//   image = "vneid/card-on-phone.png"   # optional PNG under the images folder, or:
//   [steps.phone]                       # optional drawn phone screen (not both)
//   title = { vi = "…", en = "…" }
//   elements = [ { kind = "field", label = { vi = "…", en = "…" } },
//                { kind = "button", label = { vi = "…", en = "…" }, tap = true } ]  # ≤ 1 tap
//   choices = [ { id = "yes", label = { vi = "Có", en = "Yes" }, next = "scan-nfc" },
//               { id = "no", label = { vi = "Không", en = "No" }, next = "scan-qr" } ]
//                                       # a choice may add help = "urgent": it also calls a
//                                       # volunteer at once ("Yes, I need help now")
//   action = "show_practice_qr"         # optional: show_practice_qr | open_scanner
//   next = "face"                       # optional jump (not with choices)
//   end = true                          # optional: finish here (not with choices or next)
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/content/ContentProblem.h"
#include "kiosk/content/ContentText.h"
#include "kiosk/content/Walkthrough.h"

namespace kiosk::content {

// The most steps one walkthrough may have (content.too_many_steps). The longest shipped one has 21;
// a citizen at a kiosk does not follow hundreds of screens, and a task that needs more should be
// split. The cap also bounds what one file can cost at start-up, before the first frame: a
// 3,000-step file once held the kiosk's first frame back for 16 s (issue 16).
inline constexpr size_t kMaxSteps = 200;

struct ParsedWalkthrough {
    std::optional<Walkthrough> walkthrough;  // set only when `problems` is empty
    std::vector<ContentProblem> problems;    // in line order
    std::string id;                          // the id the file declares, even when broken
    int idLine = 0;
};

// Parses and checks one walkthrough. `fileName` is used in problems and Walkthrough::file.
// Images are looked up under `imagesDir`; an empty `imagesDir` skips only that existence
// check (for fuzzing and tests of everything else).
ParsedWalkthrough parseWalkthrough(std::string_view tomlText, const std::string& fileName,
                                   const std::filesystem::path& imagesDir);

struct ContentLibrary {
    std::vector<Walkthrough> walkthroughs;  // the good ones, ordered by file name
    std::vector<ContentProblem> problems;   // every problem of every file, by file then line
};

// Loads every *.toml directly inside `contentDir`. A walkthrough whose id another file already
// declared is refused too (the first file by name keeps it).
ContentLibrary loadContentDir(const std::filesystem::path& contentDir,
                              const std::filesystem::path& imagesDir);

// The problems loadContentDir would report, for `content check`.
std::vector<ContentProblem> checkContentDir(const std::filesystem::path& contentDir,
                                            const std::filesystem::path& imagesDir);

// Warnings (not problems: the content still loads) for every source checked more than 12 months
// before `asOf`, so the province knows what to re-check. code "content.stale_source".
std::vector<ContentProblem> staleSources(const ContentLibrary& library, std::chrono::year_month_day asOf);

// "2026-12-03" → that day; nullopt for anything else (the `--as-of` option of `content check`).
std::optional<std::chrono::year_month_day> parseIsoDate(std::string_view text);

// Where images live when no folder is given: the "images" folder beside the content folder
// (assets/content → assets/images).
std::filesystem::path defaultImagesDir(const std::filesystem::path& contentDir);

}  // namespace kiosk::content
