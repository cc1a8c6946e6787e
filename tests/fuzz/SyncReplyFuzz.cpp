// libFuzzer target for what the provincial server answers (parseBatchReply, errorBodyText,
// clipUtf8). It checks that an accepted reply keeps every id it listed, and that the text kept
// for diagnostics from any answer is short, valid UTF-8 and free of control characters.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "FuzzSupport.h"
#include "kiosk/sync/WireFormat.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kiosk::sync;
    const std::string_view body(reinterpret_cast<const char*>(data), size);

    const auto reply = parseBatchReply(body);
    if (reply) {
        // Every id counted came out of the body, so none can be longer than it.
        for (const std::string& id : reply->accepted)
            FUZZ_EXPECT(id.size() <= body.size());
        for (const RejectedEvent& rejected : reply->rejected) {
            FUZZ_EXPECT(rejected.id.size() <= body.size());
            FUZZ_EXPECT(kiosk::scan::isValidUtf8(rejected.code) &&
                        kiosk::scan::isValidUtf8(rejected.message));
        }
    } else {
        FUZZ_EXPECT(reply.error().code == "sync.bad_reply");
    }

    const std::string shown = errorBodyText(body);
    FUZZ_EXPECT(shown.size() <= 500);
    FUZZ_EXPECT(kiosk::scan::isValidUtf8(shown));

    if (kiosk::scan::isValidUtf8(body)) {
        const std::size_t limit = size == 0 ? 0 : data[0] % (size + 1);
        const std::string clipped = clipUtf8(std::string(body), limit);
        FUZZ_EXPECT(clipped.size() <= limit);
        FUZZ_EXPECT(body.starts_with(clipped));
        FUZZ_EXPECT(kiosk::scan::isValidUtf8(clipped));
        FUZZ_EXPECT(limit - clipped.size() < 4);
    }
    return 0;
}
