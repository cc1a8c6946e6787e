// Sample-driven test in the spirit of ZXing-cpp's blackbox runner: every tests/data/scan/payloads/
// NAME.txt is a decoded QR text (synthetic), and NAME.expected.json says what the kiosk must make
// of it with the shipped bank list: kind, valid, the exact problem codes, and a subset of fields
// (CCCD fields as masked by default).
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kiosk/Files.h"
#include "kiosk/scan/ScanPayload.h"

namespace kiosk::scan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSamples = fs::path(KIOSK_TEST_DATA_DIR) / "scan" / "payloads";

std::vector<fs::path> samples() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kSamples)) {
        if (entry.path().extension() == ".txt") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

BankDirectory shippedBanks() {
    const auto text = readTextFile(fs::path(KIOSK_ASSETS_DIR) / "banks.csv");
    EXPECT_TRUE(text.ok());
    auto banks = BankDirectory::fromCsv(text.ok() ? *text : std::string());
    EXPECT_TRUE(banks.ok());
    return banks.ok() ? std::move(banks).value() : BankDirectory{};
}

TEST(SamplePayloads, EverySampleIsUnderstoodAsExpected) {
    const BankDirectory banks = shippedBanks();
    const std::vector<fs::path> files = samples();
    ASSERT_GE(files.size(), 16u) << "samples missing under " << kSamples;
    for (const fs::path& file : files) {
        SCOPED_TRACE(file.filename().string());
        const auto text = readTextFile(file);
        ASSERT_TRUE(text.ok());
        fs::path expectedFile = file;
        expectedFile.replace_extension(".expected.json");
        const auto expectedText = readTextFile(expectedFile);
        ASSERT_TRUE(expectedText.ok()) << "no " << expectedFile;
        const json expected = json::parse(*expectedText);

        const ScanPayload payload = understandPayload(*text, banks);
        EXPECT_EQ(kindName(payload.kind), expected.at("kind").get<std::string>());
        EXPECT_EQ(payload.valid(), expected.at("valid").get<bool>());
        std::vector<std::string> problemCodes;
        for (const auto& problem : problemsJson(payload.problems))
            problemCodes.push_back(problem.at("code"));
        EXPECT_THAT(problemCodes, testing::UnorderedElementsAreArray(
                                      expected.at("problems").get<std::vector<std::string>>()));
        const json fields = payloadFields(payload, false);
        if (expected.contains("fields")) {
            const json& expectedFields = expected.at("fields");
            for (auto it = expectedFields.begin(); it != expectedFields.end(); ++it) {
                ASSERT_TRUE(fields.contains(it.key())) << it.key();
                EXPECT_EQ(fields.at(it.key()), it.value()) << it.key();
            }
        }
    }
}

}  // namespace
}  // namespace kiosk::scan
