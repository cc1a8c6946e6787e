// The "Nghe" buttons in the real window, with SDL's disk audio driver standing in for the sound
// card: what the kiosk plays is written to a raw file (16-bit mono at 22050 Hz) that the test
// listens to. The log says what was read, never the text.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "devices/QrCodeImage.h"
#include "support/Process.h"

namespace fs = std::filesystem;
using testsupport::runProcess;
using testsupport::XvfbServer;

namespace {

constexpr int kRate = 22050;

struct Heard {
    testsupport::ProcessResult run;
    std::vector<std::int16_t> samples;  // what went to the "sound card"
};

// The loudness of each 100 ms of what was played.
std::vector<double> windowRms(const std::vector<std::int16_t>& samples) {
    std::vector<double> out;
    const size_t window = kRate / 10;
    for (size_t at = 0; at + window <= samples.size(); at += window) {
        double sum = 0;
        for (size_t i = at; i < at + window; ++i)
            sum += double(samples[i]) * samples[i];
        out.push_back(std::sqrt(sum / double(window)));
    }
    return out;
}

fs::path cameraFolderWith(const std::string& name, const std::string& payload) {
    const fs::path folder = testsupport::freshTempDir("listen-camera-" + name);
    auto code = devices::renderQrCode(payload, 6);
    EXPECT_TRUE(code.ok());
    cv::Mat rgba(code->height, code->width, CV_8UC4, code->pixels.data());
    cv::Mat bgr;
    cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);
    cv::Mat frame(720, 1280, CV_8UC3, cv::Scalar(90, 110, 120));
    bgr.copyTo(frame(cv::Rect(320, (720 - bgr.rows) / 2, bgr.cols, bgr.rows)));
    EXPECT_TRUE(cv::imwrite((folder / "frame-001.png").string(), frame));
    return folder;
}

Heard runListening(const std::string& script, const std::string& size, std::vector<std::string> extra = {},
                   std::map<std::string, std::string> environment = {}) {
    XvfbServer xvfb;
    EXPECT_TRUE(xvfb.ok());
    const fs::path dir = testsupport::freshTempDir("listen-" + script + "-" + size);
    const fs::path played = dir / "played.raw";
    environment.emplace("DISPLAY", xvfb.display());
    environment.emplace("SDL_AUDIODRIVER", "disk");
    environment.emplace("SDL_DISKAUDIOFILE", played.string());
    std::vector<std::string> argv{KIOSK_BINARY, "--windowed", size, "--data-dir", (dir / "data").string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    for (const std::string& tail : {std::string("ui-script"), std::string("--screenshots"),
                                    (fs::path(KIOSK_SCREENSHOT_DIR) / size).string(),
                                    std::string(KIOSK_UI_SCRIPTS_DIR) + "/" + script + ".txt"})
        argv.push_back(tail);
    Heard heard{runProcess(argv, environment, std::chrono::seconds(120)), {}};
    std::ifstream in(played, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    heard.samples.resize(bytes.size() / 2);
    std::memcpy(heard.samples.data(), bytes.data(), heard.samples.size() * 2);
    return heard;
}

class ListenButton : public testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(ListenButton, ReadsAWalkthroughStepAndStopsWhenTheCitizenMovesOn) {
    const Heard heard = runListening("listen-walkthrough", GetParam());
    ASSERT_EQ(heard.run.exitCode, 0) << heard.run.output;
    EXPECT_NE(heard.run.output.find("speech: reading the walkthrough step (vi,"), std::string::npos)
        << heard.run.output;
    EXPECT_NE(heard.run.output.find("speech: stopped the walkthrough step (the citizen moved on)"),
              std::string::npos)
        << heard.run.output;
    EXPECT_EQ(heard.run.output.find("VNeID là"), std::string::npos) << "the text itself is never logged";

    // The step is ~26 s of speech; "Tiếp theo" came ~1.5 s in. The card heard a voice, then
    // silence for the last second of the run: the reading was cut, not left to run on.
    const auto rms = windowRms(heard.samples);
    ASSERT_GT(rms.size(), 20u) << "the disk driver wrote " << heard.samples.size() << " samples";
    const long voiced = std::count_if(rms.begin(), rms.end(), [](double value) { return value > 300; });
    EXPECT_GE(voiced, 5) << "at least half a second of voice was played";
    EXPECT_LE(voiced, 60) << "the reading went on after the citizen moved on";
    EXPECT_TRUE(std::all_of(rms.end() - 8, rms.end(), [](double value) { return value < 30; }))
        << "still sounding at the end of the run";
}

TEST_P(ListenButton, ReadsATicketAndStopsAtFinish) {
    const Heard heard = runListening("listen-ticket", GetParam());
    ASSERT_EQ(heard.run.exitCode, 0) << heard.run.output;
    EXPECT_NE(heard.run.output.find("speech: reading the ticket (vi,"), std::string::npos)
        << heard.run.output;
    EXPECT_NE(heard.run.output.find("speech: stopped the ticket (the citizen moved on)"), std::string::npos)
        << heard.run.output;
}

TEST_P(ListenButton, ReadsAScanResultInEnglishAndStopsAtHome) {
    const fs::path camera = cameraFolderWith("url", "http://vneid-gov.vn.example.com/kich-hoat");
    const Heard heard = runListening("listen-scan", GetParam(), {"--camera", camera.string()});
    ASSERT_EQ(heard.run.exitCode, 0) << heard.run.output;
    EXPECT_NE(heard.run.output.find("speech: reading the scan result (en,"), std::string::npos)
        << heard.run.output;
    EXPECT_NE(heard.run.output.find("speech: stopped the scan result (the citizen moved on)"),
              std::string::npos)
        << heard.run.output;
    EXPECT_EQ(heard.run.output.find("vneid-gov"), std::string::npos) << "what was read is never logged";
}

INSTANTIATE_TEST_SUITE_P(Sizes, ListenButton, testing::Values("1280x800", "1920x1080"));

TEST(ListenButtonOff, IsAbsentWhenSpeechIsDisabled) {
    const fs::path config = testsupport::freshTempDir("listen-off") / "kiosk.toml";
    std::ofstream(config) << "[speech]\nenabled = false\n";
    const fs::path script = config.parent_path() / "no-listen.txt";
    std::ofstream(script)
        << "tap Chạm để bắt đầu\ntap Tiếng Việt\ntap Tài khoản định danh VNeID\n"
           "tap Tài khoản VNeID mức 1 trên điện thoại\nexpect VNeID là gì?\nexpect-absent Nghe\n";
    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok());
    const auto run =
        runProcess({KIOSK_BINARY, "--windowed", "1280x800", "--config", config.string(), "--data-dir",
                    (config.parent_path() / "data").string(), "ui-script", script.string()},
                   {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(60));
    EXPECT_EQ(run.exitCode, 0) << run.output;
}

TEST(ListenButtonOff, NoSoundCardLeavesTheKioskSilentAndWorking) {
    // A driver that does not exist: SDL cannot open any sound output, as on a kiosk without one.
    const fs::path script = testsupport::freshTempDir("listen-no-card") / "no-card.txt";
    std::ofstream(script) << "tap Chạm để bắt đầu\ntap Tiếng Việt\ntap Tài khoản định danh VNeID\n"
                             "tap Tài khoản VNeID mức 1 trên điện thoại\ntap Nghe\nexpect-absent Nghe\n"
                             "expect-absent Dừng đọc\ntap Tiếp theo\nexpect Có thể bạn đã có mức 2\n";
    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok());
    const auto run = runProcess({KIOSK_BINARY, "--windowed", "1280x800", "--data-dir",
                                 (script.parent_path() / "data").string(), "ui-script", script.string()},
                                {{"DISPLAY", xvfb.display()}, {"SDL_AUDIODRIVER", "no-such-driver"}},
                                std::chrono::seconds(60));
    EXPECT_EQ(run.exitCode, 0) << run.output;
    const auto first = run.output.find("the kiosk stays silent");
    EXPECT_NE(first, std::string::npos) << run.output;
    EXPECT_EQ(run.output.find("the kiosk stays silent", first + 1), std::string::npos) << "logged once";
}
