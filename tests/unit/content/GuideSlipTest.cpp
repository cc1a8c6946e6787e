// What a take-home guide slip lists: the key steps along the citizen's own answers, never a
// question, never a loop twice; the centre's hours only when configured; the citizen's language.
#include "kiosk/content/GuideSlip.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk/content/ContentLoader.h"

namespace kiosk::content {
namespace {

namespace fs = std::filesystem;

Step step(std::string id, std::string title, std::vector<Choice> choices = {},
          std::optional<std::string> next = {}, bool end = false) {
    Step s;
    s.id = std::move(id);
    s.title = {title, title + " (en)"};
    s.choices = std::move(choices);
    s.next = std::move(next);
    s.end = end;
    return s;
}

// start → question (a: branch-a | b: branch-b) ; branch-a → done ; branch-b → problems ⇄ fix → done
Walkthrough sample() {
    Walkthrough w;
    w.id = "sample";
    w.title = {"Mẫu", "Sample"};
    w.steps = {
        step("start", "Bắt đầu"),
        step("question", "Hỏi?", {{"a", {"A", "A"}, "branch-a"}, {"b", {"B", "B"}, "branch-b"}}),
        step("branch-a", "Nhánh A", {}, "done"),
        step("branch-b", "Nhánh B"),
        step("problems", "Trục trặc?", {{"fix", {"Sửa", "Fix"}, "fix"}, {"ok", {"Ổn", "OK"}, "done"}}),
        step("fix", "Cách sửa", {}, "problems"),
        step("done", "Xong", {}, {}, true),
    };
    return w;
}

std::vector<std::string> ids(const std::vector<const Step*>& steps) {
    std::vector<std::string> out;
    for (const Step* s : steps)
        out.push_back(s->id);
    return out;
}

TEST(GuideSlipSteps, FollowTheFirstAnswersWhenNothingWasChosen) {
    EXPECT_EQ(ids(keySteps(sample(), {})), (std::vector<std::string>{"start", "branch-a", "done"}));
}

TEST(GuideSlipSteps, FollowTheAnswersTheCitizenChose) {
    EXPECT_EQ(ids(keySteps(sample(), {"start", "question", "branch-b"})),
              (std::vector<std::string>{"start", "branch-b", "fix", "done"}));
}

TEST(GuideSlipSteps, AProblemPageVisitedTwiceIsListedOnceAndTheSlipStillEnds) {
    EXPECT_EQ(
        ids(keySteps(sample(), {"start", "question", "branch-b", "problems", "fix", "problems", "done"})),
        (std::vector<std::string>{"start", "branch-b", "done"}));
    EXPECT_EQ(ids(keySteps(sample(), {"start", "question", "branch-b", "problems", "fix"})),
              (std::vector<std::string>{"start", "branch-b", "fix", "done"}));
}

TEST(GuideSlipSteps, EveryShippedWalkthroughListsStepsUpToAnEnd) {
    const fs::path assets(KIOSK_ASSETS_DIR);
    const auto library = loadContentDir(assets / "content", assets / "images");
    for (const Walkthrough& w : library.walkthroughs) {
        const auto steps = keySteps(w, {});
        ASSERT_GE(steps.size(), 3u) << w.id;
        EXPECT_TRUE(steps.back()->end) << w.id << " stops at " << steps.back()->id;
        for (const Step* s : steps)
            EXPECT_TRUE(s->choices.empty()) << w.id << " lists the question " << s->id;
    }
}

TEST(GuideSlip, SaysItInTheCitizensLanguageWithTheCentreAndItsHours) {
    std::vector<i18n::CatalogueProblem> problems;
    const auto catalogue = i18n::Catalogue::loadDir(fs::path(KIOSK_ASSETS_DIR) / "i18n", problems);
    ASSERT_TRUE(problems.empty());
    const SlipCentre centre{"UBND xã Mẫu Thử", "7:30 – 17:00"};
    const GuideSlip vi = makeGuideSlip(sample(), {}, catalogue, i18n::Language::Vi, centre, "03/12/2026");
    EXPECT_EQ(vi.centre, "UBND xã Mẫu Thử");
    EXPECT_EQ(vi.hours, "Giờ làm việc: 7:30 – 17:00");
    EXPECT_EQ(vi.title, "Mẫu");
    EXPECT_EQ(vi.steps, (std::vector<std::string>{"Bắt đầu", "Nhánh A", "Xong"}));
    ASSERT_EQ(vi.safetyRules.size(), 3u);
    EXPECT_NE(vi.safetyRules[0].find("mã OTP"), std::string::npos);
    EXPECT_NE(vi.safetyRules[1].find("đường link"), std::string::npos);
    EXPECT_EQ(vi.footer, "In tại kiosk ngày 03/12/2026");

    const GuideSlip en =
        makeGuideSlip(sample(), {}, catalogue, i18n::Language::En, {"UBND xã Mẫu Thử", ""}, "x");
    EXPECT_EQ(en.title, "Sample");
    EXPECT_EQ(en.steps.front(), "Bắt đầu (en)");
    EXPECT_TRUE(en.hours.empty()) << "no hours configured: no hours line";
    EXPECT_EQ(en.safetyHeading, "Always remember");
}

}  // namespace
}  // namespace kiosk::content
