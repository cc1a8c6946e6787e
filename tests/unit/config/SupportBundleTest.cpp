#include "kiosk/diag/SupportBundle.h"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <cstdlib>

#include "ConfigTestSupport.h"
#include "kiosk/diag/ProgramRun.h"

namespace fs = std::filesystem;
using namespace kiosk::diag;

namespace {

const std::string kConfig = R"(# kiosk for Xã Tân Lập; old token was oldT0ken-in-a-comment
[kiosk]
id = "xa-tan-lap-01"
commune_name = "Xã Tân Lập"
commune_code = "09877"
[sync]
server_url = "https://user:pa55@sync.tinh.example/api?k=qu3ry"
token = "s3cr3t-t0ken"
pinned_public_key = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
[printer]
device = "/dev/usb/lp0"
)";

void expectNoSecrets(const std::string& text) {
    for (const char* secret : {"s3cr3t", "oldT0ken", "pa55", "qu3ry", "t0kne-typo"})
        EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in:\n" << text;
}

DoctorReport sampleReport() {
    DoctorReport report;
    report.checks.push_back({"version", "0.1.0", false, "", ""});
    report.checks.push_back({"printer", "/dev/usb/lp0: not found", true, "check the cable", ""});
    report.schemaVersion = 6;
    // A hand-made report brings its own words, as runDoctor takes them from the catalogue.
    report.words = {.problem = "PROBLEM",
                    .log = "log",
                    .logNote = "log note",
                    .result = "result",
                    .allPassed = "all checks passed",
                    .problemCount = "{count} problem(s): {names}"};
    return report;
}

std::string run(const std::vector<std::string>& argv) {
    auto result = runProgram(argv, std::chrono::seconds(30));
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(result->exitCode, 0);
    return result ? result->output : "";
}

}  // namespace

TEST(SupportBundle, RedactedConfigKeepsOnlyHarmlessValues) {
    const std::string redacted = redactConfig(kConfig + "tokne = \"t0kne-typo\"\n");
    expectNoSecrets(redacted);
    const toml::table table = toml::parse(redacted);
    EXPECT_EQ(table["kiosk"]["commune_name"].value_or(std::string()), "Xã Tân Lập");
    EXPECT_EQ(table["sync"]["token"].value_or(std::string()), "<redacted>");
    EXPECT_EQ(table["printer"]["tokne"].value_or(std::string()), "<redacted>");  // a misspelt key
    EXPECT_EQ(table["sync"]["server_url"].value_or(std::string()),
              "https://<redacted>@sync.tinh.example/api?<redacted>");
    EXPECT_EQ(table["printer"]["device"].value_or(std::string()), "/dev/usb/lp0");
}

TEST(SupportBundle, BrokenConfigIsRedactedLineByLine) {
    const std::string broken = kConfig +
                               "tokne = \"t0kne-typo\" # \"quoted\n[desk\nrecall_window = 3 # note\n"
                               "extra = \"\"\"\nmulti line secret s3cr3t\n\"\"\"\n";
    const std::string redacted = redactConfig(broken);
    expectNoSecrets(redacted);
    EXPECT_NE(redacted.find("not valid TOML"), std::string::npos);
    EXPECT_NE(redacted.find("commune_code = \"09877\"\n"), std::string::npos) << redacted;
    EXPECT_NE(redacted.find("token = \"<redacted>\"\n"), std::string::npos) << redacted;
    EXPECT_NE(redacted.find("# line 13 hidden\n"), std::string::npos) << redacted;
    EXPECT_EQ(redacted.find("# note"), std::string::npos) << redacted;
}

TEST(SupportBundle, FilesAreTheReportTheConfigAndTheSchema) {
    const auto files = supportFiles(sampleReport(), kConfig);
    ASSERT_EQ(files.size(), 4u);
    EXPECT_EQ(files[0].name, "doctor.txt");
    EXPECT_NE(files[0].contents.find("printer: PROBLEM: /dev/usb/lp0: not found"), std::string::npos);
    EXPECT_EQ(files[1].name, "doctor.json");
    EXPECT_EQ(files[2].name, "config.toml");
    expectNoSecrets(files[2].contents);
    EXPECT_EQ(files[3].name, "schema-version.txt");
    EXPECT_EQ(files[3].contents, "6\n");
    EXPECT_EQ(supportFiles(DoctorReport{}, std::nullopt)[3].contents, "none\n");
}

TEST(SupportBundle, ArchiveHoldsExactlyTheExpectedFilesAndNoToken) {
    const fs::path dir = config_test::freshDir("bundle");
    // A private temporary folder, to see that the staging folder is removed afterwards.
    const fs::path tmp = dir / "tmp";
    fs::create_directories(tmp);
    const char* oldTmp = std::getenv("TMPDIR");
    const std::string savedTmp = oldTmp ? oldTmp : "";
    ::setenv("TMPDIR", tmp.c_str(), 1);
    const fs::path out = dir / "support:kiosk 1.tar.gz";  // ':' must not mean a remote tape
    const kiosk::Status written = writeSupportBundle(out, supportFiles(sampleReport(), kConfig));
    if (oldTmp) {
        ::setenv("TMPDIR", savedTmp.c_str(), 1);
    } else {
        ::unsetenv("TMPDIR");
    }
    ASSERT_TRUE(written.ok()) << written.error().message;

    EXPECT_EQ(run({"/usr/bin/tar", "--force-local", "-tzf", out.string()}),
              "commune-kiosk-support/\n"
              "commune-kiosk-support/config.toml\n"
              "commune-kiosk-support/doctor.json\n"
              "commune-kiosk-support/doctor.txt\n"
              "commune-kiosk-support/schema-version.txt\n");
    const std::string everything = run({"/usr/bin/tar", "--force-local", "-xzOf", out.string()});
    EXPECT_NE(everything.find("printer: PROBLEM"), std::string::npos);
    expectNoSecrets(everything);
    EXPECT_EQ(run({"/bin/sh", "-c", "zcat \"$0\" | grep -c s3cr3t || true", out.string()}), "0\n");

    // Nothing left behind: no partial archive beside OUT, no staging folder.
    EXPECT_EQ(std::distance(fs::directory_iterator(tmp), fs::directory_iterator()), 0);
    for (const auto& entry : fs::directory_iterator(dir))
        EXPECT_TRUE(entry.path() == out || entry.path() == tmp) << entry.path();
}

TEST(SupportBundle, UnwritableDestinationIsAClearErrorAndLeavesNothing) {
    const fs::path out = config_test::freshDir("bundle-missing") / "no" / "such" / "folder" / "s.tar.gz";
    const kiosk::Status written = writeSupportBundle(out, supportFiles(sampleReport(), kConfig));
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().code, "diag.bundle_failed");
    EXPECT_NE(written.error().message.find(out.string()), std::string::npos);
    EXPECT_FALSE(fs::exists(out.parent_path()));
}

TEST(SupportBundle, WithoutTarTheErrorSaysSo) {
    const fs::path out = config_test::freshDir("bundle-notar") / "s.tar.gz";
    const kiosk::Status written = writeSupportBundle(out, {}, {"/nonexistent/tar"});
    ASSERT_FALSE(written.ok());
    EXPECT_NE(written.error().message.find("tar is not installed"), std::string::npos);
}
