// The technician's and the province's commands on the real binary: keygen, sign, provision,
// doctor; exit status 0 / 2 (refused input) / 1 (a doctor check failed), one line on refusal.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kiosk/config/KioskConfig.h"
#include "kiosk/store/Database.h"
#include "support/Process.h"

namespace fs = std::filesystem;
using testsupport::runProcess;

namespace {

int lineCount(const std::string& text) {
    int lines = 0;
    for (char c : text)
        lines += c == '\n';
    return lines;
}

std::string readAll(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string bundleText(int version, const std::string& token) {
    return "bundle_version = " + std::to_string(version) +
           "\nkiosk_id = \"xa-tan-lap-01\"\ncommune_name = \"Xã Tân Lập\"\ncommune_code = \"09877\"\n"
           "[sync]\nserver_url = \"https://sync.tinh.example/api\"\ntoken = \"" +
           token + "\"\n[desk]\nrecall_window = 5\n";
}

// A province key, a kiosk config trusting it, and a folder for bundles.
class TechnicianCli : public testing::Test {
protected:
    void SetUp() override {
        dir_ = testsupport::freshTempDir(std::string("tech-") +
                                         testing::UnitTest::GetInstance()->current_test_info()->name());
        const auto keygen = runProcess({KIOSK_BINARY, "keygen", "--out", (dir_ / "province").string()});
        ASSERT_EQ(keygen.exitCode, 0) << keygen.output;
        publicKey_ = readAll(dir_ / "province" / "province.pub");
        publicKey_.pop_back();  // the newline
        ASSERT_NE(keygen.output.find("public_key = \"" + publicKey_ + "\""), std::string::npos)
            << keygen.output;
        config_ = dir_ / "kiosk.toml";
        std::ofstream(config_) << "# kiosk config\n[kiosk]\nid = \"kiosk-01\"   # set by the province\n"
                                  "[sync]\ntoken = \"\"\n[provisioning]\npublic_key = \""
                               << publicKey_ << "\"\n";
    }

    fs::path signedBundle(int version, const std::string& token, const std::string& name = "bundle.toml") {
        const fs::path file = dir_ / name;
        std::ofstream(file) << bundleText(version, token);
        const auto sign = runProcess(
            {KIOSK_BINARY, "sign", "--key", (dir_ / "province" / "province.key").string(), file.string()});
        EXPECT_EQ(sign.exitCode, 0) << sign.output;
        return file;
    }

    testsupport::ProcessResult provision(const fs::path& bundle) {
        return runProcess({KIOSK_BINARY, "provision", "--config", config_.string(), bundle.string()});
    }

    // The refusal is exit 2, one line naming the reason, and the config untouched.
    void expectRefused(const fs::path& bundle, const std::string& reason) {
        const std::string before = readAll(config_);
        const auto run = provision(bundle);
        EXPECT_EQ(run.exitCode, 2) << run.output;
        EXPECT_EQ(lineCount(run.output), 1) << run.output;
        EXPECT_NE(run.output.find(reason), std::string::npos) << run.output;
        EXPECT_EQ(readAll(config_), before);
    }

    fs::path dir_;
    fs::path config_;
    std::string publicKey_;
};

}  // namespace

TEST(TechnicianCommandLine, HelpListsTheTechnicianCommands) {
    const auto run = runProcess({KIOSK_BINARY, "--help"});
    EXPECT_EQ(run.exitCode, 0);
    for (const char* command : {"provision", "keygen", "sign", "doctor"})
        EXPECT_NE(run.output.find(command), std::string::npos) << command;
}

TEST(TechnicianCommandLine, ProvisionWithoutAFileIsExitTwo) {
    const auto run = runProcess({KIOSK_BINARY, "provision"});
    EXPECT_EQ(run.exitCode, 2) << run.output;
    EXPECT_EQ(lineCount(run.output), 1) << run.output;
}

TEST_F(TechnicianCli, KeygenSignProvisionAppliesTheBundle) {
    const fs::path bundle = signedBundle(3, "t0ken-tan-lap");
    EXPECT_TRUE(fs::exists(bundle.string() + ".sig"));
    const auto run = provision(bundle);
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("applied bundle 3 for kiosk xa-tan-lap-01"), std::string::npos) << run.output;

    auto config = kiosk::config::loadConfigFile(config_);
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->kioskId, "xa-tan-lap-01");
    EXPECT_EQ(config->communeCode, "09877");
    EXPECT_EQ(config->sync.token, "t0ken-tan-lap");
    EXPECT_EQ(config->desk.recallWindow, 5);
    EXPECT_EQ(config->provisioningPublicKey, publicKey_);
    EXPECT_NE(readAll(config_).find("# set by the province"), std::string::npos);
    EXPECT_NE(readAll(config_.string() + ".provisioned").find("bundle_version = 3"), std::string::npos);
}

TEST_F(TechnicianCli, KeygenNeverReplacesAKey) {
    const std::string before = readAll(dir_ / "province" / "province.key");
    const auto run = runProcess({KIOSK_BINARY, "keygen", "--out", (dir_ / "province").string()});
    EXPECT_EQ(run.exitCode, 2) << run.output;
    EXPECT_EQ(lineCount(run.output), 1) << run.output;
    EXPECT_EQ(readAll(dir_ / "province" / "province.key"), before);
}

TEST_F(TechnicianCli, ChangedBundleIsRefused) {
    const fs::path bundle = signedBundle(3, "t0ken");
    std::ofstream(bundle) << bundleText(3, "stolen");
    expectRefused(bundle, "does not match");
}

TEST_F(TechnicianCli, TruncatedBundleIsRefused) {
    const fs::path bundle = signedBundle(3, "t0ken");
    const std::string text = readAll(bundle);
    std::ofstream(bundle, std::ios::trunc) << text.substr(0, text.size() - 20);
    expectRefused(bundle, "does not match");
}

TEST_F(TechnicianCli, MissingSignatureIsRefused) {
    const fs::path bundle = signedBundle(3, "t0ken");
    fs::remove(bundle.string() + ".sig");
    expectRefused(bundle, "no signature");
}

TEST_F(TechnicianCli, LowerVersionIsRefused) {
    ASSERT_EQ(provision(signedBundle(4, "new")).exitCode, 0);
    expectRefused(signedBundle(3, "old", "old.toml"), "older than the one applied (4)");
}

namespace {

// A "camera" that is a folder holding one grey 320×240 frame: the doctor runs it for real.
fs::path cameraFolder(const fs::path& dir) {
    const fs::path folder = dir / "camera";
    fs::create_directories(folder);
    std::ofstream frame(folder / "frame-001.ppm", std::ios::binary);
    frame << "P6\n320 240\n255\n" << std::string(320 * 240 * 3, '\x80');
    return folder;
}

}  // namespace

TEST_F(TechnicianCli, DoctorOnAHealthyKioskIsExitZeroWithJson) {
    const fs::path data = dir_ / "data";
    ASSERT_TRUE(kiosk::store::Database::openInDirectory(data).ok());
    const auto run =
        runProcess({KIOSK_BINARY, "doctor", "--json", "--lang", "en", "--config", config_.string(),
                    "--data-dir", data.string(), "--camera", cameraFolder(dir_).string()});
    EXPECT_EQ(run.exitCode, 0) << run.output;
    const auto json = nlohmann::json::parse(run.output, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << run.output;
    EXPECT_TRUE(json.at("healthy").get<bool>());
    bool sawDatabase = false;
    bool sawCameraMeasured = false;
    for (const auto& check : json.at("checks")) {
        if (check.at("name") == "camera measured") {
            sawCameraMeasured = true;
            EXPECT_NE(check.at("value").get<std::string>().find("320x240"), std::string::npos) << check;
            EXPECT_NE(check.at("value").get<std::string>().find(" fps, decode "), std::string::npos) << check;
        }
        if (check.at("name") == "database") {
            sawDatabase = true;
            EXPECT_NE(check.at("value").get<std::string>().find("quick_check ok"), std::string::npos);
        }
    }
    EXPECT_TRUE(sawDatabase);
    EXPECT_TRUE(sawCameraMeasured);
}

TEST_F(TechnicianCli, DoctorMarksAProblemAndExitsOne) {
    const auto run = runProcess({KIOSK_BINARY, "doctor", "--lang", "en", "--config", config_.string(),
                                 "--data-dir", (dir_ / "data").string(), "--camera", "/dev/video97"});
    EXPECT_EQ(run.exitCode, 1) << run.output;
    EXPECT_NE(run.output.find("camera: PROBLEM: /dev/video97: not found"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("result: 1 problem(s): camera"), std::string::npos) << run.output;
}

// The kiosk's language is Vietnamese unless its config says otherwise: so is the doctor's report.
TEST_F(TechnicianCli, DoctorReportsInVietnameseByDefault) {
    const auto run = runProcess({KIOSK_BINARY, "doctor", "--config", config_.string(), "--data-dir",
                                 (dir_ / "data").string(), "--camera", "/dev/video97"});
    EXPECT_EQ(run.exitCode, 1) << run.output;
    EXPECT_NE(
        run.output.find("\nCamera: CÓ VẤN ĐỀ: /dev/video97: không tìm thấy; kiểm tra cáp USB của camera"),
        std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find("\nKết quả: 1 vấn đề: Camera\n"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("\nCơ sở dữ liệu: "), std::string::npos) << run.output;
}

TEST_F(TechnicianCli, SupportBundleHoldsTheReportAndNoToken) {
    ASSERT_EQ(provision(signedBundle(3, "t0ken-tan-lap")).exitCode, 0);
    const fs::path out = dir_ / "support.tar.gz";
    const auto run = runProcess({KIOSK_BINARY, "doctor", "--config", config_.string(), "--data-dir",
                                 (dir_ / "data").string(), "--camera", cameraFolder(dir_).string(),
                                 "--bundle", out.string()});
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("support bundle written to " + out.string()), std::string::npos) << run.output;
    const auto list = runProcess({"tar", "-tzf", out.string()});
    EXPECT_EQ(list.output,
              "commune-kiosk-support/\ncommune-kiosk-support/config.toml\ncommune-kiosk-support/doctor.json\n"
              "commune-kiosk-support/doctor.txt\ncommune-kiosk-support/schema-version.txt\n");
    const auto contents = runProcess({"tar", "-xzOf", out.string()});
    EXPECT_EQ(contents.exitCode, 0);
    EXPECT_NE(contents.output.find("commune_code = '09877'"), std::string::npos) << contents.output;
    EXPECT_EQ(contents.output.find("t0ken-tan-lap"), std::string::npos) << contents.output;
}

// A token the sync thread would refuse never reaches a kiosk: the province cannot even sign such a
// bundle (provision applies the same check, ProvisioningBundleRefuses/TokenWithASpace).
TEST_F(TechnicianCli, SignRefusesABundleWithATokenWithASpace) {
    const fs::path file = dir_ / "bundle.toml";
    std::ofstream(file) << bundleText(3, "t0ken tan-lap");
    const auto sign = runProcess(
        {KIOSK_BINARY, "sign", "--key", (dir_ / "province" / "province.key").string(), file.string()});
    EXPECT_EQ(sign.exitCode, 2) << sign.output;
    EXPECT_EQ(lineCount(sign.output), 1) << sign.output;
    EXPECT_NE(sign.output.find("bundle.toml:7: sync.token: the token contains a space or control character"),
              std::string::npos)
        << sign.output;
    EXPECT_FALSE(fs::exists(dir_ / "bundle.toml.sig"));
}

// The doctor names a refused token in both languages (texts from the shipped catalogue).
TEST_F(TechnicianCli, DoctorNamesATokenTheSyncThreadWouldRefuse) {
    std::ofstream(config_)
        << "[sync]\nserver_url = \"https://sync.tinh.example/api\"\ntoken = \"t0ken\\t\"\n";
    const auto run = runProcess({KIOSK_BINARY, "doctor", "--config", config_.string(), "--data-dir",
                                 (dir_ / "data").string(), "--camera", cameraFolder(dir_).string()});
    EXPECT_EQ(run.exitCode, 1) << run.output;
    EXPECT_NE(run.output.find("Đồng bộ: CÓ VẤN ĐỀ: Mã truy cập đồng bộ có dấu cách"), std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find("The sync token contains a space or a control character"), std::string::npos)
        << run.output;
}

TEST_F(TechnicianCli, SyncRequeueSendsRejectedEventsAgain) {
    const fs::path data = dir_ / "data";
    {
        auto database = kiosk::store::Database::openInDirectory(data);
        ASSERT_TRUE(database.ok());
        ASSERT_TRUE(database
                        ->exec(R"sql(
            INSERT INTO outbox(uuid, kind, at_ms, payload, state) VALUES
                ('00000000-0000-4000-8000-000000000001', 'ticket.issued', 1, '{}', 'rejected'),
                ('00000000-0000-4000-8000-000000000002', 'ticket.issued', 2, '{}', 'rejected'),
                ('00000000-0000-4000-8000-000000000003', 'ticket.issued', 3, '{}', 'sent');
        )sql")
                        .ok());
    }
    const auto run = runProcess(
        {KIOSK_BINARY, "--config", config_.string(), "--data-dir", data.string(), "sync", "requeue"});
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("sync requeue: 2 rejected events are pending again"), std::string::npos)
        << run.output;
    const auto status = runProcess(
        {KIOSK_BINARY, "--config", config_.string(), "--data-dir", data.string(), "status", "--json"});
    const auto json = nlohmann::json::parse(status.output, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << status.output;
    EXPECT_EQ(json.at("pending"), 2);
    EXPECT_EQ(json.at("rejected"), 0);

    const auto help = runProcess({KIOSK_BINARY, "sync", "--help"});
    EXPECT_NE(help.output.find("requeue"), std::string::npos) << help.output;
}
