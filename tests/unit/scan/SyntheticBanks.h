// The bank directory the scan unit tests and fuzz targets share: a few real NAPAS BINs with
// their public names and domains, as CSV, so neither depends on the shipped assets/banks.csv.
#pragma once

#include <string_view>

namespace kiosk::scan::test {

inline constexpr std::string_view kSyntheticBanksCsv =
    "bin,short_name,name,domains\n"
    "970436,Vietcombank,Ngân hàng TMCP Ngoại thương Việt Nam,vietcombank.com.vn\n"
    "970415,VietinBank,Ngân hàng TMCP Công thương Việt Nam,vietinbank.vn\n"
    "970418,BIDV,Ngân hàng TMCP Đầu tư và Phát triển Việt Nam,bidv.com.vn\n"
    "970416,ACB,Ngân hàng TMCP Á Châu,acb.com.vn\n"
    "970422,MBBank,Ngân hàng TMCP Quân đội,mbbank.com.vn\n"
    "970407,Techcombank,Ngân hàng TMCP Kỹ thương Việt Nam,techcombank.com;techcombank.com.vn\n";

}  // namespace kiosk::scan::test
