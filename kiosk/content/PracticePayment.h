// The sample payment code of the QR payment walkthrough's practice step. It is a real VietQR
// payload (a citizen's bank app reads it) to an account number that does not exist, so even a
// confirmed transfer cannot move money: the bank app stops at "account not found" at worst.
#pragma once

#include <string>

#include "kiosk/Result.h"

namespace kiosk::content {

inline constexpr const char* kPracticeBankBin = "970436";      // Vietcombank: every app knows it
inline constexpr const char* kPracticeAccount = "0000000000";  // no such account
inline constexpr unsigned kPracticeAmountDong = 10000;

Result<std::string> practicePaymentPayload();

}  // namespace kiosk::content
