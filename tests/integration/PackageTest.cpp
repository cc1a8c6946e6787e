// The Debian package as a technician installs it: built by CPack, read back with dpkg-deb.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/Process.h"

namespace fs = std::filesystem;
using testsupport::runProcess;

TEST(DebianPackage, HoldsTheKioskItsFilesAndTheRightDepends) {
    const auto built = runProcess({"cmake", "--build", KIOSK_BUILD_DIR, "--target", "package"}, {},
                                  std::chrono::seconds(600));
    ASSERT_EQ(built.exitCode, 0) << built.output;
    fs::path deb;
    for (const auto& entry : fs::directory_iterator(KIOSK_BUILD_DIR)) {
        if (entry.path().extension() == ".deb") deb = entry.path();
    }
    ASSERT_FALSE(deb.empty()) << built.output;

    const auto depends = runProcess({"dpkg-deb", "-f", deb.string(), "Depends"});
    ASSERT_EQ(depends.exitCode, 0) << depends.output;
    for (const char* package : {"fonts-noto-core", "cage", "libsdl2-2.0-0", "libzxing", "libsqlite3-0",
                                "libopencv-videoio", "adduser", "libespeak-ng1"}) {
        EXPECT_NE(depends.output.find(package), std::string::npos)
            << package << " missing from " << depends.output;
    }

    const auto contents = runProcess({"dpkg-deb", "-c", deb.string()});
    ASSERT_EQ(contents.exitCode, 0);
    for (const char* file :
         {"./usr/bin/commune-kiosk", "./etc/commune-kiosk/commune-kiosk.toml",
          "./lib/systemd/system/commune-kiosk.service", "./usr/share/commune-kiosk/assets/i18n/vi.toml",
          "./usr/share/commune-kiosk/assets/content/vneid-level1.toml",
          "./usr/share/commune-kiosk/assets/banks.csv"}) {
        EXPECT_NE(contents.output.find(file), std::string::npos) << file;
    }
    EXPECT_EQ(contents.output.find(".py"), std::string::npos) << "content tools are not installed";

    // Installed layout works: the binary finds its assets and the scanner module beside it.
    const fs::path root = testsupport::freshTempDir("deb-root");
    ASSERT_EQ(runProcess({"dpkg-deb", "-x", deb.string(), root.string()}).exitCode, 0);
    const auto scan =
        runProcess({(root / "usr/bin/commune-kiosk").string(), "scan", "/nonexistent/photo.png"});
    EXPECT_EQ(scan.exitCode, 2) << scan.output;  // an unreadable file, not a missing module (1)
    EXPECT_NE(scan.output.find("\"file\":\"/nonexistent/photo.png\""), std::string::npos) << scan.output;

    const fs::path control = testsupport::freshTempDir("deb-control");
    ASSERT_EQ(runProcess({"dpkg-deb", "-e", deb.string(), control.string()}).exitCode, 0);
    EXPECT_TRUE(fs::exists(control / "postinst"));
    const auto postinst = runProcess({"cat", (control / "postinst").string()});
    EXPECT_NE(postinst.output.find("chmod 0640 /etc/commune-kiosk/commune-kiosk.toml"), std::string::npos)
        << "the config holds the sync token and must not be world-readable";
    EXPECT_TRUE(fs::exists(control / "prerm"));
    const auto conffiles = runProcess({"cat", (control / "conffiles").string()});
    EXPECT_NE(conffiles.output.find("/etc/commune-kiosk/commune-kiosk.toml"), std::string::npos);
}

TEST(SystemdUnit, IsHardenedAndNeverStopsRestarting) {
    const auto unit = runProcess({"cat", std::string(KIOSK_SOURCE_DIR) + "/packaging/commune-kiosk.service"});
    for (const char* line :
         {"Restart=always", "StartLimitIntervalSec=0", "WatchdogSec=", "Type=notify", "NoNewPrivileges=yes",
          "ProtectSystem=strict", "ReadWritePaths=/var/lib/commune-kiosk", "PrivateTmp=yes",
          "DeviceAllow=char-video4linux rw", "ExecStart=/usr/bin/cage",
          "LimitCORE=0"}) {  // #16 item 11: no core dump may hold a scanned card
        EXPECT_NE(unit.output.find(line), std::string::npos) << line;
    }
    const auto analysis = runProcess({"systemd-analyze", "security", "--offline=true",
                                      std::string(KIOSK_SOURCE_DIR) + "/packaging/commune-kiosk.service"});
    if (analysis.exitCode == 127) GTEST_SKIP() << "systemd-analyze is not installed";
    EXPECT_NE(analysis.output.find("Overall exposure level"), std::string::npos) << analysis.output;
    EXPECT_NE(analysis.output.find("OK"), std::string::npos) << analysis.output;
}

// The centre's board (#15): the same never-give-up and hardening, its own role, sound instead of
// cameras, and no writable path at all.
TEST(SystemdUnit, TheBoardRunsTheBoardRoleHardenedWithSoundAndWritesNothing) {
    const std::string file = std::string(KIOSK_SOURCE_DIR) + "/packaging/commune-kiosk-board.service";
    const auto unit = runProcess({"cat", file});
    for (const char* line :
         {"Restart=always", "StartLimitIntervalSec=0", "WatchdogSec=", "Type=notify", "NoNewPrivileges=yes",
          "ProtectSystem=strict", "PrivateTmp=yes", "DeviceAllow=char-alsa rw", "LimitCORE=0",
          "commune-kiosk.toml board\n", "Conflicts=getty@tty1.service commune-kiosk.service"}) {
        EXPECT_NE(unit.output.find(line), std::string::npos) << line;
    }
    for (const char* absent : {"ReadWritePaths=", "char-video4linux"})
        EXPECT_EQ(unit.output.find(absent), std::string::npos) << absent;
    const auto analysis = runProcess({"systemd-analyze", "security", "--offline=true", file});
    if (analysis.exitCode == 127) GTEST_SKIP() << "systemd-analyze is not installed";
    EXPECT_NE(analysis.output.find("Overall exposure level"), std::string::npos) << analysis.output;
}

TEST(SystemdUnit, TheDeskRunsTheDeskRoleHardenedAndWritesOnlyItsDataDirectory) {
    const std::string file = std::string(KIOSK_SOURCE_DIR) + "/packaging/commune-kiosk-desk.service";
    const auto unit = runProcess({"cat", file});
    for (const char* line : {"Restart=always", "StartLimitIntervalSec=0", "WatchdogSec=", "Type=notify",
                             "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes",
                             "ProtectHome=yes", "LimitCORE=0", "commune-kiosk.toml desk\n",
                             "Conflicts=getty@tty1.service commune-kiosk.service commune-kiosk-board.service",
                             "StateDirectory=commune-kiosk", "CapabilityBoundingSet=\n"}) {
        EXPECT_NE(unit.output.find(line), std::string::npos) << line;
    }
    // Exactly one writable place: the data directory with the desk's volunteers and help log.
    size_t writable = 0;
    for (size_t at = unit.output.find("ReadWritePaths="); at != std::string::npos;
         at = unit.output.find("ReadWritePaths=", at + 1))
        ++writable;
    EXPECT_EQ(writable, 1u);
    EXPECT_NE(unit.output.find("ReadWritePaths=/var/lib/commune-kiosk\n"), std::string::npos);
    for (const char* absent : {"ReadWritePaths=/etc", "char-video4linux"})
        EXPECT_EQ(unit.output.find(absent), std::string::npos) << absent;
    const auto analysis = runProcess({"systemd-analyze", "security", "--offline=true", file});
    if (analysis.exitCode == 127) GTEST_SKIP() << "systemd-analyze is not installed";
    EXPECT_NE(analysis.output.find("Overall exposure level"), std::string::npos) << analysis.output;
}
