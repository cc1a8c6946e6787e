#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk/i18n/Catalogue.h"

using kiosk::i18n::Catalogue;
using kiosk::i18n::CatalogueProblem;
using kiosk::i18n::Language;
using kiosk::i18n::MessageId;

TEST(Catalogue, ShippedCataloguesHoldExactlyTheKnownKeys) {
    std::vector<CatalogueProblem> problems;
    Catalogue::loadDir(std::filesystem::path(KIOSK_ASSETS_DIR) / "i18n", problems);
    for (const auto& problem : problems)
        ADD_FAILURE() << problem.where << ": " << problem.message;
}

TEST(Catalogue, VietnameseIsTheDefaultAndEnglishTheSecond) {
    std::vector<CatalogueProblem> problems;
    const Catalogue catalogue =
        Catalogue::loadDir(std::filesystem::path(KIOSK_ASSETS_DIR) / "i18n", problems);
    EXPECT_EQ(catalogue.text(Language::Vi, MessageId::AttractTouchToStart), "Chạm để bắt đầu");
    EXPECT_EQ(catalogue.text(Language::En, MessageId::AttractTouchToStart), "Touch to start");
    EXPECT_EQ(kiosk::i18n::kDefaultLanguage, Language::Vi);
}

TEST(Catalogue, ReportsMissingAndUnknownKeysWithLines) {
    Catalogue catalogue;
    const auto problems = Catalogue::parse(
        catalogue, Language::En, "[attract]\ntouch_to_start = \"Touch\"\ntypo = \"x\"\n", "en.toml");
    bool sawUnknown = false;
    bool sawMissing = false;
    for (const auto& problem : problems) {
        if (problem.where == "en.toml:3" && problem.message == "unknown key 'attract.typo'")
            sawUnknown = true;
        if (problem.message == "missing key 'home.title'") sawMissing = true;
    }
    EXPECT_TRUE(sawUnknown);
    EXPECT_TRUE(sawMissing);
}

TEST(Catalogue, MissingTextFallsBackToOtherLanguageThenKeyNeverBlank) {
    Catalogue catalogue;
    (void)Catalogue::parse(catalogue, Language::Vi, "[home]\ntitle = \"Bạn cần giúp gì?\"\n", "vi.toml");
    EXPECT_EQ(catalogue.text(Language::En, MessageId::HomeTitle), "Bạn cần giúp gì?");
    EXPECT_EQ(catalogue.text(Language::En, MessageId::IdleTitle), "idle.title");
}

TEST(Catalogue, EmptyTextIsAProblem) {
    Catalogue catalogue;
    const auto problems = Catalogue::parse(catalogue, Language::Vi, "[home]\ntitle = \"\"\n", "vi.toml");
    ASSERT_FALSE(problems.empty());
    EXPECT_EQ(problems.front().where, "vi.toml:2");
}

TEST(Catalogue, SyntaxErrorNamesTheLine) {
    Catalogue catalogue;
    const auto problems = Catalogue::parse(catalogue, Language::Vi, "[home]\ntitle = \"open\n", "vi.toml");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems.front().where, "vi.toml:2");
}

TEST(FormatMessage, ReplacesNamedPlaceholders) {
    EXPECT_EQ(kiosk::i18n::formatMessage("sau {seconds} giây", {{"seconds", "20"}}), "sau 20 giây");
    EXPECT_EQ(kiosk::i18n::formatMessage("{a}{b} {c}", {{"a", "1"}, {"b", "2"}}), "12 {c}");
    EXPECT_EQ(kiosk::i18n::formatMessage("{unclosed", {}), "{unclosed");
}
