#include "kiosk/sync/WireFormat.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using kiosk::formatUtc;
using kiosk::WallTime;
using kiosk::sync::BatchBody;
using kiosk::sync::errorBodyText;
using kiosk::sync::eventJson;
using kiosk::sync::parseBatchReply;

namespace {

WallTime testTime() {
    using namespace std::chrono;
    return time_point_cast<milliseconds>(sys_days(year(2026) / November / 23) + hours(2) + minutes(5) +
                                         seconds(9) + milliseconds(123));
}

}  // namespace

TEST(WireFormat, FormatsUtcWithMilliseconds) {
    EXPECT_EQ(formatUtc(testTime()), "2026-11-23T02:05:09.123Z");
    EXPECT_EQ(formatUtc(WallTime{}), "1970-01-01T00:00:00.000Z");
}

TEST(WireFormat, EventIsTheVersionedEnvelopeAroundTheStoredPayload) {
    const std::string text = eventJson(42, "1b4e28ba-2fa1-4d3b-883f-0016d3cca427", "ticket.issued",
                                       testTime(), R"({"label":"A001"})");
    EXPECT_EQ(text, R"({"v":1,"id":"1b4e28ba-2fa1-4d3b-883f-0016d3cca427","seq":42,"kind":"ticket.issued",)"
                    R"("at":"2026-11-23T02:05:09.123Z","payload":{"label":"A001"}})");
    EXPECT_TRUE(nlohmann::json::accept(text));
}

TEST(WireFormat, BatchBodyIsValidJsonAndKnowsItsSizeBeforeAdding) {
    BatchBody body("kiosk \"7\"", "batch-uuid");
    const std::string first = eventJson(1, "a", "k", testTime(), "{}");
    const std::string second = eventJson(2, "b", "k", testTime(), "{}");
    const size_t predicted = body.sizeWith(first.size());
    body.add(first);
    const size_t predictedSecond = body.sizeWith(second.size());
    body.add(second);
    EXPECT_EQ(body.events(), 2);
    const std::string text = body.finish();
    EXPECT_EQ(text.size(), predictedSecond);
    EXPECT_LT(predicted, predictedSecond);
    const auto json = nlohmann::json::parse(text);
    EXPECT_EQ(json["v"], 1);
    EXPECT_EQ(json["kiosk_id"], "kiosk \"7\"");
    EXPECT_EQ(json["batch_id"], "batch-uuid");
    ASSERT_EQ(json["events"].size(), 2u);
    EXPECT_EQ(json["events"][1]["seq"], 2);
}

TEST(WireFormat, ParsesAcceptedAndRejectedIds) {
    auto reply = parseBatchReply(
        R"({"v":1,"accepted":["a","b"],"rejected":[{"id":"c","code":"bad_event","message":"unknown kind"}]})");
    ASSERT_TRUE(reply.ok()) << reply.error().message;
    EXPECT_EQ(reply->accepted, (std::vector<std::string>{"a", "b"}));
    ASSERT_EQ(reply->rejected.size(), 1u);
    EXPECT_EQ(reply->rejected[0].id, "c");
    EXPECT_EQ(reply->rejected[0].code, "bad_event");
    EXPECT_EQ(reply->rejected[0].message, "unknown kind");
}

TEST(WireFormat, RefusesRepliesThatDoNotListAcceptedIds) {
    for (const char* body : {"", "OK", "[]", R"({"v":1})", R"({"accepted":"a"})", R"({"accepted":[1]})",
                             R"({"accepted":[],"rejected":[{"code":"x"}]})"}) {
        auto reply = parseBatchReply(body);
        ASSERT_FALSE(reply.ok()) << body;
        EXPECT_EQ(reply.error().code, "sync.bad_reply");
        EXPECT_NE(reply.error().message.find("will be sent again"), std::string::npos);
    }
}

TEST(WireFormat, ErrorTextComesFromTheErrorObjectOrThePlainBody) {
    EXPECT_EQ(errorBodyText(R"({"v":1,"error":{"code":"bad_event","message":"unknown kind"}})"),
              "bad_event: unknown kind");
    EXPECT_EQ(errorBodyText(R"({"error":{"code":5}})"), R"({"error":{"code":5}})");
    EXPECT_EQ(errorBodyText("<html>\n502 Bad Gateway</html>"), "<html> 502 Bad Gateway</html>");
    EXPECT_EQ(errorBodyText(std::string(1000, 'x')).size(), 200u);
    // A long message is cut at a character boundary (Vietnamese text is multi-byte UTF-8).
    std::string message;
    for (int i = 0; i < 300; ++i)
        message += "ệ";
    const std::string cut = errorBodyText(R"({"error":{"message":")" + message + R"("}})");
    EXPECT_LE(cut.size(), 500u);
    EXPECT_TRUE(nlohmann::json::accept(nlohmann::json(cut).dump()));
}
