#include "kiosk/scan/LinkVerdict.h"

#include <algorithm>

namespace kiosk::scan {

bool looksLikeImpostor(const ScanPayload& payload) {
    if (payload.kind != PayloadKind::url) return false;
    return std::any_of(payload.problems.begin(), payload.problems.end(), [](const ScanProblem& problem) {
        return std::find(kImpostorSigns.begin(), kImpostorSigns.end(), problem.code) != kImpostorSigns.end();
    });
}

}  // namespace kiosk::scan
