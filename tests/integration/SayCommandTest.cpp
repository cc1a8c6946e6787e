// `commune-kiosk say`: the kiosk's voice into a WAV file, through the real binary, as a check
// outside the project would use it. No sound card is involved.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "../devices/speech/SpeechTestSupport.h"
#include "devices/speech/WavFile.h"
#include "kiosk/Files.h"
#include "support/Process.h"

namespace fs = std::filesystem;
using testsupport::runProcess;

namespace {

struct Said {
    int exitCode = -1;
    std::string output;
    devices::SpeechAudio audio;
};

Said say(const std::vector<std::string>& arguments, const std::string& name) {
    const fs::path out = testsupport::freshTempDir("say") / name;
    std::vector<std::string> argv{KIOSK_BINARY, "say", "--out", out.string()};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    const auto run = runProcess(argv);
    Said said{run.exitCode, run.output, {}};
    auto bytes = kiosk::readTextFile(out);
    EXPECT_TRUE(bytes) << run.output;
    if (!bytes) return said;
    auto audio = devices::parseWav(*bytes);
    EXPECT_TRUE(audio) << audio.error().message;
    // Nothing after the samples: the header's sizes are the file's.
    if (!audio) return said;
    EXPECT_EQ(bytes->size(), 44 + 2 * audio->samples.size());
    said.audio = std::move(*audio);
    return said;
}

void expectPlausibleSpeech(const Said& said, std::string_view text) {
    ASSERT_EQ(said.exitCode, 0) << said.output;
    EXPECT_NE(said.output.find("s of speech at 22050 Hz"), std::string::npos) << said.output;
    EXPECT_EQ(said.audio.sampleRate, 22050);
    EXPECT_GT(testsupport::rms(said.audio.samples), testsupport::kSpeechRmsFloor);
    const double characters = static_cast<double>(text.size());
    EXPECT_GT(said.audio.seconds(), characters * testsupport::kMinSecondsPerCharacter) << text;
    EXPECT_LT(said.audio.seconds(), characters * testsupport::kMaxSecondsPerCharacter) << text;
}

constexpr std::string_view kVietnamese = "Số thứ tự của bạn là A-12. Số người đang chờ trước bạn: 3.";
constexpr std::string_view kEnglish = "Your number is A-12. People waiting before you: 3.";

}  // namespace

TEST(SayCommand, WritesAudibleVietnameseOfPlausibleLength) {
    expectPlausibleSpeech(say({std::string(kVietnamese)}, "vi.wav"), kVietnamese);
}

TEST(SayCommand, WritesAudibleEnglishWithLangEn) {
    expectPlausibleSpeech(say({"--lang", "en", std::string(kEnglish)}, "en.wav"), kEnglish);
}

TEST(SayCommand, LongerTextGivesLongerSpeech) {
    const std::string twice = std::string(kVietnamese) + " " + std::string(kVietnamese);
    const Said once = say({std::string(kVietnamese)}, "once.wav");
    const Said both = say({twice}, "twice.wav");
    ASSERT_EQ(both.exitCode, 0) << both.output;
    EXPECT_GT(both.audio.seconds(), once.audio.seconds() * 1.7);
    EXPECT_LT(both.audio.seconds(), once.audio.seconds() * 2.3);
}

TEST(SayCommand, WordsAreJoinedAndTheGlobalLangIsHonoured) {
    const fs::path out = testsupport::freshTempDir("say-global") / "hello.wav";
    const auto run =
        runProcess({KIOSK_BINARY, "--lang", "en", "say", "--out", out.string(), "Hello", "there"});
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("(en,"), std::string::npos) << run.output;
}

TEST(SayCommand, BadArgumentsExitTwoWithOneClearLineAndWriteNothing) {
    const fs::path dir = testsupport::freshTempDir("say-bad");
    const std::string out = (dir / "x.wav").string();
    const std::pair<std::vector<std::string>, std::string> cases[] = {
        {{"say", "--out", out}, "TEXT is required"},
        {{"say", "hello"}, "--out is required"},
        {{"say", "--lang", "fr", "--out", out, "bonjour"}, "--lang"},
        {{"say", "--out", out, "   "}, "say: TEXT is empty"},
        {{"say", "--out", (dir / "missing" / "x.wav").string(), "hello"}, "is not a folder"},
        {{"say", "--out", out, std::string(8001, 'a')}, "at most 8000"},
    };
    for (const auto& [arguments, message] : cases) {
        std::vector<std::string> argv{KIOSK_BINARY};
        argv.insert(argv.end(), arguments.begin(), arguments.end());
        const auto run = runProcess(argv);
        EXPECT_EQ(run.exitCode, 2) << run.output;
        EXPECT_NE(run.output.find(message), std::string::npos) << message << " in: " << run.output;
        EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << run.output;
        EXPECT_FALSE(fs::exists(out)) << run.output;
    }
}
