// Shared by the scan unit tests: a small bank directory built from text (so tests do not depend
// on the shipped list) and a helper to list problem codes. All data here is synthetic.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kiosk/scan/BankDirectory.h"
#include "kiosk/scan/ScanProblem.h"

namespace kiosk::scan::test {

inline const BankDirectory& testBanks() {
    static const BankDirectory banks = [] {
        auto parsed = BankDirectory::fromCsv(
            "bin,short_name,name,domains\n"
            "970436,Vietcombank,Ngân hàng TMCP Ngoại thương Việt Nam,vietcombank.com.vn\n"
            "970415,VietinBank,Ngân hàng TMCP Công thương Việt Nam,vietinbank.vn\n"
            "970418,BIDV,Ngân hàng TMCP Đầu tư và Phát triển Việt Nam,bidv.com.vn\n"
            "970416,ACB,Ngân hàng TMCP Á Châu,acb.com.vn\n"
            "970422,MBBank,Ngân hàng TMCP Quân đội,mbbank.com.vn\n"
            "970407,Techcombank,Ngân hàng TMCP Kỹ thương Việt Nam,techcombank.com;techcombank.com.vn\n");
        EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
        return parsed.ok() ? std::move(parsed).value() : BankDirectory{};
    }();
    return banks;
}

// Names parameterised cases after their `name` member, so ctest lists behaviours, not numbers.
struct CaseName {
    template <class Case>
    std::string operator()(const testing::TestParamInfo<Case>& testCase) const {
        return testCase.param.name;
    }
};

inline std::vector<std::string> codes(const std::vector<ScanProblem>& problems) {
    std::vector<std::string> out;
    for (const ScanProblem& p : problems)
        out.push_back(p.code);
    return out;
}

inline std::vector<std::string> errorCodes(const std::vector<ScanProblem>& problems) {
    std::vector<std::string> out;
    for (const ScanProblem& p : problems) {
        if (p.severity == Severity::error) out.push_back(p.code);
    }
    return out;
}

}  // namespace kiosk::scan::test
