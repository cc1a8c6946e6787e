#include "kiosk/diag/Doctor.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include "ConfigTestSupport.h"
#include "kiosk/store/Database.h"

namespace fs = std::filesystem;
using namespace kiosk::diag;

namespace {

const kiosk::i18n::Catalogue& shippedCatalogue() {
    static const kiosk::i18n::Catalogue catalogue = [] {
        std::vector<kiosk::i18n::CatalogueProblem> problems;
        return kiosk::i18n::Catalogue::loadDir(fs::path(KIOSK_ASSETS_DIR) / "i18n", problems);
    }();
    return catalogue;
}

// A kiosk that is fine: a database, a file printer, test images as the camera, known uptime.
class DoctorTest : public testing::Test {
protected:
    void SetUp() override {
        const std::string name = testing::UnitTest::GetInstance()->current_test_info()->name();
        dir_ = config_test::freshDir("doctor-" + name);
        inputs_.dataDir = dir_ / "data";
        inputs_.configSource = (dir_ / "kiosk.toml").string();
        inputs_.config.printer = "file:" + (dir_ / "tickets.bin").string();
        inputs_.camera = dir_.string();  // a folder of images
        inputs_.procUptime = dir_ / "uptime";
        config_test::writeAll(inputs_.procUptime, "12345.67 20000.00\n");
        // The assertions below read the English words; DoctorTest.SpeaksTheKiosksLanguage... checks
        // the Vietnamese ones.
        inputs_.catalogue = &shippedCatalogue();
        inputs_.language = kiosk::i18n::Language::En;
    }

    void createDatabase() {
        auto database = kiosk::store::Database::openInDirectory(inputs_.dataDir);
        ASSERT_TRUE(database.ok()) << database.error().message;
    }

    kiosk::Status execInDatabase(const std::string& sql) {
        auto database = kiosk::store::Database::openInDirectory(inputs_.dataDir);
        if (!database) return database.error();
        return database->exec(sql);
    }

    fs::path dir_;
    DoctorInputs inputs_;
};

}  // namespace

TEST_F(DoctorTest, HealthyKioskPasses) {
    createDatabase();
    const DoctorReport report = runDoctor(inputs_);
    EXPECT_TRUE(report.healthy()) << formatText(report);
    EXPECT_EQ(report.find("version")->value, KIOSK_VERSION);
    EXPECT_EQ(report.find("uptime")->value, "system up 3 h 25 min");
    EXPECT_EQ(report.find("config")->value, inputs_.configSource);
    EXPECT_NE(report.find("database")->value.find("quick_check ok"), std::string::npos);
    EXPECT_NE(report.find("disk free")->value.find(" free of "), std::string::npos);
    ASSERT_TRUE(report.schemaVersion.has_value());
    EXPECT_GE(*report.schemaVersion, 1);
    EXPECT_EQ(report.logNote, "no journal");
    const std::string text = formatText(report);
    EXPECT_NE(text.find("\nresult: all checks passed\n"), std::string::npos) << text;
    EXPECT_EQ(text.find("PROBLEM"), std::string::npos) << text;
}

TEST_F(DoctorTest, EveryLineIsNameColonValue) {
    createDatabase();
    const std::string text = formatText(runDoctor(inputs_));
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        EXPECT_NE(line.find(": "), std::string::npos) << line;
        EXPECT_GT(line.find(": "), 0u) << line;
    }
}

TEST_F(DoctorTest, DoesNotCreateTheDatabaseOrTheDataFolder) {
    const DoctorReport report = runDoctor(inputs_);
    EXPECT_FALSE(fs::exists(inputs_.dataDir));
    EXPECT_FALSE(report.find("database")->problem);
    EXPECT_NE(report.find("database")->value.find("not created yet"), std::string::npos);
    EXPECT_EQ(report.find("sync backlog")->value, "sync not set up");
    EXPECT_FALSE(report.schemaVersion.has_value());
}

TEST_F(DoctorTest, MissingPrinterAndCameraAreProblemsWithAdvice) {
    createDatabase();
    inputs_.config.printer = "/dev/usb/lp97";
    inputs_.camera = "/dev/video97";
    const DoctorReport report = runDoctor(inputs_);
    EXPECT_FALSE(report.healthy());
    ASSERT_TRUE(report.find("printer")->problem);
    EXPECT_EQ(report.find("printer")->value, "/dev/usb/lp97: not found");
    EXPECT_NE(report.find("printer")->advice.find("USB cable"), std::string::npos);
    ASSERT_TRUE(report.find("camera")->problem);
    const std::string text = formatText(report);
    EXPECT_NE(text.find("printer: PROBLEM: /dev/usb/lp97: not found; check the printer's USB cable"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("result: 2 problem(s): printer, camera\n"), std::string::npos) << text;
}

// Issue #15: a centre's kiosks must share one household pepper; the doctor says when this one
// does not, or when the shared file would be refused, without ever opening it.
TEST_F(DoctorTest, TheCentresHouseholdPepperIsChecked) {
    createDatabase();
    EXPECT_EQ(runDoctor(inputs_).find("household pepper"), nullptr) << "a lone kiosk has nothing to share";

    inputs_.config.centre.database = "postgresql:///kiosk";
    DoctorReport report = runDoctor(inputs_);
    ASSERT_NE(report.find("household pepper"), nullptr);
    EXPECT_FALSE(report.find("household pepper")->problem);
    EXPECT_NE(report.find("household pepper")->value.find("counts twice"), std::string::npos);

    const fs::path file = dir_ / "centre.key";
    inputs_.config.centre.householdPepper = file;
    report = runDoctor(inputs_);
    ASSERT_TRUE(report.find("household pepper")->problem);
    EXPECT_EQ(report.find("household pepper")->value, file.string() + " does not exist");
    EXPECT_NE(report.find("household pepper")->advice.find("mode 0600"), std::string::npos);

    config_test::writeAll(file, std::string(32, 'k'));
    ASSERT_EQ(::chmod(file.c_str(), 0644), 0);
    report = runDoctor(inputs_);
    ASSERT_TRUE(report.find("household pepper")->problem);
    EXPECT_NE(report.find("household pepper")->value.find("mode 0644"), std::string::npos);

    ASSERT_EQ(::chmod(file.c_str(), 0600), 0);
    config_test::writeAll(file, std::string(31, 'k'));
    report = runDoctor(inputs_);
    ASSERT_TRUE(report.find("household pepper")->problem);
    EXPECT_NE(report.find("household pepper")->value.find("31 bytes"), std::string::npos);

    config_test::writeAll(file, std::string(32, 'k'));
    report = runDoctor(inputs_);
    EXPECT_FALSE(report.find("household pepper")->problem) << formatText(report);
    EXPECT_EQ(report.find("household pepper")->value, file.string() + " (shared by the centre's kiosks)");
    EXPECT_EQ(report.find("household pepper")->label, "household pepper");
}

TEST_F(DoctorTest, PrinterOnTheNetworkIsTried) {
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(listener, 1), 0);
    socklen_t length = sizeof address;
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
    const std::string port = std::to_string(ntohs(address.sin_port));

    inputs_.config.printer = "tcp:127.0.0.1:" + port;
    EXPECT_FALSE(runDoctor(inputs_).find("printer")->problem);
    ::close(listener);
    const DoctorReport closed = runDoctor(inputs_);
    EXPECT_TRUE(closed.find("printer")->problem);
    EXPECT_NE(closed.find("printer")->value.find("refused"), std::string::npos)
        << closed.find("printer")->value;
}

TEST_F(DoctorTest, DamagedDatabaseIsAProblem) {
    fs::create_directories(inputs_.dataDir);
    config_test::writeAll(inputs_.dataDir / kiosk::store::Database::kFileName,
                          "SQLite format 3" + std::string(4096, 'x'));
    const DoctorReport report = runDoctor(inputs_);
    EXPECT_TRUE(report.find("database")->problem) << formatText(report);
    EXPECT_EQ(report.find("sync backlog")->value, "unknown (the database could not be read)");
    EXPECT_FALSE(report.healthy());
}

// Issue #16 item 11: a damaged or foreign file was called a permissions problem ("run doctor as
// root"), which sends the technician the wrong way.
TEST_F(DoctorTest, DamagedOrForeignDatabaseIsNotCalledAPermissionsProblem) {
    fs::create_directories(inputs_.dataDir);
    for (const std::string& bytes : {"SQLite format 3" + std::string(4096, 'x'), std::string(4096, 'x')}) {
        config_test::writeAll(inputs_.dataDir / kiosk::store::Database::kFileName, bytes);
        const DoctorReport report = runDoctor(inputs_);
        const DoctorCheck* database = report.find("database");
        ASSERT_TRUE(database->problem) << formatText(report);
        EXPECT_NE(database->value.find("damaged"), std::string::npos) << database->value;
        EXPECT_NE(database->advice.find("move the file aside"), std::string::npos) << database->advice;
        EXPECT_EQ(database->advice.find("root"), std::string::npos) << database->advice;
    }
}

TEST_F(DoctorTest, NoOutboxTableMeansSyncNotSetUp) {
    createDatabase();
    ASSERT_TRUE(execInDatabase("DROP TABLE IF EXISTS outbox").ok());
    const DoctorReport report = runDoctor(inputs_);
    EXPECT_EQ(report.find("sync backlog")->value, "sync not set up");
    EXPECT_FALSE(report.find("sync backlog")->problem);
    EXPECT_TRUE(report.healthy()) << formatText(report);
}

TEST_F(DoctorTest, SyncBacklogAndLastErrorWithoutLongNumbers) {
    createDatabase();
    if (!execInDatabase("SELECT count(*) FROM outbox, sync_state").ok())
        GTEST_SKIP() << "this schema has no outbox yet";
    ASSERT_TRUE(execInDatabase(R"sql(
        INSERT INTO outbox(uuid, kind, at_ms, payload, state) VALUES
            ('00000000-0000-4000-8000-000000000001', 'ticket.issued', 1, '{}', 'pending'),
            ('00000000-0000-4000-8000-000000000002', 'ticket.issued', 2, '{}', 'pending'),
            ('00000000-0000-4000-8000-000000000003', 'ticket.issued', 3, '{}', 'rejected');
        UPDATE sync_state SET last_error = 'HTTP 422: bad field 001234567890', last_success_ms = 0;
    )sql")
                    .ok());
    const DoctorReport report = runDoctor(inputs_);
    EXPECT_EQ(report.find("sync backlog")->value, "2 waiting, 1 rejected, 0 sent");
    EXPECT_TRUE(report.find("sync backlog")->problem);
    EXPECT_EQ(report.find("sync last error")->value, "HTTP 422: bad field …");
    EXPECT_EQ(report.find("sync last success")->value, "1970-01-01 00:00:00 UTC");
}

TEST_F(DoctorTest, SyncSettingsNeverShowTheToken) {
    inputs_.config.sync.serverUrl = "https://user:pw@sync.tinh.example/api?key=abc";
    inputs_.config.sync.token = "s3cr3t-t0ken";
    const DoctorReport report = runDoctor(inputs_);
    EXPECT_EQ(report.find("sync")->value, "https://<redacted>@sync.tinh.example/api?<redacted> (token set)");
    for (const std::string& out : {formatText(report), formatJson(report)}) {
        EXPECT_EQ(out.find("s3cr3t"), std::string::npos);
        EXPECT_EQ(out.find(":pw@"), std::string::npos);
        EXPECT_EQ(out.find("abc"), std::string::npos);
    }
    inputs_.config.sync.token.clear();
    EXPECT_TRUE(runDoctor(inputs_).find("sync")->problem);
    EXPECT_NE(runDoctor(inputs_).find("sync")->value.find(shippedCatalogue().text(
                  kiosk::i18n::Language::En, kiosk::i18n::MessageId::SyncTokenMissing)),
              std::string::npos);
}

// A token the sync thread refuses once left doctor saying "token set" and "last error: none".
TEST_F(DoctorTest, ATokenTheSyncThreadWouldRefuseIsNamedInBothLanguages) {
    using kiosk::i18n::Language;
    using kiosk::i18n::MessageId;
    std::vector<kiosk::i18n::CatalogueProblem> problems;
    const auto catalogue = kiosk::i18n::Catalogue::loadDir(fs::path(KIOSK_ASSETS_DIR) / "i18n", problems);
    inputs_.catalogue = &catalogue;
    inputs_.config.sync.serverUrl = "https://sync.tinh.example/api";
    inputs_.config.sync.token = "s3cr3t t0ken";
    DoctorReport report = runDoctor(inputs_);
    const DoctorCheck* sync = report.find("sync");
    ASSERT_NE(sync, nullptr);
    EXPECT_TRUE(sync->problem);
    EXPECT_NE(sync->value.find(catalogue.text(Language::Vi, MessageId::SyncTokenSpace)), std::string::npos)
        << sync->value;
    EXPECT_NE(sync->value.find(catalogue.text(Language::En, MessageId::SyncTokenSpace)), std::string::npos)
        << sync->value;
    EXPECT_NE(sync->value.find("dấu cách"), std::string::npos);
    EXPECT_NE(sync->value.find("contains a space"), std::string::npos);
    EXPECT_EQ(formatText(report).find("s3cr3t"), std::string::npos);

    // The config loader refuses such a file: doctor names why from the refusal.
    inputs_.config = {};
    inputs_.configProblem = kiosk::config::parseConfig("[sync]\ntoken = \"a\u00e0b\"\n", "k.toml").error();
    inputs_.language = Language::En;
    report = runDoctor(inputs_);
    sync = report.find("sync");
    ASSERT_NE(sync, nullptr);
    EXPECT_TRUE(sync->problem);
    EXPECT_EQ(sync->value.find(catalogue.text(Language::En, MessageId::SyncTokenNotAscii)), 0u)
        << sync->value;
    EXPECT_TRUE(report.find("config")->problem);

    // Without the catalogue (no assets), the problem is still named, in English.
    inputs_.catalogue = nullptr;
    EXPECT_NE(runDoctor(inputs_).find("sync")->value.find("outside plain ASCII"), std::string::npos);
}

TEST_F(DoctorTest, ABatchBeingRetriedIsShownWithTheLastStatusAndRejectedEventsAreCounted) {
    createDatabase();
    ASSERT_TRUE(execInDatabase(R"sql(
        INSERT INTO outbox_batch(id, uuid, first_seq, last_seq, created_at_ms, attempts, http_status)
            VALUES (1, '00000000-0000-4000-8000-0000000000b1', 1, 2, 0, 4, 404);
        INSERT INTO outbox(uuid, kind, at_ms, payload, state, batch_id) VALUES
            ('00000000-0000-4000-8000-000000000001', 'ticket.issued', 1, '{}', 'pending', 1),
            ('00000000-0000-4000-8000-000000000002', 'ticket.issued', 2, '{}', 'pending', 1),
            ('00000000-0000-4000-8000-000000000003', 'ticket.issued', 3, '{}', 'rejected', NULL),
            ('00000000-0000-4000-8000-000000000004', 'ticket.issued', 4, '{}', 'rejected', NULL);
    )sql")
                    .ok());
    const DoctorReport report = runDoctor(inputs_);
    const DoctorCheck* retrying = report.find("sync retrying");
    ASSERT_NE(retrying, nullptr) << formatText(report);
    EXPECT_TRUE(retrying->problem);
    EXPECT_NE(retrying->value.find("4 failed tries"), std::string::npos) << retrying->value;
    EXPECT_NE(retrying->value.find("HTTP 404"), std::string::npos) << retrying->value;
    EXPECT_EQ(report.rejectedEvents, 2);
    EXPECT_NE(report.find("sync backlog")->advice.find("sync requeue"), std::string::npos);
}

TEST_F(DoctorTest, ConfigProblemIsShownAsAProblem) {
    inputs_.configProblem = kiosk::Error{"config.unknown_key", "/etc/k.toml:3: unknown key 'kiosk.idd'"};
    const DoctorReport report = runDoctor(inputs_);
    EXPECT_TRUE(report.find("config")->problem);
    EXPECT_EQ(report.find("config")->value, "/etc/k.toml:3: unknown key 'kiosk.idd'");
}

TEST_F(DoctorTest, LowDiskIsAProblem) {
    inputs_.lowDiskBytes = UINT64_MAX;
    EXPECT_TRUE(runDoctor(inputs_).find("disk free")->problem);
}

TEST_F(DoctorTest, ProvisioningShowsTheAppliedBundle) {
    config_test::TestProvince province("doctor-province");
    inputs_.config.provisioningPublicKey = province.key.publicKey;
    inputs_.configFile = dir_ / "kiosk.toml";
    EXPECT_NE(runDoctor(inputs_).find("provisioning")->value.find("no bundle applied yet"),
              std::string::npos);
    config_test::writeAll(dir_ / "kiosk.toml.provisioned", "bundle_version = 7\nbundle_sha256 = \"" +
                                                               std::string(64, 'a') +
                                                               "\"\napplied_at = \"2026-01-02T03:04:05Z\"\n");
    EXPECT_NE(runDoctor(inputs_).find("provisioning")->value.find("bundle 7 applied 2026-01-02T03:04:05Z"),
              std::string::npos);
}

TEST_F(DoctorTest, LogTailComesFromJournalctlWithoutLongNumbers) {
    const fs::path fake = dir_ / "journalctl";
    config_test::writeAll(fake,
                          "#!/bin/sh\n"
                          "echo \"args: $*\"\n"
                          "echo '-- Journal begins at Mon 2026-01-05 --'\n"
                          "echo '2026-01-05 08:00:01.123 info kiosk xa-01 starting'\n"
                          "echo '2026-01-05 08:00:02.456 error scanned 001234567890 by mistake'\n"
                          "echo 'phone 0912345678'\n");
    fs::permissions(fake, fs::perms::owner_all);
    inputs_.journalctl = fake;
    const DoctorReport report = runDoctor(inputs_);
    ASSERT_EQ(report.logTail.size(), 2u) << formatText(report);
    EXPECT_EQ(report.logTail[0], "args: -u commune-kiosk -n 20 --no-pager");
    EXPECT_EQ(report.logTail[1], "2026-01-05 08:00:01.123 info kiosk xa-01 starting");
    EXPECT_EQ(report.logNote, "2 line(s) hidden: they held a long number");
    const std::string text = formatText(report);
    EXPECT_NE(text.find("log: 2026-01-05 08:00:01.123 info kiosk xa-01 starting\n"), std::string::npos);
    EXPECT_EQ(text.find("001234567890"), std::string::npos);
    EXPECT_EQ(text.find("0912345678"), std::string::npos);
}

TEST_F(DoctorTest, JsonHoldsTheSameChecks) {
    createDatabase();
    inputs_.camera = "/dev/video97";
    const DoctorReport report = runDoctor(inputs_);
    const auto json = nlohmann::json::parse(formatJson(report));
    EXPECT_FALSE(json.at("healthy").get<bool>());
    ASSERT_EQ(json.at("checks").size(), report.checks.size());
    bool sawCamera = false;
    for (const auto& check : json.at("checks")) {
        if (check.at("name") == "camera") {
            sawCamera = true;
            EXPECT_TRUE(check.at("problem").get<bool>());
            EXPECT_EQ(check.at("value"), "/dev/video97: not found");
            EXPECT_FALSE(check.at("advice").get<std::string>().empty());
        }
    }
    EXPECT_TRUE(sawCamera);
    EXPECT_EQ(json.at("schema_version"), *report.schemaVersion);
    EXPECT_EQ(json.at("log_note"), "no journal");
}

TEST(DoctorFormat, DropsLogLinesWithLongNumbers) {
    std::vector<std::string> lines = {"a 1", "b 123456789", "c"};
    EXPECT_EQ(dropLinesWithLongNumbers(lines), 1u);
    EXPECT_EQ(lines, (std::vector<std::string>{"a 1", "c"}));
}

TEST(DoctorFormat, UptimeAndBytes) {
    const DoctorWording english(&shippedCatalogue(), kiosk::i18n::Language::En);
    const DoctorWording vietnamese(&shippedCatalogue(), kiosk::i18n::Language::Vi);
    EXPECT_EQ(formatUptime(59, english), "0 min");
    EXPECT_EQ(formatUptime(3 * 86400 + 4 * 3600 + 5 * 60 + 9, english), "3 d 4 h 5 min");
    EXPECT_EQ(formatUptime(3 * 86400 + 4 * 3600 + 5 * 60 + 9, vietnamese), "3 ngày 4 giờ 5 phút");
    EXPECT_EQ(formatUptime(2 * 3600 + 60, vietnamese), "2 giờ 1 phút");
    EXPECT_EQ(formatBytes(80), "80 B");
    EXPECT_EQ(formatBytes(1536), "1.5 KiB");
    EXPECT_EQ(formatBytes(300ull << 20), "300 MiB");
    EXPECT_EQ(formatBytes(28ull << 30), "28.0 GiB");
}

TEST(DoctorFormat, UrlWithoutSecrets) {
    EXPECT_EQ(urlWithoutSecrets("https://sync.example/api"), "https://sync.example/api");
    EXPECT_EQ(urlWithoutSecrets("https://u:p@sync.example/api"), "https://<redacted>@sync.example/api");
    EXPECT_EQ(urlWithoutSecrets("https://sync.example/api?token=x#y"), "https://sync.example/api?<redacted>");
}

// A commune's technician reads Vietnamese: every label, value and piece of advice is worded in the
// kiosk's language, while the check names stay the codes scripts and the JSON rely on.
TEST_F(DoctorTest, SpeaksTheKiosksLanguageWithStableCheckNames) {
    createDatabase();
    inputs_.config.printer = "/dev/usb/lp97";
    inputs_.camera = "/dev/video97";
    inputs_.config.sync.serverUrl = "https://sync.tinh.example/api";
    inputs_.config.sync.token = "t0ken";
    inputs_.journalctl = std::nullopt;
    inputs_.language = kiosk::i18n::Language::En;
    const DoctorReport english = runDoctor(inputs_);
    inputs_.language = kiosk::i18n::Language::Vi;
    const DoctorReport vietnamese = runDoctor(inputs_);

    ASSERT_EQ(english.checks.size(), vietnamese.checks.size());
    for (std::size_t i = 0; i < english.checks.size(); ++i) {
        const DoctorCheck& en = english.checks[i];
        const DoctorCheck& vi = vietnamese.checks[i];
        EXPECT_EQ(en.name, vi.name);
        EXPECT_EQ(en.label, en.name) << "the English labels are the codes";
        if (en.name != "camera") {
            EXPECT_NE(en.label, vi.label) << en.name;
        }
        if (en.name != "version" && en.name != "config" && en.name != "data dir") {  // paths
            EXPECT_NE(en.value, vi.value) << en.name << " is the same in both languages: " << vi.value;
        }
        EXPECT_EQ(en.advice.empty(), vi.advice.empty()) << en.name;
        if (!en.advice.empty()) {
            EXPECT_NE(en.advice, vi.advice) << en.name;
        }
    }
    EXPECT_NE(english.logNote, vietnamese.logNote);

    const DoctorCheck* printer = vietnamese.find("printer");
    ASSERT_NE(printer, nullptr);
    EXPECT_EQ(printer->label, "Máy in");
    EXPECT_EQ(printer->value, "/dev/usb/lp97: không tìm thấy");
    EXPECT_NE(printer->advice.find("cáp USB của máy in"), std::string::npos) << printer->advice;
    const std::string text = formatText(vietnamese);
    EXPECT_NE(text.find("\nMáy in: CÓ VẤN ĐỀ: /dev/usb/lp97: không tìm thấy; kiểm tra cáp USB"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("\nKết quả: 2 vấn đề: Máy in, Camera\n"), std::string::npos) << text;
    EXPECT_EQ(text.find("PROBLEM"), std::string::npos) << text;

    const auto json = nlohmann::json::parse(formatJson(vietnamese));
    bool sawPrinter = false;
    for (const auto& check : json.at("checks")) {
        if (check.at("name") != "printer") continue;
        sawPrinter = true;
        EXPECT_EQ(check.at("label"), "Máy in");
        EXPECT_TRUE(check.at("problem").get<bool>());
    }
    EXPECT_TRUE(sawPrinter);
}

// Without the catalogue (the assets are missing: exactly when a technician runs the doctor) each
// text is its key with its values, never a blank.
TEST_F(DoctorTest, WithoutTheCatalogueEachTextIsNamedByItsKey) {
    inputs_.catalogue = nullptr;
    inputs_.config.printer = "/dev/usb/lp97";
    const DoctorReport report = runDoctor(inputs_);
    const DoctorCheck* printer = report.find("printer");
    ASSERT_NE(printer, nullptr);
    EXPECT_EQ(printer->value, "/dev/usb/lp97: doctor.device_not_found");
    EXPECT_EQ(printer->advice, "doctor.printer_cable_advice");
    EXPECT_EQ(printer->label, "doctor.label.printer");
    EXPECT_NE(report.find("uptime")->value.find("doctor.uptime time=doctor.hours days=0 hours=3 minutes=25"),
              std::string::npos)
        << report.find("uptime")->value;
}
