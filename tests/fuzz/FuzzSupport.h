// Shared by the fuzz targets: invariant checks that abort (so libFuzzer and the ctest replay both
// report them) and a small built-in bank directory, so targets need no files.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "../unit/scan/SyntheticBanks.h"
#include "kiosk/scan/BankDirectory.h"
#include "kiosk/scan/Utf8.h"

#define FUZZ_EXPECT(condition)                                                                           \
    do {                                                                                                 \
        if (!(condition)) {                                                                              \
            std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__); \
            std::abort();                                                                                \
        }                                                                                                \
    } while (0)

namespace kiosk::scan::fuzz {

inline const BankDirectory& testBanks() {
    static const BankDirectory banks = [] {
        auto parsed = BankDirectory::fromCsv(test::kSyntheticBanksCsv);
        FUZZ_EXPECT(parsed.ok());
        return std::move(parsed).value();
    }();
    return banks;
}

}  // namespace kiosk::scan::fuzz
