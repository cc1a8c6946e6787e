// Shared by the fuzz targets: invariant checks that abort (so libFuzzer and the ctest replay both
// report them) and a small built-in bank directory, so targets need no files.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

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
        auto parsed = BankDirectory::fromCsv(
            "bin,short_name,name,domains\n"
            "970436,Vietcombank,Ngân hàng TMCP Ngoại thương Việt Nam,vietcombank.com.vn\n"
            "970415,VietinBank,Ngân hàng TMCP Công thương Việt Nam,vietinbank.vn\n"
            "970416,ACB,Ngân hàng TMCP Á Châu,acb.com.vn\n"
            "970422,MBBank,Ngân hàng TMCP Quân đội,mbbank.com.vn\n");
        FUZZ_EXPECT(parsed.ok());
        return std::move(parsed).value();
    }();
    return banks;
}

}  // namespace kiosk::scan::fuzz
