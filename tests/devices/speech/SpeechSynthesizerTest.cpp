#include "devices/speech/SpeechSynthesizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "SpeechTestSupport.h"
#include "devices/speech/SpeechWorker.h"
#include "devices/speech/WavFile.h"

using devices::synthesizeSpeech;
using kiosk::i18n::Language;

namespace {
constexpr const char* kVietnamese = "Số thứ tự của bạn là A-12. Số người đang chờ trước bạn: 3.";
constexpr const char* kEnglish = "Your number is A-12. People waiting before you: 3.";

// espeak-ng adds a little randomness (noise in fricatives), so the same text twice is the same
// length but not the same samples.
bool sameUtterance(const std::vector<std::int16_t>& a, const std::vector<std::int16_t>& b) {
    const double longer = static_cast<double>(std::max(a.size(), b.size()));
    const double shorter = static_cast<double>(std::min(a.size(), b.size()));
    return longer > 0 && shorter / longer > 0.98;
}
}  // namespace

TEST(SpeechSynthesizer, SpeaksVietnameseAndEnglishAudiblyAtEspeakRate) {
    for (auto [text, language] : {std::pair{kVietnamese, Language::Vi}, std::pair{kEnglish, Language::En}}) {
        auto audio = synthesizeSpeech(text, language);
        ASSERT_TRUE(audio) << audio.error().message;
        EXPECT_EQ(audio->sampleRate, 22050);
        EXPECT_GT(testsupport::rms(audio->samples), testsupport::kSpeechRmsFloor) << text;
        const double characters = static_cast<double>(std::string_view(text).size());
        EXPECT_GT(audio->seconds(), characters * testsupport::kMinSecondsPerCharacter) << text;
        EXPECT_LT(audio->seconds(), characters * testsupport::kMaxSecondsPerCharacter) << text;
    }
}

TEST(SpeechSynthesizer, TheLanguageChoosesTheVoice) {
    auto vi = synthesizeSpeech("Xin chào", Language::Vi);
    auto en = synthesizeSpeech("Xin chào", Language::En);
    auto viAgain = synthesizeSpeech("Xin chào", Language::Vi);
    ASSERT_TRUE(vi && en && viAgain);
    EXPECT_FALSE(sameUtterance(vi->samples, en->samples));
    EXPECT_TRUE(sameUtterance(vi->samples, viAgain->samples))
        << "switching voices back and forth must not leave state behind";
}

TEST(SpeechSynthesizer, EmptyTextIsSilenceAndTooLongIsRefused) {
    auto empty = synthesizeSpeech("", Language::Vi);
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->samples.empty());
    auto tooLong = synthesizeSpeech(std::string(devices::kMaxSpokenBytes + 1, 'a'), Language::Vi);
    ASSERT_FALSE(tooLong);
    EXPECT_EQ(tooLong.error().code, "speech.too_long");
}

TEST(SpeechSynthesizer, CallsFromManyThreadsAreSerialisedAndAgree) {
    const auto alone = synthesizeSpeech(kEnglish, Language::En);
    ASSERT_TRUE(alone);
    std::vector<std::vector<std::int16_t>> heard(4);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < heard.size(); ++i) {
        threads.emplace_back([i, &heard] {
            auto audio =
                synthesizeSpeech(i % 2 ? kEnglish : kVietnamese, i % 2 ? Language::En : Language::Vi);
            if (audio) heard[i] = std::move(audio->samples);
        });
    }
    for (auto& thread : threads)
        thread.join();
    for (size_t i = 0; i < heard.size(); ++i) {
        EXPECT_FALSE(heard[i].empty()) << i;
        if (i % 2) {
            EXPECT_TRUE(sameUtterance(heard[i], alone->samples)) << i;
        }
    }
}

TEST(SpeechSynthesizer, CancellingStopsEarly) {
    std::atomic<bool> cancelled{true};
    auto audio = synthesizeSpeech(kVietnamese, Language::Vi, &cancelled);
    ASSERT_FALSE(audio);
    EXPECT_EQ(audio.error().code, "speech.cancelled");
}

TEST(WavFile, RoundTripsSamplesAndRate) {
    devices::SpeechAudio audio;
    audio.sampleRate = 16000;
    audio.samples = {0, 1, -1, 32767, -32768, 1234};
    const std::string bytes = devices::wavBytes(audio);
    EXPECT_EQ(bytes.size(), 44u + 2 * audio.samples.size());
    EXPECT_EQ(bytes.substr(0, 4), "RIFF");
    auto back = devices::parseWav(bytes);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->sampleRate, 16000);
    EXPECT_EQ(back->samples, audio.samples);
}

TEST(WavFile, RefusesWhatIsNotMonoPcm) {
    EXPECT_FALSE(devices::parseWav("RIFF....WAVE"));
    EXPECT_FALSE(devices::parseWav("not a wav file at all"));
    devices::SpeechAudio audio;
    audio.samples.assign(4, 100);
    std::string stereo = devices::wavBytes(audio);
    stereo[22] = 2;  // channels
    EXPECT_FALSE(devices::parseWav(stereo));
    std::string cut = devices::wavBytes(audio);
    cut.resize(cut.size() - 4);
    EXPECT_FALSE(devices::parseWav(cut));
}

namespace {
devices::SpeechWorker::Spoken waitFor(devices::SpeechWorker& worker) {
    for (int i = 0; i < 1000; ++i) {
        if (auto done = worker.take()) return std::move(*done);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ADD_FAILURE() << "no speech within 5 s";
    return {};
}
}  // namespace

TEST(SpeechWorker, DeliversTheLatestRequestOnly) {
    devices::SpeechWorker worker;
    worker.request(std::string(kVietnamese) + " " + kVietnamese, Language::Vi);
    const auto latest = worker.request(kEnglish, Language::En);
    EXPECT_TRUE(worker.busy());
    const auto done = waitFor(worker);
    EXPECT_EQ(done.id, latest);
    ASSERT_TRUE(done.audio) << done.audio.error().message;
    const auto direct = synthesizeSpeech(kEnglish, Language::En);
    EXPECT_TRUE(sameUtterance(done.audio->samples, direct->samples));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_FALSE(worker.take()) << "a result is handed over once";
    EXPECT_FALSE(worker.busy());
}

TEST(SpeechWorker, CancelDropsWhatWasAsked) {
    devices::SpeechWorker worker;
    worker.request(kVietnamese, Language::Vi);
    worker.cancel();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_FALSE(worker.take());
    EXPECT_FALSE(worker.busy());
    const auto next = worker.request(kEnglish, Language::En);
    EXPECT_EQ(waitFor(worker).id, next);
}
