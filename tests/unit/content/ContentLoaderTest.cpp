// The walkthrough loader against small synthetic files in tests/data/content/: one broken file
// per kind of mistake, each with the exact "file:line: message" an author would see.
#include "kiosk/content/ContentLoader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kiosk/Files.h"

namespace kiosk::content {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(KIOSK_TEST_DATA_DIR) / "content";
const fs::path kImages = kData / "images";

std::vector<std::string> formatted(const std::vector<ContentProblem>& problems) {
    std::vector<std::string> lines;
    for (const ContentProblem& problem : problems)
        lines.push_back(formatProblem(problem));
    return lines;
}

ParsedWalkthrough parseDataFile(const fs::path& path) {
    Result<std::string> text = readTextFile(path);
    EXPECT_TRUE(text.ok()) << path;
    return parseWalkthrough(text.ok() ? *text : std::string(), path.filename().string(), kImages);
}

struct BrokenCase {
    std::string file;
    std::vector<std::string> expected;  // every problem, formatted, in line order
};

void PrintTo(const BrokenCase& brokenCase, std::ostream* out) {
    *out << brokenCase.file;
}

class BrokenFileTest : public testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenFileTest, ReportsEachProblemAtItsLine) {
    const BrokenCase& brokenCase = GetParam();
    const ParsedWalkthrough parsed = parseDataFile(kData / "broken" / brokenCase.file);
    EXPECT_EQ(formatted(parsed.problems), brokenCase.expected);
    EXPECT_FALSE(parsed.walkthrough.has_value()) << "a broken file must be refused whole";
}

const std::string kStepKeys =
    "id, title, body, checklist, image, phone, choices, warnings, sources, action, next, end";

INSTANTIATE_TEST_SUITE_P(
    Content, BrokenFileTest,
    testing::Values(
        BrokenCase{
            "unknown-key.toml",
            {"unknown-key.toml:13: unknown key \"colour\" in step \"first\" (allowed: " + kStepKeys + ")"}},
        BrokenCase{"missing-en.toml", {"missing-en.toml:12: step \"first\" body has no English text (en)"}},
        BrokenCase{"dangling-ref.toml",
                   {"dangling-ref.toml:14: step \"nfc\" choice \"yes\" goes to unknown step \"scan-chip\""}},
        BrokenCase{
            "unreachable.toml",
            {"unreachable.toml:15: step \"orphan\" cannot be reached from the first step (no next, choice "
             "or step before it leads here)"}},
        BrokenCase{"missing-image.toml",
                   {"missing-image.toml:13: step \"first\" image \"cards/nowhere.png\" not found at " +
                    (kImages / "cards/nowhere.png").string()}},
        BrokenCase{"not-png.toml",
                   {"not-png.toml:13: step \"first\" image " + (kImages / "not-really.png").string() +
                    " is not a PNG file"}},
        BrokenCase{
            "image-escapes.toml",
            {"image-escapes.toml:13: step \"first\" image \"../broken/secret.png\" must be a .png path "
             "inside the images folder"}},
        BrokenCase{"bad-action.toml",
                   {"bad-action.toml:13: step \"practice\" action \"pay_now\" is not known (known: "
                    "show_practice_qr, open_scanner)"}},
        BrokenCase{
            "body-too-long.toml",
            {"body-too-long.toml:12: step \"first\" body (vi) has 4 sentences; keep it to 3 (one idea per "
             "screen)"}},
        BrokenCase{"duplicate-step.toml",
                   {"duplicate-step.toml:16: step id \"first\" is used twice (first at line 10)"}},
        BrokenCase{
            "endless-loop.toml",
            {"endless-loop.toml:8: step \"first\" never reaches an end: every way from it loops back",
             "endless-loop.toml:14: step \"second\" never reaches an end: every way from it loops back"}},
        BrokenCase{"next-to-self.toml",
                   {"next-to-self.toml:8: step \"first\" never reaches an end: every way from it loops back",
                    "next-to-self.toml:13: step \"first\" next goes to the same step again"}},
        BrokenCase{
            "no-scam-flag.toml",
            {"no-scam-flag.toml:1: walkthrough has no scam_warning: write scam_warning = true for VNeID "
             "and payment walkthroughs, false otherwise"}},
        BrokenCase{
            "undrawable.toml",
            {"undrawable.toml:12: step \"first\" body (vi) has the character U+2605 that the kiosk font "
             "cannot show; write Vietnamese letters precomposed (NFC) and use only common punctuation"}},
        BrokenCase{
            "decomposed.toml",
            {"decomposed.toml:11: step \"first\" title (vi) has the character U+0302 that the kiosk font "
             "cannot show; write Vietnamese letters precomposed (NFC) and use only common punctuation"}},
        BrokenCase{"phone-two-taps.toml",
                   {"phone-two-taps.toml:18: step \"first\" phone marks more than one element to tap"}},
        BrokenCase{
            "phone-bad-kind.toml",
            {"phone-bad-kind.toml:17: step \"first\" phone element 1 kind \"slider\" is not one of button, "
             "field, text"}},
        BrokenCase{
            "image-and-phone.toml",
            {"image-and-phone.toml:15: step \"first\" has both an image and a phone mock-up; keep one"}},
        BrokenCase{"choices-and-next.toml",
                   {"choices-and-next.toml:13: step \"question\" moves by its choices; remove next and end"}},
        BrokenCase{"bad-skill.toml",
                   {"bad-skill.toml:3: skill \"gardening\" is not one of the five skills (public_services, "
                    "online_shopping, online_payment, self_protection, local_platforms)"}},
        BrokenCase{
            "text-not-table.toml",
            {"text-not-table.toml:5: walkthrough title must have both languages, like { vi = \"...\", en "
             "= \"...\" }"}},
        BrokenCase{"no-steps.toml", {"no-steps.toml:7: walkthrough has no steps"}}),
    [](const testing::TestParamInfo<BrokenCase>& param) {
        std::string name = fs::path(param.param.file).stem().string();
        for (char& c : name) {
            if (c == '-') c = '_';
        }
        return name;
    });

TEST(ContentLoader, MalformedTomlIsReportedAtTheParserLine) {
    const ParsedWalkthrough parsed = parseDataFile(kData / "broken" / "malformed.toml");
    ASSERT_EQ(parsed.problems.size(), 1u);
    EXPECT_EQ(parsed.problems[0].code, "content.malformed_toml");
    EXPECT_EQ(parsed.problems[0].line, 10);  // the inline table left open on line 10
    EXPECT_TRUE(formatProblem(parsed.problems[0]).starts_with("malformed.toml:10: not valid TOML: "))
        << formatProblem(parsed.problems[0]);
}

TEST(ContentLoader, ReadsEveryPartOfTheSchema) {
    const ParsedWalkthrough parsed = parseDataFile(kData / "valid" / "full.toml");
    ASSERT_TRUE(parsed.problems.empty()) << formatProblems(parsed.problems);
    ASSERT_TRUE(parsed.walkthrough.has_value());
    const Walkthrough& w = *parsed.walkthrough;

    EXPECT_EQ(w.id, "full");
    EXPECT_EQ(w.file, "full.toml");
    EXPECT_EQ(w.skill, Skill::OnlinePayment);
    EXPECT_TRUE(w.scamWarning);
    EXPECT_EQ(w.title, (Text{"Đủ mọi phần", "Every part"}));
    EXPECT_EQ(w.summary.en, "A sample file for tests.");
    ASSERT_EQ(w.steps.size(), 6u);

    const Step& prepare = w.steps[0];
    EXPECT_EQ(prepare.sourceLine, 8);
    EXPECT_EQ(prepare.checklist.size(), 2u);
    EXPECT_EQ(prepare.checklist[1].vi, "SIM đứng tên bạn");
    EXPECT_EQ(prepare.image, "ok.png");
    EXPECT_FALSE(prepare.phone.has_value());

    const Step& nfc = w.steps[1];
    ASSERT_EQ(nfc.choices.size(), 2u);
    EXPECT_EQ(nfc.choices[0].id, "yes");
    EXPECT_EQ(nfc.choices[0].label.vi, "Có");
    EXPECT_EQ(nfc.choices[0].next, "scan-chip");
    EXPECT_EQ(nfc.choices[1].next, "scan-qr");
    ASSERT_EQ(nfc.warnings.size(), 1u);
    EXPECT_EQ(nfc.warnings[0].en, "Only use the real app.");

    const Step& chip = *w.findStep("scan-chip");
    EXPECT_EQ(chip.next, "practice");
    ASSERT_TRUE(chip.phone.has_value());
    EXPECT_EQ(chip.phone->title.vi, "VNeID");
    ASSERT_EQ(chip.phone->elements.size(), 3u);
    EXPECT_EQ(chip.phone->elements[0].kind, PhoneElementKind::Text);
    EXPECT_EQ(chip.phone->elements[1].kind, PhoneElementKind::Field);
    EXPECT_EQ(chip.phone->elements[2].kind, PhoneElementKind::Button);
    EXPECT_EQ(chip.phone->elements[2].label.en, "Start scanning");
    EXPECT_EQ(chip.phone->tapIndex(), 2u);

    EXPECT_EQ(w.findStep("practice")->action, StepAction::ShowPracticeQr);
    EXPECT_EQ(w.findStep("check")->action, StepAction::OpenScanner);
    EXPECT_TRUE(w.findStep("check")->end);
    EXPECT_EQ(w.findStep("scan-qr")->action, StepAction::None);
    EXPECT_EQ(w.findStep("missing"), nullptr);
}

TEST(ContentLoader, ImagesAreNotLookedUpWithoutAnImagesFolder) {
    Result<std::string> text = readTextFile(kData / "broken" / "missing-image.toml");
    ASSERT_TRUE(text.ok());
    const ParsedWalkthrough parsed = parseWalkthrough(*text, "missing-image.toml", {});
    EXPECT_TRUE(parsed.problems.empty()) << formatProblems(parsed.problems);
}

TEST(ContentLoader, CollectsEveryProblemOfAFileInOneRound) {
    const std::string text = R"(id = "Bad Id"
skill = "online_payment"
scam_warning = "yes"
title = { vi = "Mẫu" }
summary = { vi = "Mẫu.", en = "Sample." }

[[steps]]
sources = ["s"]
id = "a"
title = { vi = "Một", en = "One" }
body = { vi = "Một.", en = "One." }
next = "nowhere"

[[sources]]
id = "s"
ref = "https://example.gov.vn/guide"
checked = 2026-11-01
)";
    const ParsedWalkthrough parsed = parseWalkthrough(text, "many.toml", {});
    EXPECT_EQ(formatted(parsed.problems),
              (std::vector<std::string>{
                  "many.toml:1: walkthrough id \"Bad Id\" must use only a-z, 0-9 and '-'",
                  "many.toml:3: scam_warning must be true or false",
                  "many.toml:4: walkthrough title has no English text (en)",
                  "many.toml:12: step \"a\" next goes to unknown step \"nowhere\"",
              }));
    EXPECT_EQ(parsed.id, "Bad Id");
    EXPECT_EQ(parsed.idLine, 1);
}

TEST(ContentLoader, ChoicesNeedTwoAnswersWithDistinctIds) {
    const std::string text = R"(id = "q"
skill = "online_payment"
scam_warning = false
title = { vi = "Mẫu", en = "Sample" }
summary = { vi = "Mẫu.", en = "Sample." }

[[steps]]
sources = ["s"]
id = "one"
title = { vi = "Một", en = "One" }
body = { vi = "Một?", en = "One?" }
choices = [ { id = "ok", label = { vi = "Được", en = "OK" }, next = "two" } ]

[[steps]]
sources = ["s"]
id = "two"
title = { vi = "Hai", en = "Two" }
body = { vi = "Hai?", en = "Two?" }
choices = [
    { id = "same", label = { vi = "A", en = "A" }, next = "one" },
    { id = "same", label = { vi = "B", en = "B" }, next = "three" },
]

[[steps]]
sources = ["s"]
id = "three"
title = { vi = "Ba", en = "Three" }
body = { vi = "Xong.", en = "Done." }

[[sources]]
id = "s"
ref = "https://example.gov.vn/guide"
checked = 2026-11-01
)";
    const ParsedWalkthrough parsed = parseWalkthrough(text, "choices.toml", {});
    EXPECT_EQ(formatted(parsed.problems),
              (std::vector<std::string>{
                  "choices.toml:12: step \"one\" asks a question with fewer than two choices",
                  "choices.toml:21: step \"two\" choice \"same\" is used twice (first at line 20)",
              }));
}

TEST(ContentLoader, LoadsTheGoodFilesOfAFolderAndReportsTheOthers) {
    const ContentLibrary library = loadContentDir(kData / "library", kImages);

    ASSERT_EQ(library.walkthroughs.size(), 2u);
    EXPECT_EQ(library.walkthroughs[0].id, "alpha");
    EXPECT_EQ(library.walkthroughs[0].file, "alpha.toml");
    EXPECT_EQ(library.walkthroughs[1].id, "delta");

    const std::vector<std::string> lines = formatted(library.problems);
    ASSERT_EQ(lines.size(), 2u) << formatProblems(library.problems);
    EXPECT_EQ(lines[0], "beta.toml:2: walkthrough id \"alpha\" is already used by alpha.toml");
    EXPECT_TRUE(lines[1].starts_with("gamma.toml:3: not valid TOML: ")) << lines[1];
    EXPECT_EQ(checkContentDir(kData / "library", kImages), library.problems);
}

TEST(ContentLoader, AMissingFolderIsOneProblem) {
    const fs::path missing = kData / "no-such-folder";
    const ContentLibrary library = loadContentDir(missing, kImages);
    EXPECT_TRUE(library.walkthroughs.empty());
    ASSERT_EQ(library.problems.size(), 1u);
    EXPECT_EQ(formatProblem(library.problems[0]),
              missing.string() + ": content folder not found or not readable");
}

TEST(ContentLoader, SkipsFoldersAndDanglingLinksNamedLikeWalkthroughs) {
    const fs::path dir = fs::path(testing::TempDir()) / "content-unreadable";
    fs::remove_all(dir);
    fs::create_directories(dir / "folder.toml");  // a folder named like a walkthrough: skipped
    fs::copy_file(kData / "library" / "alpha.toml", dir / "alpha.toml");
    fs::create_symlink(dir / "gone.toml", dir / "dangling.toml");  // points nowhere: skipped too
    const ContentLibrary library = loadContentDir(dir, kImages);
    ASSERT_EQ(library.walkthroughs.size(), 1u);
    EXPECT_TRUE(library.problems.empty()) << formatProblems(library.problems);
    fs::remove_all(dir);
}

// A two-step walkthrough; `firstSources` and `sources` are spliced in as written.
std::string sourcedWalkthrough(const std::string& firstSources, const std::string& sourcesTables) {
    return R"(id = "sourced"
skill = "public_services"
scam_warning = true
title = { vi = "Mẫu", en = "Sample" }
summary = { vi = "Mẫu.", en = "Sample." }

[[steps]]
id = "one"
title = { vi = "Một", en = "One" }
body = { vi = "Một.", en = "One." }
)" + firstSources +
           R"(

[[steps]]
id = "two"
title = { vi = "Hai", en = "Two" }
body = { vi = "Hai.", en = "Two." }
sources = ["portal", "decree"]
end = true
)" + sourcesTables;
}

const std::string kTwoSources = R"(
[[sources]]
id = "portal"
ref = "https://vneid.gov.vn"
checked = 2026-12-03

[[sources]]
id = "decree"
ref = "Nghị định 69/2024/NĐ-CP"
checked = 2025-06-30
)";

TEST(ContentSources, EveryStepNamesTheGuidanceItFollows) {
    const ParsedWalkthrough parsed =
        parseWalkthrough(sourcedWalkthrough(R"(sources = ["portal"])", kTwoSources), "sourced.toml", {});
    ASSERT_TRUE(parsed.problems.empty()) << formatProblems(parsed.problems);
    const Walkthrough& w = *parsed.walkthrough;
    ASSERT_EQ(w.sources.size(), 2u);
    EXPECT_EQ(w.sources[1].id, "decree");
    EXPECT_EQ(w.sources[1].reference, "Nghị định 69/2024/NĐ-CP");
    EXPECT_EQ(w.sources[1].checked, std::chrono::year_month_day{std::chrono::year{2025} / 6 / 30});
    EXPECT_EQ(w.steps[0].sources, std::vector<std::string>{"portal"});
    EXPECT_EQ(w.steps[1].sources, (std::vector<std::string>{"portal", "decree"}));
    ASSERT_NE(w.findSource("portal"), nullptr);
    EXPECT_EQ(w.findSource("portal")->reference, "https://vneid.gov.vn");
}

TEST(ContentSources, AStepWithoutSourcesIsRefused) {
    const ParsedWalkthrough parsed = parseWalkthrough(sourcedWalkthrough("", kTwoSources), "bare.toml", {});
    ASSERT_EQ(parsed.problems.size(), 1u) << formatProblems(parsed.problems);
    EXPECT_EQ(parsed.problems[0].code, "content.no_sources");
    EXPECT_EQ(parsed.problems[0].line, 7);
    EXPECT_FALSE(parsed.walkthrough.has_value());

    const ParsedWalkthrough empty =
        parseWalkthrough(sourcedWalkthrough("sources = []", kTwoSources), "empty.toml", {});
    ASSERT_EQ(empty.problems.size(), 1u);
    EXPECT_EQ(empty.problems[0].code, "content.no_sources");
}

TEST(ContentSources, UnknownAndMalformedSourcesAreProblems) {
    const ParsedWalkthrough unknown =
        parseWalkthrough(sourcedWalkthrough(R"(sources = ["rumour"])", kTwoSources), "unknown.toml", {});
    EXPECT_EQ(formatted(unknown.problems),
              (std::vector<std::string>{"unknown.toml:11: step \"one\" names source \"rumour\", which is not "
                                        "under [[sources]]"}));

    const std::string undated = R"(
[[sources]]
id = "portal"
ref = "https://vneid.gov.vn"
checked = "last spring"

[[sources]]
id = "decree"
ref = "ND"
checked = 2025-06-30
)";
    const ParsedWalkthrough bad =
        parseWalkthrough(sourcedWalkthrough(R"(sources = ["portal"])", undated), "bad.toml", {});
    std::vector<std::string> codes;
    for (const ContentProblem& problem : bad.problems)
        codes.push_back(problem.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"content.wrong_type", "content.bad_source"}))
        << formatProblems(bad.problems);

    const ParsedWalkthrough none =
        parseWalkthrough(sourcedWalkthrough(R"(sources = ["portal"])", ""), "none.toml", {});
    ASSERT_FALSE(none.problems.empty());
    EXPECT_EQ(none.problems[0].code, "content.missing_key");
    EXPECT_EQ(formatProblem(none.problems[0]), "none.toml:1: walkthrough has no sources");
}

TEST(ContentSources, ACheckOlderThanTwelveMonthsIsStale) {
    using namespace std::chrono;
    EXPECT_FALSE(isStale(year{2025} / 12 / 3, year{2026} / 12 / 3));  // exactly a year: still fine
    EXPECT_TRUE(isStale(year{2025} / 12 / 2, year{2026} / 12 / 3));
    EXPECT_FALSE(isStale(year{2026} / 12 / 3, year{2026} / 12 / 3));
    EXPECT_FALSE(isStale(year{2024} / 2 / 29, year{2025} / 2 / 28));
    EXPECT_TRUE(isStale(year{2024} / 2 / 29, year{2025} / 3 / 1));
}

TEST(ContentSources, StaleSourcesAreWarningsWithTheirFileAndLine) {
    const fs::path dir = fs::path(testing::TempDir()) / "content-stale";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "sourced.toml") << sourcedWalkthrough(R"(sources = ["portal"])", kTwoSources);
    const ContentLibrary library = loadContentDir(dir, {});
    ASSERT_TRUE(library.problems.empty()) << formatProblems(library.problems);

    using namespace std::chrono;
    EXPECT_TRUE(staleSources(library, year{2026} / 6 / 30).empty());
    const auto warnings = staleSources(library, year{2026} / 7 / 1);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].code, "content.stale_source");
    EXPECT_EQ(formatProblem(warnings[0]),
              "sourced.toml:25: source \"decree\" (Nghị định 69/2024/NĐ-CP) was last checked on 2025-06-30, "
              "more than 12 months before 2026-07-01: check the steps against it again, then update checked");
    EXPECT_EQ(staleSources(library, year{2028} / 1 / 1).size(), 2u);
    fs::remove_all(dir);
}

TEST(ContentSources, AsOfDatesAreReadStrictly) {
    using namespace std::chrono;
    EXPECT_EQ(parseIsoDate("2026-12-03"), std::optional<year_month_day>(year{2026} / 12 / 3));
    EXPECT_EQ(parseIsoDate("2024-02-29"), std::optional<year_month_day>(year{2024} / 2 / 29));
    for (const char* bad : {"2025-02-29", "2026-13-01", "2026-1-03", "03/12/2026", "", "2026-12-03x"})
        EXPECT_FALSE(parseIsoDate(bad).has_value()) << bad;
}

TEST(ContentProblem, FormatsFileLineAndMessage) {
    EXPECT_EQ(formatProblem({"a.toml", 42, "content.x", "something is wrong"}),
              "a.toml:42: something is wrong");
    EXPECT_EQ(formatProblem({"a.toml", 0, "content.x", "whole file"}), "a.toml: whole file");
    EXPECT_EQ(formatProblems({{"a.toml", 1, "c", "one"}, {"b.toml", 2, "c", "two"}}),
              "a.toml:1: one\nb.toml:2: two\n");
    EXPECT_EQ(formatProblems({}), "");
}

TEST(ContentLoader, DefaultImagesFolderIsBesideTheContentFolder) {
    EXPECT_EQ(defaultImagesDir("/usr/share/commune-kiosk/content"),
              fs::path("/usr/share/commune-kiosk/images"));
    EXPECT_EQ(defaultImagesDir("assets/content/"), fs::path("assets/images"));
}

struct SentenceCase {
    std::string text;
    int sentences;
};

class SentenceCountTest : public testing::TestWithParam<SentenceCase> {};

TEST_P(SentenceCountTest, CountsSentences) {
    EXPECT_EQ(countSentences(GetParam().text), GetParam().sentences);
}

INSTANTIATE_TEST_SUITE_P(
    Content, SentenceCountTest,
    testing::Values(SentenceCase{"", 0}, SentenceCase{"   ", 0}, SentenceCase{"Một câu.", 1},
                    SentenceCase{"Không có dấu chấm", 1}, SentenceCase{"Một. Hai! Ba?", 3},
                    SentenceCase{"Một. Hai", 2}, SentenceCase{"Mở vneid.gov.vn ngay.", 1},
                    SentenceCase{"Giá 1.000 đồng. Trả ngay.", 2}, SentenceCase{"Chờ... Rồi bấm.", 2},
                    SentenceCase{"Chờ… Rồi bấm.", 2}, SentenceCase{"Bấm “Xong.” Rồi đợi.", 2},
                    SentenceCase{"Bấm \"Xong.\" Rồi đợi.", 2}, SentenceCase{"Thật sao?! Đúng vậy.", 2},
                    SentenceCase{"Một.\nHai.", 2}, SentenceCase{". . .", 0}));

// A walkthrough of `stepCount` (at least 3) steps where every step but the last asks a question:
// go on, skip one, or go back half way (to the start from the second step); the last step ends it.
// Written tersely so 3,000 steps stay under the 1 MiB every TOML file is held to.
std::string linkedWalkthroughToml(size_t stepCount) {
    std::string text = R"(id = "linked"
skill = "public_services"
scam_warning = false
title = { vi = "Dài", en = "Long" }
summary = { vi = "Dài.", en = "Long." }

[[sources]]
id = "s"
ref = "https://example.gov.vn/guide"
checked = 2026-11-01
)";
    const auto choice = [](const char* name, size_t target) {
        return std::string("{ id = \"") + name + "\", label = { vi = \"A\", en = \"A\" }, next = \"s" +
               std::to_string(target) + "\" }";
    };
    for (size_t i = 0; i < stepCount; ++i) {
        text += "\n[[steps]]\nid = \"s" + std::to_string(i) +
                "\"\ntitle = { vi = \"B\", en = \"S\" }\nbody = { vi = \"B.\", en = \"S.\" }\nsources = "
                "[\"s\"]\n";
        if (i + 1 == stepCount) {
            text += "end = true\n";
            continue;
        }
        std::vector<std::string> choices{choice("on", i + 1)};
        if (i + 2 < stepCount) choices.push_back(choice("skip", i + 2));
        if (i > 0) choices.push_back(choice("back", i / 2));
        text += "choices = [ ";
        for (size_t c = 0; c < choices.size(); ++c)
            text += (c ? ", " : "") + choices[c];
        text += " ]\n";
    }
    return text;
}

// The 1-based line of the `index`th (0-based) [[steps]] header in `text`.
int lineOfStep(const std::string& text, size_t index) {
    size_t at = 0;
    for (size_t seen = 0;; ++seen) {
        at = text.find("[[steps]]", at);
        if (at == std::string::npos) return 0;
        if (seen == index) break;
        ++at;
    }
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

TEST(ContentLoader, AcceptsALinkedWalkthroughOfAsManyStepsAsTheCap) {
    const ParsedWalkthrough parsed = parseWalkthrough(linkedWalkthroughToml(kMaxSteps), "cap.toml", {});
    EXPECT_TRUE(parsed.problems.empty()) << formatProblems(parsed.problems);
    ASSERT_TRUE(parsed.walkthrough.has_value());
    EXPECT_EQ(parsed.walkthrough->steps.size(), kMaxSteps);
}

TEST(ContentLoader, RefusesAWalkthroughOneStepOverTheCap) {
    const std::string text = linkedWalkthroughToml(kMaxSteps + 1);
    const ParsedWalkthrough parsed = parseWalkthrough(text, "over.toml", {});
    EXPECT_FALSE(parsed.walkthrough.has_value());
    ASSERT_EQ(parsed.problems.size(), 1u) << formatProblems(parsed.problems);
    EXPECT_EQ(parsed.problems[0].code, "content.too_many_steps");
    EXPECT_EQ(parsed.problems[0].line, lineOfStep(text, kMaxSteps));
}

// Issue 16: 3,000 linked steps took 26 s to check and held the kiosk's first frame back for 16 s.
TEST(ContentLoader, RefusesAThreeThousandStepWalkthroughAndLoadsTheOthers) {
    const fs::path dir = fs::path(testing::TempDir()) / "content-step-cap";
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(kData / "library" / "alpha.toml", dir / "alpha.toml");
    const std::string text = linkedWalkthroughToml(3000);
    std::ofstream(dir / "long.toml") << text;

    const ContentLibrary library = loadContentDir(dir, kImages);
    ASSERT_EQ(library.walkthroughs.size(), 1u);
    EXPECT_EQ(library.walkthroughs[0].id, "alpha");
    EXPECT_EQ(formatted(library.problems),
              (std::vector<std::string>{
                  "long.toml:" + std::to_string(lineOfStep(text, kMaxSteps)) +
                      ": walkthrough has 3000 steps; a walkthrough has at most 200: split it into shorter "
                      "walkthroughs (step 201 starts here)",
              }));
    fs::remove_all(dir);
}

}  // namespace
}  // namespace kiosk::content
