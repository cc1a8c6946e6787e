// Issue #16 item 4: `volunteers add` run as root on a fresh install created the database and
// pepper.key owned by root, and the kiosk's own user could no longer write. Files the kiosk
// creates now belong to the owner of their directory.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kiosk/Files.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/queue/TicketBook.h"
#include "kiosk/store/Database.h"
#include "support/TempDatabase.h"

namespace {

constexpr uid_t kServiceUser = 4242;
constexpr gid_t kServiceGroup = 4343;

uid_t ownerOf(const std::filesystem::path& file) {
    struct stat info {};
    EXPECT_EQ(::stat(file.c_str(), &info), 0) << file;
    return info.st_uid;
}

TEST(DataDirOwner, FilesARootCommandCreatesBelongToTheDataDirectorysOwner) {
    if (::geteuid() != 0) GTEST_SKIP() << "giving files away needs root (CI runs as root)";
    const auto dir = test_support::freshDir("owner", "root-command");
    ASSERT_EQ(::chown(dir.c_str(), kServiceUser, kServiceGroup), 0);

    {
        auto database = kiosk::store::Database::openInDirectory(dir);  // what `volunteers add` does
        ASSERT_TRUE(database.ok()) << database.error().message;
        ASSERT_TRUE(kiosk::helplog::loadOrCreatePepper(dir / kiosk::helplog::kPepperFileName).ok());
        ASSERT_TRUE(kiosk::writeFileAtomically(dir / "exported.csv", "a,b\n").ok());
    }
    for (const char* name : {"kiosk.sqlite3", "pepper.key", "exported.csv"})
        EXPECT_EQ(ownerOf(dir / name), kServiceUser) << name;

    // The proof that matters: the service user can still write after root was here.
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        if (::setgid(kServiceGroup) != 0 || ::setuid(kServiceUser) != 0) ::_exit(3);
        auto database = kiosk::store::Database::openInDirectory(dir);
        if (!database) ::_exit(4);
        kiosk::SystemWallClock clock;
        kiosk::queue::TicketBook book(*database, {kiosk::queue::Service{'A', {"Việc khác", "Other"}, {}}},
                                      clock);
        ::_exit(book.issue('A').ok() && kiosk::helplog::loadOrCreatePepper(dir / "pepper.key").ok() ? 0 : 5);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "3: could not become the service user, 4: open, 5: write";
}

TEST(DataDirOwner, NothingChangesInADirectoryRootOwns) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root (CI runs as root)";
    const auto dir = test_support::freshDir("owner", "root-dir");
    ASSERT_TRUE(kiosk::writeFileAtomically(dir / "config.toml", "x = 1\n").ok());
    EXPECT_EQ(ownerOf(dir / "config.toml"), 0u);
}

}  // namespace
