// libFuzzer target for the web-address checks on their own (checkUrl), reached on every input
// rather than only on text the classifier takes for an address. It checks that what is shown is
// safe to show (valid UTF-8, no controls or bidi overrides), that the host is lower-case without
// a trailing dot, that "government" and "https" mean what they say, and that the verdict
// is the same when asked twice.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "FuzzSupport.h"
#include "kiosk/scan/ScannedUrl.h"

namespace {

using namespace kiosk::scan;

bool hasControlOrBidi(std::string_view text) {
    while (!text.empty()) {
        const Utf8Step step = decodeUtf8Step(text);
        if (!step.valid) return true;
        const char32_t c = step.codePoint;
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
            (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C) {
            return true;
        }
        text.remove_prefix(step.length);
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)looksLikeUrl(text);

    const Checked<ScannedUrl> checked = checkUrl(text, fuzz::testBanks());
    const ScannedUrl& url = checked.value;
    FUZZ_EXPECT(!hasControlOrBidi(url.url));
    FUZZ_EXPECT(!hasControlOrBidi(url.hostUnicode));
    FUZZ_EXPECT(!hasControlOrBidi(url.host));
    if (!checked.has("bad_host")) {
        // A host that is not valid text is only shown (cleaned), never judged.
        for (const char c : url.host)
            FUZZ_EXPECT(!(c >= 'A' && c <= 'Z'));
        FUZZ_EXPECT(!url.host.ends_with('.'));
    }
    for (const char c : url.scheme)
        FUZZ_EXPECT(!(c >= 'A' && c <= 'Z'));
    if (url.https) FUZZ_EXPECT(url.scheme == "https");
    if (url.government) {
        FUZZ_EXPECT(checked.valid());
        FUZZ_EXPECT(isGovernmentHost(url.host));
        FUZZ_EXPECT(url.host == "gov.vn" || url.host.ends_with(".gov.vn"));
        FUZZ_EXPECT(!url.userinfo);
    }
    for (const ScanProblem& problem : checked.problems) {
        FUZZ_EXPECT(!problem.code.empty() && !problem.message.empty());
        FUZZ_EXPECT(isValidUtf8(problem.message));
    }

    const Checked<ScannedUrl> again = checkUrl(text, fuzz::testBanks());
    FUZZ_EXPECT(again.value.url == url.url && again.value.host == url.host &&
                again.value.government == url.government && again.problems.size() == checked.problems.size());
    return 0;
}
