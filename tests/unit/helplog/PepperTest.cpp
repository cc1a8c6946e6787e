#include "kiosk/helplog/Pepper.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "unit/helplog/HelplogTestSupport.h"

namespace fs = std::filesystem;
using kiosk::helplog::kPepperFileName;
using kiosk::helplog::kPepperSize;
using kiosk::helplog::loadOrCreatePepper;

namespace {

unsigned modeOf(const fs::path& file) {
    struct stat info {};
    EXPECT_EQ(::stat(file.c_str(), &info), 0);
    return info.st_mode & 07777;
}

void writeBytes(const fs::path& file, const std::string& bytes, unsigned mode) {
    std::ofstream(file, std::ios::binary) << bytes;
    ASSERT_EQ(::chmod(file.c_str(), mode), 0);
}

bool sameBytes(const kiosk::helplog::Pepper& a, const kiosk::helplog::Pepper& b) {
    return std::ranges::equal(a.bytes(), b.bytes());
}

}  // namespace

TEST(Pepper, CreatedWithMode0600AndReused) {
    const auto file = helplog_test::freshDir("pepper-new") / "sub" / std::string(kPepperFileName);
    auto created = loadOrCreatePepper(file);
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(modeOf(file), 0600u);
    EXPECT_EQ(fs::file_size(file), kPepperSize);
    EXPECT_FALSE(std::ranges::all_of(created->bytes(), [](unsigned char b) { return b == 0; }));
    // No temporary file is left next to it.
    EXPECT_EQ(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()), 1);

    auto again = loadOrCreatePepper(file);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_TRUE(sameBytes(*created, *again));
}

TEST(Pepper, EachKioskGetsItsOwn) {
    auto first = loadOrCreatePepper(helplog_test::freshDir("pepper-a") / "pepper.key");
    auto second = loadOrCreatePepper(helplog_test::freshDir("pepper-b") / "pepper.key");
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_FALSE(sameBytes(*first, *second));
}

TEST(Pepper, FileOthersCanReadIsRefused) {
    const auto dir = helplog_test::freshDir("pepper-mode");
    for (unsigned mode : {0640u, 0604u, 0644u, 0660u, 0610u}) {
        const auto file = dir / ("pepper-" + std::to_string(mode) + ".key");
        writeBytes(file, std::string(kPepperSize, 'k'), mode);
        auto loaded = loadOrCreatePepper(file);
        ASSERT_FALSE(loaded.ok()) << std::oct << mode;
        EXPECT_EQ(loaded.error().code, "helplog.pepper_permissions") << std::oct << mode;
        EXPECT_NE(loaded.error().message.find("0600"), std::string::npos);
        // Refused, not "repaired": the file is left as it was for the technician to look at.
        EXPECT_EQ(modeOf(file), mode);
    }
}

TEST(Pepper, FileOfTheWrongSizeIsRefused) {
    const auto dir = helplog_test::freshDir("pepper-size");
    for (std::size_t size : {std::size_t{0}, kPepperSize - 1, kPepperSize + 1, std::size_t{64}}) {
        const auto file = dir / ("pepper-" + std::to_string(size) + ".key");
        writeBytes(file, std::string(size, 'k'), 0600);
        auto loaded = loadOrCreatePepper(file);
        ASSERT_FALSE(loaded.ok()) << size;
        EXPECT_EQ(loaded.error().code, "helplog.pepper_size") << size;
        EXPECT_EQ(fs::file_size(file), size) << "a damaged pepper must not be replaced silently";
    }
}

TEST(Pepper, SymbolicLinkIsRefused) {
    const auto dir = helplog_test::freshDir("pepper-link");
    writeBytes(dir / "elsewhere.key", std::string(kPepperSize, 'k'), 0600);
    fs::create_symlink(dir / "elsewhere.key", dir / "pepper.key");
    auto loaded = loadOrCreatePepper(dir / "pepper.key");
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().code, "helplog.pepper_not_a_file");
}

TEST(Pepper, DirectoryInItsPlaceIsRefused) {
    const auto dir = helplog_test::freshDir("pepper-dir");
    fs::create_directories(dir / "pepper.key");
    auto loaded = loadOrCreatePepper(dir / "pepper.key");
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().code, "helplog.pepper_not_a_file");
}

TEST(Pepper, ASharedPepperIsReadButNeverMadeUp) {
    const auto dir = helplog_test::freshDir("pepper-shared");
    auto missing = kiosk::helplog::loadPepper(dir / "centre.key");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "helplog.pepper_missing");
    EXPECT_FALSE(fs::exists(dir / "centre.key")) << "a terminal must not make up its own shared pepper";

    auto created = kiosk::helplog::createNewPepper(dir / "centre.key");
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(modeOf(dir / "centre.key"), 0600u);
    // A copy on another terminal reads the same bytes.
    fs::copy_file(dir / "centre.key", dir / "copy.key");
    auto original = kiosk::helplog::loadPepper(dir / "centre.key");
    auto copy = kiosk::helplog::loadPepper(dir / "copy.key");
    ASSERT_TRUE(original.ok() && copy.ok());
    EXPECT_TRUE(sameBytes(*original, *copy));
}

TEST(Pepper, ANewSharedPepperNeverReplacesOne) {
    const auto dir = helplog_test::freshDir("pepper-no-replace");
    ASSERT_TRUE(kiosk::helplog::createNewPepper(dir / "centre.key").ok());
    auto before = kiosk::helplog::loadPepper(dir / "centre.key");
    auto again = kiosk::helplog::createNewPepper(dir / "centre.key");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "helplog.pepper_exists");
    auto after = kiosk::helplog::loadPepper(dir / "centre.key");
    ASSERT_TRUE(before.ok() && after.ok());
    EXPECT_TRUE(sameBytes(*before, *after));
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1)
        << "a temporary file was left";
}
