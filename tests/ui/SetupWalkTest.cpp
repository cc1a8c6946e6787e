// The first-run setup wizard and the diagnostics screen, walked under Xvfb by the real binary:
// `commune-kiosk setup` and `commune-kiosk diagnostics` with --ui-script (scripts/setup-*.txt).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "devices/QrCodeImage.h"
#include "support/Process.h"

namespace fs = std::filesystem;
using testsupport::runProcess;
using testsupport::XvfbServer;

namespace {

// A camera-like frame with a QR code, in a folder the camera source plays.
fs::path cameraFolder() {
    const fs::path folder = testsupport::freshTempDir("setup-camera");
    auto code = devices::renderQrCode("https://dichvucong.gov.vn", 6);
    EXPECT_TRUE(code.ok());
    cv::Mat rgba(code->height, code->width, CV_8UC4, code->pixels.data());
    cv::Mat bgr;
    cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);
    cv::Mat frame(720, 1280, CV_8UC3, cv::Scalar(90, 110, 120));
    bgr.copyTo(frame(cv::Rect(320, (720 - bgr.rows) / 2, bgr.cols, bgr.rows)));
    EXPECT_TRUE(cv::imwrite((folder / "frame-001.png").string(), frame));
    return folder;
}

std::string readAll(const fs::path& file) {
    std::ifstream in(file);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST(SetupWizard, WalksEveryStepAndWritesTheConfigThenDiagnosticsOpenWithTheTechnicianPin) {
    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok()) << "Xvfb did not start (is the xvfb package installed?)";
    const fs::path dir = testsupport::freshTempDir("setup-walk");
    const fs::path etc = dir / "etc";
    const fs::path data = dir / "data";
    fs::create_directories(etc);
    const fs::path config = etc / "kiosk.toml";
    // The package's default config with a file printer, so the test print has somewhere to go.
    std::string text =
        readAll(fs::path(KIOSK_UI_SCRIPTS_DIR) / ".." / ".." / ".." / "packaging" / "commune-kiosk.toml");
    const auto device = text.find("device = \"\"");
    ASSERT_NE(device, std::string::npos);
    text.replace(device, 11, "device = \"file:" + (dir / "slips.bin").string() + "\"");
    std::ofstream(config) << text;
    // The walk types "ds.csv" after the config's folder, which the roster field starts from.
    std::ofstream(etc / "ds.csv") << "Tên,Điện thoại\r\nLan,x\r\nHùng,y\r\n0912345678\r\n";
    const fs::path shots = fs::path(KIOSK_SCREENSHOT_DIR) / "1280x800";
    fs::create_directories(shots);

    const auto walk =
        runProcess({KIOSK_BINARY, "--windowed", "1280x800", "--config", config.string(), "--data-dir",
                    data.string(), "--camera", cameraFolder().string(), "setup", "--ui-script",
                    std::string(KIOSK_UI_SCRIPTS_DIR) + "/setup-walk.txt", "--screenshots", shots.string()},
                   {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(240));
    ASSERT_FALSE(walk.timedOut) << walk.output;
    ASSERT_EQ(walk.exitCode, 0) << walk.output;
    EXPECT_NE(walk.output.find("steps passed"), std::string::npos) << walk.output;

    const std::string written = readAll(config);
    EXPECT_NE(written.find("commune_code = \"09877\""), std::string::npos) << written;
    EXPECT_NE(written.find("server_url = \"https://sync.vn\""), std::string::npos) << written;
    EXPECT_NE(written.find("# the 5-digit commune code"), std::string::npos) << "comments survive";
    EXPECT_TRUE(fs::exists(data / "kiosk.sqlite3"));
    EXPECT_TRUE(fs::exists(dir / "slips.bin")) << "the test print went to the file printer";
    for (const char* name :
         {"setup-commune-problem.png", "setup-commune.png", "setup-camera.png", "setup-printer.png",
          "setup-roster.png", "setup-review.png", "setup-written.png"}) {
        EXPECT_TRUE(fs::exists(shots / name)) << name;
    }

    // The diagnostics are looked at on both screen sizes the kiosks ship with.
    for (const std::string size : {"1280x800", "1920x1080"}) {
        const fs::path diagnosticsShots = fs::path(KIOSK_SCREENSHOT_DIR) / size;
        fs::create_directories(diagnosticsShots);
        for (const auto& entry : fs::directory_iterator(diagnosticsShots)) {
            if (entry.path().filename().string().starts_with("commune-kiosk-support-"))
                fs::remove(entry.path());
        }
        const auto diagnostics = runProcess(
            {KIOSK_BINARY, "--windowed", size, "--config", config.string(), "--data-dir", data.string(),
             "diagnostics", "--ui-script", std::string(KIOSK_UI_SCRIPTS_DIR) + "/setup-diagnostics.txt",
             "--screenshots", diagnosticsShots.string()},
            {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(120));
        ASSERT_EQ(diagnostics.exitCode, 0) << size << "\n" << diagnostics.output;
        bool bundle = false;
        for (const auto& entry : fs::directory_iterator(diagnosticsShots))
            bundle |= entry.path().filename().string().starts_with("commune-kiosk-support-");
        EXPECT_TRUE(bundle) << size << ": the support bundle was saved into the folder the screen showed";
    }
}
