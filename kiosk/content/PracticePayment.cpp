#include "kiosk/content/PracticePayment.h"

#include "kiosk/scan/VietQrBuilder.h"

namespace kiosk::content {

Result<std::string> practicePaymentPayload() {
    return scan::buildVietQr({.bin = kPracticeBankBin,
                              .account = kPracticeAccount,
                              .amount = kPracticeAmountDong,
                              .purpose = "LUYEN TAP KHONG CHUYEN"});
}

}  // namespace kiosk::content
