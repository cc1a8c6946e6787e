#include "kiosk/scan/BankDirectory.h"

#include <string>

#include <gtest/gtest.h>

#include "ScanTestSupport.h"

#include "kiosk/Files.h"

namespace kiosk::scan {
namespace {

TEST(BankDirectory, ParsesHeaderNamedColumnsInAnyOrder) {
    const auto banks = BankDirectory::fromCsv(
        "name,bin,short_name\n"
        "Ngân hàng Thử nghiệm,970436,Vietcombank\n");
    ASSERT_TRUE(banks.ok()) << banks.error().message;
    const Bank* bank = banks->findByBin("970436");
    ASSERT_NE(bank, nullptr);
    EXPECT_EQ(bank->shortName, "Vietcombank");
    EXPECT_EQ(bank->name, "Ngân hàng Thử nghiệm");
    EXPECT_TRUE(bank->domains.empty());
}

TEST(BankDirectory, AcceptsQuotesCommentsBlankLinesCrlfAndBom) {
    const auto banks = BankDirectory::fromCsv(
        "\xEF\xBB\xBF# comment line\r\n"
        "bin,short_name,name,domains\r\n"
        "\r\n"
        "970415,VietinBank,\"Ngân hàng \"\"Công thương\"\", Việt Nam\",VietinBank.vn; "
        "ebank.vietinbank.vn\r\n");
    ASSERT_TRUE(banks.ok()) << banks.error().message;
    const Bank* bank = banks->findByBin("970415");
    ASSERT_NE(bank, nullptr);
    EXPECT_EQ(bank->name, "Ngân hàng \"Công thương\", Việt Nam");
    EXPECT_EQ(bank->domains, (std::vector<std::string>{"vietinbank.vn", "ebank.vietinbank.vn"}));
}

TEST(BankDirectory, UnknownBinIsNotFound) {
    const auto banks = BankDirectory::fromCsv("bin,short_name,name\n970436,Vietcombank,Ngân hàng\n");
    ASSERT_TRUE(banks.ok());
    EXPECT_EQ(banks->findByBin("970499"), nullptr);
    EXPECT_EQ(banks->findByBin(""), nullptr);
}

struct BadCsvCase {
    const char* name;
    const char* csv;
    const char* mentions;  // part of the message
};

class BadBankCsv : public testing::TestWithParam<BadCsvCase> {};

TEST_P(BadBankCsv, IsRejectedWithTheLine) {
    const auto banks = BankDirectory::fromCsv(GetParam().csv);
    ASSERT_FALSE(banks.ok());
    EXPECT_EQ(banks.error().code, "banks.bad_csv");
    EXPECT_NE(banks.error().message.find(GetParam().mentions), std::string::npos) << banks.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadBankCsv,
    testing::Values(BadCsvCase{"Empty", "", "header"}, BadCsvCase{"MissingColumn", "bin,name\n", "line 1"},
                    BadCsvCase{"ShortBin", "bin,short_name,name\n97043,X,Y\n", "line 2"},
                    BadCsvCase{"LetterInBin", "bin,short_name,name\n97043A,X,Y\n", "6 digits"},
                    BadCsvCase{"WrongFieldCount", "bin,short_name,name\n970436,X\n", "line 2"},
                    BadCsvCase{"EmptyName", "bin,short_name,name\n970436,X,\n", "empty"},
                    BadCsvCase{"UnclosedQuote", "bin,short_name,name\n970436,X,\"Y\n", "never closed"},
                    BadCsvCase{"Duplicate", "bin,short_name,name\n970436,X,Y\n970436,Z,W\n", "twice"},
                    BadCsvCase{"InvalidUtf8", "bin,short_name,name\n970436,X,\xFF\n", "UTF-8"}),
    test::CaseName());

// The shipped list: it must load, and the banks most citizens use must be there.
TEST(ShippedBankList, LoadsAndNamesTheMajorBanks) {
    const auto text = readTextFile(std::string(KIOSK_ASSETS_DIR) + "/banks.csv");
    ASSERT_TRUE(text.ok()) << text.error().message;
    const auto banks = BankDirectory::fromCsv(*text);
    ASSERT_TRUE(banks.ok()) << banks.error().message;
    EXPECT_GE(banks->size(), 40u);
    const std::pair<const char*, const char*> expected[] = {
        {"970436", "Vietcombank"}, {"970415", "VietinBank"},  {"970418", "BIDV"}, {"970405", "Agribank"},
        {"970422", "MBBank"},      {"970407", "Techcombank"}, {"970416", "ACB"},  {"970432", "VPBank"},
        {"970423", "TPBank"},      {"970403", "Sacombank"}};
    for (const auto& [bin, shortName] : expected) {
        const Bank* bank = banks->findByBin(bin);
        ASSERT_NE(bank, nullptr) << bin;
        EXPECT_EQ(bank->shortName, shortName);
    }
}

}  // namespace
}  // namespace kiosk::scan
