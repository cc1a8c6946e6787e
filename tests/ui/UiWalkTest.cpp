#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <regex>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "devices/QrCodeImage.h"
#include "kiosk/scan/VietQrBuilder.h"
#include "support/Process.h"

namespace fs = std::filesystem;
using testsupport::runProcess;
using testsupport::XvfbServer;

namespace {

struct PngSize {
    uint32_t width = 0;
    uint32_t height = 0;
};

// Width and height from the IHDR chunk; zeros if it is not a PNG.
PngSize readPngSize(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    unsigned char header[24] = {};
    in.read(reinterpret_cast<char*>(header), sizeof header);
    static const unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (!in || std::memcmp(header, kSignature, 8) != 0) return {};
    auto be32 = [&](int at) {
        return (uint32_t(header[at]) << 24) | (uint32_t(header[at + 1]) << 16) |
               (uint32_t(header[at + 2]) << 8) | uint32_t(header[at + 3]);
    };
    return {be32(16), be32(20)};
}

constexpr const char* kWalkShots[] = {"attract.png",       "language.png",      "home.png",
                                      "tile-guides.png",   "help-recorded.png", "idle-question.png",
                                      "wiped-attract.png", "home-vi.png"};

class FoundationWalk : public testing::TestWithParam<std::pair<int, int>> {};

}  // namespace

TEST_P(FoundationWalk, AttractLanguageHomeTileHelpIdleWipe) {
    const auto [width, height] = GetParam();
    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok()) << "Xvfb did not start (is the xvfb package installed?)";

    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    const fs::path shots = fs::path(KIOSK_SCREENSHOT_DIR) / size;
    const fs::path data = testsupport::freshTempDir("ui-walk-data-" + size);
    // Only this walk's own files: other tests leave theirs in the same folder.
    for (const char* name : kWalkShots)
        fs::remove(shots / name);
    fs::remove_all(data);

    const auto run = runProcess(
        {KIOSK_BINARY, "--windowed", size, "--data-dir", data.string(), "ui-script", "--screenshots",
         shots.string(), std::string(KIOSK_UI_SCRIPTS_DIR) + "/foundation-walk.txt"},
        {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(120));
    ASSERT_FALSE(run.timedOut) << run.output;
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("steps passed"), std::string::npos) << run.output;

    for (const char* name : {"attract.png", "language.png", "home.png", "tile-guides.png",
                             "help-recorded.png", "idle-question.png", "wiped-attract.png", "home-vi.png"}) {
        const PngSize png = readPngSize(shots / name);
        EXPECT_EQ(png.width, static_cast<uint32_t>(width)) << name;
        EXPECT_EQ(png.height, static_cast<uint32_t>(height)) << name;
    }
    // The help request the walk made was kept.
    EXPECT_TRUE(fs::exists(data / "kiosk.sqlite3"));
}

INSTANTIATE_TEST_SUITE_P(Sizes, FoundationWalk, testing::Values(std::pair{1280, 800}, std::pair{1920, 1080}),
                         [](const testing::TestParamInfo<std::pair<int, int>>& param) {
                             return std::to_string(param.param.first) + "x" +
                                    std::to_string(param.param.second);
                         });

TEST(UiScript, FailsWhenALabelIsNotShown) {
    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok());
    const fs::path script = testsupport::freshTempDir("missing-label") / "missing-label.txt";
    std::ofstream(script) << "expect Chạm để bắt đầu\nexpect A label no screen has\n";
    const auto run =
        runProcess({KIOSK_BINARY, "--windowed", "1280x800", "--data-dir",
                    testsupport::freshTempDir("ui-missing").string(), "ui-script", script.string()},
                   {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(60));
    EXPECT_EQ(run.exitCode, 1) << run.output;
    EXPECT_NE(run.output.find("missing-label.txt:2: 'A label no screen has' is not on screen"),
              std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find("visible: "), std::string::npos);
}

TEST(UiScript, BadScriptIsAnInputErrorWithItsLine) {
    const fs::path script = testsupport::freshTempDir("bad-script") / "bad-script.txt";
    std::ofstream(script) << "expect Chạm để bắt đầu\nclick somewhere\n";
    const auto run = runProcess({KIOSK_BINARY, "ui-script", script.string()}, {{"DISPLAY", ":0"}});
    EXPECT_EQ(run.exitCode, 2) << run.output;
    EXPECT_NE(run.output.find("bad-script.txt:2: unknown command 'click'"), std::string::npos) << run.output;
}

TEST(StorageProblem, IsShownOnScreenAndTheKioskKeepsWorking) {
    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok());
    const fs::path notADirectory = testsupport::freshTempDir("storage-problem") / "data-dir-is-a-file";
    std::ofstream(notADirectory) << "not a directory";
    const fs::path script = testsupport::freshTempDir("storage-script") / "storage-problem.txt";
    std::ofstream(script) << "expect Kiosk không lưu được dữ liệu\n"
                             "tap Chạm để bắt đầu\n"
                             "tap Tiếng Việt\n"
                             "expect Kiosk không lưu được dữ liệu\n"
                             "screenshot storage-problem.png\n"
                             "tap Gọi hỗ trợ\n"
                             "expect Chưa ghi nhận được yêu cầu\n";
    const auto run = runProcess({KIOSK_BINARY, "--windowed", "1280x800", "--data-dir", notADirectory.string(),
                                 "ui-script", "--screenshots", KIOSK_SCREENSHOT_DIR, script.string()},
                                {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(60));
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("storage: cannot use the data directory " + notADirectory.string()),
              std::string::npos)
        << run.output;
}

TEST(TouchScroll, FingerDragScrollsTheHomeTilesWithoutTapping) {
    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok());
    const fs::path shots = fs::path(KIOSK_SCREENSHOT_DIR) / "1024x600";
    const auto run =
        runProcess({KIOSK_BINARY, "--windowed", "1024x600", "--data-dir",
                    testsupport::freshTempDir("ui-scroll").string(), "ui-script", "--screenshots",
                    shots.string(), std::string(KIOSK_UI_SCRIPTS_DIR) + "/touch-scroll.txt"},
                   {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(60));
    EXPECT_EQ(run.exitCode, 0) << run.output;
}

class WalkthroughWalk : public testing::TestWithParam<std::tuple<std::string, std::pair<int, int>>> {};

TEST_P(WalkthroughWalk, ReachesTheEnd) {
    const auto& [script, size] = GetParam();
    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok());
    const std::string window = std::to_string(size.first) + "x" + std::to_string(size.second);
    const fs::path shots = fs::path(KIOSK_SCREENSHOT_DIR) / window;
    const auto run =
        runProcess({KIOSK_BINARY, "--windowed", window, "--data-dir",
                    testsupport::freshTempDir("ui-" + script + window).string(), "ui-script", "--screenshots",
                    shots.string(), std::string(KIOSK_UI_SCRIPTS_DIR) + "/" + script + ".txt"},
                   {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(120));
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_EQ(run.output.find("walkthrough refused"), std::string::npos) << run.output;
}

INSTANTIATE_TEST_SUITE_P(
    Scripts, WalkthroughWalk,
    testing::Combine(testing::Values("vneid-level1-nfc", "vneid-level1-no-nfc", "qr-payment"),
                     testing::Values(std::pair{1280, 800}, std::pair{1920, 1080})),
    [](const testing::TestParamInfo<std::tuple<std::string, std::pair<int, int>>>& param) {
        std::string name = std::get<0>(param.param) + "_" + std::to_string(std::get<1>(param.param).first);
        for (char& c : name) {
            if (c == '-') c = '_';
        }
        return name;
    });

namespace {

// A camera-like 1280x720 frame: the code, smaller than the frame, on a grey-brown table.
fs::path cameraFolderWith(const std::string& name, const std::string& payload) {
    const fs::path folder = testsupport::freshTempDir("camera-" + name);
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

testsupport::ProcessResult runScanScript(const std::string& script, const std::string& camera) {
    XvfbServer xvfb;
    EXPECT_TRUE(xvfb.ok());
    return runProcess({KIOSK_BINARY, "--windowed", "1280x800", "--camera", camera, "--data-dir",
                       testsupport::freshTempDir("ui-" + script).string(), "ui-script", "--screenshots",
                       (fs::path(KIOSK_SCREENSHOT_DIR) / "1280x800").string(),
                       std::string(KIOSK_UI_SCRIPTS_DIR) + "/" + script + ".txt"},
                      {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(120));
}

}  // namespace

TEST(ScanScreen, ExplainsABankPaymentCode) {
    auto payload = kiosk::scan::buildVietQr({.bin = "970436",
                                             .account = "0011001234567",
                                             .amount = 50000,
                                             .purpose = "Thanh toan don 12",
                                             .merchantName = "CUA HANG MAU"});
    ASSERT_TRUE(payload.ok());
    const auto run = runScanScript("scan-vietqr", cameraFolderWith("vietqr", *payload).string());
    EXPECT_EQ(run.exitCode, 0) << run.output;
}

TEST(ScanScreen, NamesAnotherSchemesPaymentCodeAndTheAppToPayIt) {
    // The static example of Banco Central do Brasil's Pix manual (see tests/unit/scan/EmvPaymentTest.cpp).
    const auto pix = runScanScript(
        "scan-emv",
        cameraFolderWith("emv-pix",
                         "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-42665544000052040000"
                         "53039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D")
            .string());
    EXPECT_EQ(pix.exitCode, 0) << pix.output;
    // dtinth/promptpay-qr's "Amount" test case: 4.22 baht.
    const auto promptPay = runScanScript(
        "scan-emv-en",
        cameraFolderWith("emv-promptpay",
                         "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469")
            .string());
    EXPECT_EQ(promptPay.exitCode, 0) << promptPay.output;
}

TEST(ScanScreen, AsksBeforeShowingAnIdCardAndMasksTheNumber) {
    // A made-up citizen: province 001, 1900s male, born 1985.
    const auto run = runScanScript(
        "scan-cccd",
        cameraFolderWith("cccd", "001085012345||Nguyen Van Thu|15031985|Nam|Thon Mau, Xa Thu|01022021")
            .string());
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_EQ(run.output.find("001085012345"), std::string::npos) << "no ID number in the logs";
    EXPECT_EQ(run.output.find("Nguyen Van Thu"), std::string::npos) << "no name in the logs";
}

TEST(ScanScreen, WarnsAboutALookalikeLink) {
    const auto run = runScanScript(
        "scan-url", cameraFolderWith("url", "http://vneid-gov.vn.example.com/kich-hoat").string());
    EXPECT_EQ(run.exitCode, 0) << run.output;
}

TEST(ScanScreen, SaysPlainlyWhenThereIsNoCamera) {
    const auto run = runScanScript("scan-no-camera", "/dev/video99");
    EXPECT_EQ(run.exitCode, 0) << run.output;
}

TEST(TicketScreen, IssuesNumbersInOrderAndShowsWhoIsAhead) {
    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok());
    const auto run = runProcess({KIOSK_BINARY, "--windowed", "1280x800", "--data-dir",
                                 testsupport::freshTempDir("ui-ticket").string(), "ui-script",
                                 "--screenshots", (fs::path(KIOSK_SCREENSHOT_DIR) / "1280x800").string(),
                                 std::string(KIOSK_UI_SCRIPTS_DIR) + "/take-ticket.txt"},
                                {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(120));
    EXPECT_EQ(run.exitCode, 0) << run.output;
}

// Ticket → volunteer signs in (after one wrong PIN) → call next → done with the help log →
// the citizen rates → statistics count it. The volunteer is added the way a technician does.
TEST(VolunteerDesk, ServesATicketLogsTheHelpAndCountsIt) {
    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok());
    const fs::path dataDir = testsupport::freshTempDir("ui-desk");
    const auto added =
        runProcess({"/bin/sh", "-c", "echo 481592 | \"$0\" --data-dir \"$1\" volunteers add Lan --pin-stdin",
                    KIOSK_BINARY, dataDir.string()});
    ASSERT_EQ(added.exitCode, 0) << added.output;
    const fs::path usb = dataDir / "usb";
    fs::create_directories(usb);
    const auto run = runProcess(
        {KIOSK_BINARY, "--windowed", "1280x800", "--data-dir", dataDir.string(), "--usb-dir", usb.string(),
         "ui-script", "--screenshots", (fs::path(KIOSK_SCREENSHOT_DIR) / "1280x800").string(),
         std::string(KIOSK_UI_SCRIPTS_DIR) + "/volunteer-desk.txt"},
        {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(120));
    EXPECT_EQ(run.exitCode, 0) << run.output;
    // The on-screen export wrote this month's help log to the "stick".
    std::vector<fs::path> exportedFiles;
    for (const auto& entry : fs::directory_iterator(usb))
        exportedFiles.push_back(entry.path());
    ASSERT_EQ(exportedFiles.size(), 1u);
    EXPECT_EQ(exportedFiles[0].extension(), ".csv");
    // The help log reached the database and the export a commune sends to the district.
    const fs::path csv = dataDir / "help.csv";
    const auto exported = runProcess({KIOSK_BINARY, "--data-dir", dataDir.string(), "export", "--from",
                                      "2000-01-01", "--to", "2100-12-31", csv.string()});
    ASSERT_EQ(exported.exitCode, 0) << exported.output;
    std::ifstream in(csv);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("A001"), std::string::npos) << text;
    EXPECT_NE(text.find("vneid_level1"), std::string::npos) << text;
    EXPECT_NE(text.find("satisfied"), std::string::npos) << text;
}

// Issue #16 item 5: signed out while serving A001, the volunteer is offered it at the next sign-in
// and goes on to the help-log form for it.
TEST(VolunteerDesk, OffersTheTicketLeftBeingServedAtTheNextSignIn) {
    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok());
    const fs::path dataDir = testsupport::freshTempDir("ui-desk-resume");
    const auto added =
        runProcess({"/bin/sh", "-c", "echo 481592 | \"$0\" --data-dir \"$1\" volunteers add Lan --pin-stdin",
                    KIOSK_BINARY, dataDir.string()});
    ASSERT_EQ(added.exitCode, 0) << added.output;
    const auto run =
        runProcess({KIOSK_BINARY, "--windowed", "1280x800", "--data-dir", dataDir.string(), "ui-script",
                    "--screenshots", (fs::path(KIOSK_SCREENSHOT_DIR) / "1280x800").string(),
                    std::string(KIOSK_UI_SCRIPTS_DIR) + "/desk-resume.txt"},
                   {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(120));
    EXPECT_EQ(run.exitCode, 0) << run.output;
}

// Issue #16 item 10: five wrong PINs lock a name and pause every pad with a countdown; the team
// leader lifts the lock with their own PIN. Run at both screen sizes (the pad gains a button). The
// pause is wall time kept in the database, which the script's `advance` does not move, so each
// walk really waits 31 s: the two sizes run side by side to keep that wait off the suite's length.
TEST(VolunteerDesk, TeamLeaderLiftsALockAfterTheKioskPause) {
    const auto walk = [](std::string size) -> std::string {
        XvfbServer xvfb;
        if (!xvfb.ok()) return "no Xvfb";
        const fs::path dataDir = testsupport::freshTempDir("ui-desk-leader-" + size);
        for (const char* add :
             {"echo 481592 | \"$0\" --data-dir \"$1\" volunteers add Lan --pin-stdin",
              "echo 582046 | \"$0\" --data-dir \"$1\" volunteers add Hoa --pin-stdin --team-leader"}) {
            const auto added = runProcess({"/bin/sh", "-c", add, KIOSK_BINARY, dataDir.string()});
            if (added.exitCode != 0) return "volunteers add: " + added.output;
        }
        const auto run =
            runProcess({KIOSK_BINARY, "--windowed", size, "--data-dir", dataDir.string(), "ui-script",
                        "--screenshots", (fs::path(KIOSK_SCREENSHOT_DIR) / size).string(),
                        std::string(KIOSK_UI_SCRIPTS_DIR) + "/desk-leader-unlock.txt"},
                       {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(150));
        return run.exitCode == 0 ? std::string() : run.output;
    };
    auto small = std::async(std::launch::async, walk, "1280x800");
    auto large = std::async(std::launch::async, walk, "1920x1080");
    EXPECT_EQ(small.get(), "") << "1280x800";
    EXPECT_EQ(large.get(), "") << "1920x1080";
}

namespace {

testsupport::ProcessResult runWithPrinter(const std::string& name, const std::string& printer) {
    XvfbServer xvfb;
    const fs::path dataDir = testsupport::freshTempDir("ui-" + name);
    fs::create_directories(dataDir);
    std::ofstream(dataDir / "kiosk.toml") << "[printer]\ndevice = \"" << printer << "\"\n";
    return runProcess({KIOSK_BINARY, "--config", (dataDir / "kiosk.toml").string(), "--windowed", "1280x800",
                       "--data-dir", dataDir.string(), "ui-script", "--screenshots",
                       (fs::path(KIOSK_SCREENSHOT_DIR) / "1280x800").string(),
                       std::string(KIOSK_UI_SCRIPTS_DIR) + "/" + name + ".txt"},
                      {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(120));
}

}  // namespace

TEST(TicketPrinting, PrintsTheSlipAsAnEscPosRaster) {
    const fs::path slip = testsupport::freshTempDir("ui-slip") / "slip.bin";
    fs::create_directories(slip.parent_path());
    const auto run = runWithPrinter("print-ticket", "file:" + slip.string());
    ASSERT_EQ(run.exitCode, 0) << run.output;
    std::ifstream in(slip, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(bytes.size(), 1000u);
    EXPECT_EQ(bytes.substr(0, 5), std::string("\x1b@\x1dv0", 5));  // ESC @, then GS v 0 raster
}

namespace {

// Rows of each slip in an ESC/POS stream: a slip starts at ESC @, its raster is GS v 0 bands.
std::vector<int> slipRows(const std::string& bytes) {
    std::vector<int> rows;
    for (size_t i = 0; i + 1 < bytes.size();) {
        if (bytes[i] == '\x1b' && bytes[i + 1] == '@') {
            rows.push_back(0);
            i += 2;
        } else if (i + 8 <= bytes.size() && bytes.compare(i, 3, "\x1dv0") == 0 && !rows.empty()) {
            const auto at = [&](size_t k) { return static_cast<unsigned char>(bytes[i + k]); };
            const int widthBytes = at(4) + 256 * at(5);
            const int height = at(6) + 256 * at(7);
            rows.back() += height;
            i += 8 + static_cast<size_t>(widthBytes) * static_cast<size_t>(height);
        } else {
            ++i;
        }
    }
    return rows;
}

}  // namespace

TEST(GuidePrinting, PrintsATakeHomeSlipFromAStepAndFromTheEnd) {
    const fs::path slips = testsupport::freshTempDir("ui-guide") / "guides.bin";
    fs::create_directories(slips.parent_path());
    const auto run = runWithPrinter("print-guide", "file:" + slips.string());
    ASSERT_EQ(run.exitCode, 0) << run.output;
    std::ifstream in(slips, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Both prints said "Đã in xong" on screen (the script expects it twice); a file printer is
    // rewritten by each print, so it holds the last slip, the one from the end.
    const std::vector<int> rows = slipRows(bytes);
    ASSERT_EQ(rows.size(), 1u);
    for (const int height : rows) {
        EXPECT_GT(height, 400);      // title, steps, rules and centre: several centimetres
        EXPECT_LE(height, 400 * 8);  // at most 40 cm at 8 dots per mm
    }
}

TEST(TicketPrinting, AnUnreachablePrinterNeverStopsTheTicket) {
    const auto run = runWithPrinter("print-ticket-unreachable", "tcp:127.0.0.1:1");
    EXPECT_EQ(run.exitCode, 0) << run.output;
}

// The household count keeps an HMAC key, never the card: the ID number and name appear in no
// file the kiosk wrote, while the export shows the ticket has a household.
TEST(TicketScreen, CountsAHouseholdFromTheIdCardWithoutKeepingTheCard) {
    const std::string card = "001090012345|123456789|Nguyễn Văn Thử|01011990|Nam|Xã Ví Dụ|15062021";
    const fs::path camera = cameraFolderWith("household", card);
    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok());
    const fs::path dataDir = testsupport::freshTempDir("ui-household");
    const auto run = runProcess(
        {KIOSK_BINARY, "--windowed", "1280x800", "--camera", camera.string(), "--data-dir", dataDir.string(),
         "ui-script", "--screenshots", (fs::path(KIOSK_SCREENSHOT_DIR) / "1280x800").string(),
         std::string(KIOSK_UI_SCRIPTS_DIR) + "/household-ticket.txt"},
        {{"DISPLAY", xvfb.display()}}, std::chrono::seconds(120));
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_EQ(run.output.find("001090012345"), std::string::npos) << "the ID number must never be logged";

    const fs::path csv = testsupport::freshTempDir("ui-household-export") / "help.csv";
    fs::create_directories(csv.parent_path());
    const auto exported = runProcess({KIOSK_BINARY, "--data-dir", dataDir.string(), "export", "--from",
                                      "2000-01-01", "--to", "2100-12-31", csv.string()});
    ASSERT_EQ(exported.exitCode, 0) << exported.output;
    std::ifstream in(csv);
    std::string header;
    std::string row;
    std::getline(in, header);
    std::getline(in, row);
    EXPECT_NE(row.find("A001"), std::string::npos) << row;
    EXPECT_TRUE(std::regex_search(row, std::regex(",[0-9a-f]{10},"))) << "household column: " << row;

    for (const auto& entry : fs::recursive_directory_iterator(dataDir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream file(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        EXPECT_EQ(bytes.find("001090012345"), std::string::npos) << entry.path();
        EXPECT_EQ(bytes.find("Nguyễn Văn Thử"), std::string::npos) << entry.path();
    }
}
