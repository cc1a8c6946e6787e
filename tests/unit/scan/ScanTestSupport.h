// Shared by the scan unit tests: a small bank directory built from text (so tests do not depend
// on the shipped list) and a helper to list problem codes. All data here is synthetic.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "SyntheticBanks.h"
#include "kiosk/scan/BankDirectory.h"
#include "kiosk/scan/ScanProblem.h"

namespace kiosk::scan::test {

inline const BankDirectory& testBanks() {
    static const BankDirectory banks = [] {
        auto parsed = BankDirectory::fromCsv(kSyntheticBanksCsv);
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
