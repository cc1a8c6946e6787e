#include "kiosk/TomlLimits.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "kiosk/config/KioskConfig.h"
#include "kiosk/config/ProvisioningBundle.h"
#include "kiosk/content/ContentLoader.h"

namespace kiosk {
namespace {

std::string repeated(std::string_view piece, int times) {
    std::string text;
    for (int i = 0; i < times; ++i)
        text += piece;
    return text;
}

// The file from issue 16: a table header 50,000 levels deep (~100 KB) crashed every reader.
std::string deepHeader(int levels) {
    return "[a" + repeated(".a", levels - 1) + "]\nx = 1\n";
}

TEST(TomlLimits, AcceptsTheShippedShapesOfFiles) {
    EXPECT_FALSE(checkTomlLimits(""));
    EXPECT_FALSE(checkTomlLimits("[kiosk]\nid = \"xa-01\"\n[desk]\npriority_in_a_row = 1\n"));
    EXPECT_FALSE(
        checkTomlLimits("[[steps]]\nid = \"a\"\nchoices = [ { id = \"y\", label = { vi = \"Có\", "
                        "en = \"Yes\" } } ]\n[steps.phone]\ntitle = { vi = \"a\", en = \"b\" }\n"));
    EXPECT_FALSE(checkTomlLimits("pi = 3.14\nwhen = 1979-05-27T07:32:00.999\nv = [1.5, 2.5, 3.5, 4.5]\n"));
}

TEST(TomlLimits, AllowsExactlyTheMaximumDepth) {
    const TomlLimits limits{.maxBytes = kMaxTomlBytes, .maxDepth = 4};
    EXPECT_FALSE(checkTomlLimits("a.b.c.d = 1\n", limits));
    EXPECT_TRUE(checkTomlLimits("a.b.c.d.e = 1\n", limits));
    EXPECT_FALSE(checkTomlLimits("[a.b.c.d]\n", limits));
    EXPECT_TRUE(checkTomlLimits("[a.b.c.d.e]\n", limits));
    EXPECT_TRUE(checkTomlLimits("[[a.b.c.d]]\n", limits));  // the array of tables is a level too
}

TEST(TomlLimits, AddsHeaderKeyAndContainerDepth) {
    const TomlLimits limits{.maxBytes = kMaxTomlBytes, .maxDepth = 4};
    EXPECT_FALSE(checkTomlLimits("[a.b]\nc.d = 1\n", limits));
    EXPECT_TRUE(checkTomlLimits("[a.b]\nc.d.e = 1\n", limits));
    EXPECT_FALSE(checkTomlLimits("a.b = [[1]]\n", limits));
    EXPECT_TRUE(checkTomlLimits("a.b = [[[1]]]\n", limits));
    EXPECT_TRUE(checkTomlLimits("a = { b = { c = { d = { e = 1 } } } }\n", limits));
    EXPECT_TRUE(checkTomlLimits("a = [\n  [\n    [\n      [\n        [1]]]]]\n", limits));
    // A new header starts again from the root.
    EXPECT_FALSE(checkTomlLimits("[a.b.c]\nd = 1\n[e]\nf.g.h = 2\n", limits));
}

TEST(TomlLimits, IgnoresDotsAndBracketsInStringsAndComments) {
    const TomlLimits limits{.maxBytes = kMaxTomlBytes, .maxDepth = 2};
    EXPECT_FALSE(checkTomlLimits("a = \"x.y.z[[[{{{\"\n", limits));
    EXPECT_FALSE(checkTomlLimits("a = 'x.y.z[[['\n", limits));
    EXPECT_FALSE(checkTomlLimits("a = \"\"\"\n[[[[x.y.z\n\"\"\"\n", limits));
    EXPECT_FALSE(checkTomlLimits("a = '''\n[[[[x.y.z'''\n", limits));
    EXPECT_FALSE(checkTomlLimits("a = 1 # x.y.z [[[[\n", limits));
    EXPECT_FALSE(checkTomlLimits("\"a.b.c.d\" = \"escaped \\\" quote.\"\n", limits));
    EXPECT_FALSE(checkTomlLimits("a = \"\"\"x\"\"\"\"\"\nb = 1\n", limits));  // quotes before the close
}

TEST(TomlLimits, AStrayQuoteDoesNotHideTheNextLines) {
    const TomlLimits limits{.maxBytes = kMaxTomlBytes, .maxDepth = 2};
    const auto problem = checkTomlLimits("a = \"unterminated\n[b.c.d]\n", limits);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->line, 2);
}

TEST(TomlLimits, RefusesTheIssue16FileWithItsLine) {
    const auto problem = checkTomlLimits("# deep\n" + deepHeader(50'000));
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->line, 2);
    EXPECT_NE(problem->message.find("32 levels"), std::string::npos);
    EXPECT_TRUE(checkTomlLimits(repeated("a.", 50'000) + "a = 1\n"));
    EXPECT_TRUE(checkTomlLimits("a = " + repeated("[", 50'000) + repeated("]", 50'000) + "\n"));
    EXPECT_TRUE(checkTomlLimits("a = " + repeated("{b=", 50'000) + "1" + repeated("}", 50'000) + "\n"));
}

TEST(TomlLimits, RefusesTextOverTheSizeLimit) {
    const TomlLimits limits{.maxBytes = 10, .maxDepth = kMaxTomlDepth};
    EXPECT_FALSE(checkTomlLimits("a = 12345\n", limits));
    const auto problem = checkTomlLimits("a = 123456\n", limits);
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->message.find("11 bytes"), std::string::npos);
}

TEST(TomlLimits, ConfigAndBundleReadersRefuseDeepFilesInsteadOfCrashing) {
    const auto config = config::parseConfig(deepHeader(50'000), "kiosk.toml");
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().code, "config.syntax");
    EXPECT_NE(config.error().message.find("kiosk.toml:1: nested more than"), std::string::npos);

    const auto bundle = config::parseBundle(repeated("a.", 20'000) + "a = 1\n", "b.toml");
    ASSERT_FALSE(bundle);
    EXPECT_EQ(bundle.error().code, "provisioning.syntax");
}

TEST(TomlLimits, ADeepWalkthroughIsRefusedAndTheOthersLoad) {
    const std::filesystem::path dir = std::filesystem::path(testing::TempDir()) / "toml-limits-content";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(std::filesystem::path(KIOSK_ASSETS_DIR) / "content" / "qr-payment.toml",
                               dir / "good.toml");
    std::ofstream(dir / "deep.toml") << deepHeader(50'000);

    const content::ContentLibrary library = content::loadContentDir(dir, {});
    ASSERT_EQ(library.walkthroughs.size(), 1u);
    ASSERT_EQ(library.problems.size(), 1u);
    EXPECT_EQ(library.problems[0].file, "deep.toml");
    EXPECT_EQ(library.problems[0].code, "content.too_deep");
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kiosk
