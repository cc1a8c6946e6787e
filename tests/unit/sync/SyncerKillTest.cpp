// Kills a process that is sending with the real Syncer (SIGKILL, at random moments, many times)
// while the kiosk keeps writing events, then drains what is left: the server must hold every
// event exactly once after dedup by uuid, none may be missing, and a retried Idempotency-Key must
// always carry the same body. The child is this test binary run again (fork + exec), so it starts
// clean instead of inheriting the server's threads.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <random>
#include <thread>

#include "kiosk/sync/Syncer.h"
#include "unit/sync/SyncTestSupport.h"

using kiosk::store::Database;
using kiosk::sync::Syncer;
using namespace std::chrono_literals;

namespace {

constexpr const char* kChildDatabase = "KIOSK_SYNC_KILL_CHILD_DATABASE";
constexpr const char* kChildUrl = "KIOSK_SYNC_KILL_CHILD_URL";
constexpr const char* kChildCaFile = "KIOSK_SYNC_KILL_CHILD_CA";

}  // namespace

// The child: sends until it is killed. Skipped when run as an ordinary test.
TEST(SyncKillChild, SendsUntilKilled) {
    const char* database = std::getenv(kChildDatabase);
    const char* url = std::getenv(kChildUrl);
    const char* caFile = std::getenv(kChildCaFile);
    if (!database || !url || !caFile) GTEST_SKIP() << "runs only as the kill test's child process";
    sync_test::TestCertificate trusted;
    trusted.certificateFile = caFile;
    auto settings = sync_test::testSettings(url, database, trusted);
    settings.maxBatchEvents = 25;  // many batches, so kills land at every stage of many of them
    kiosk::sync::SyncHooks hooks;
    hooks.realWait = [](std::chrono::milliseconds planned) {
        return std::min(planned, std::chrono::milliseconds(20));
    };
    Syncer syncer(settings, hooks);
    auto started = syncer.start();
    if (!started) {
        std::fprintf(stderr, "child: %s\n", started.error().message.c_str());
        ::_exit(3);
    }
    for (;;)
        std::this_thread::sleep_for(1s);
}

TEST(SyncerKillTest, NothingLostNothingDuplicatedAfterSigkillWhileSending) {
    const auto dir = sync_test::freshDir("kill");
    auto opened = Database::openInDirectory(dir);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    Database& database = *opened;
    const auto trusted = sync_test::makeCertificate(dir, "trusted");
    sync_test::EventServer server(trusted);
    // A few milliseconds per request, so that many kills land while a batch is in flight or
    // being marked, and some after the server committed it.
    server.setDelay(15ms);
    sync_test::appendTestEvents(database, 6000, 0, 1000);

    // Everything exec needs is made before fork: the child may only call exec.
    const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
    const std::string filter = "--gtest_filter=SyncKillChild.SendsUntilKilled";
    const std::string databaseVariable = std::string(kChildDatabase) + "=" + database.file().string();
    const std::string urlVariable = std::string(kChildUrl) + "=" + server.url();
    const std::string caVariable = std::string(kChildCaFile) + "=" + trusted.certificateFile.string();
    std::vector<char*> argv = {const_cast<char*>(self.c_str()), const_cast<char*>(filter.c_str()), nullptr};
    std::vector<char*> envp = {const_cast<char*>(databaseVariable.c_str()),
                               const_cast<char*>(urlVariable.c_str()), const_cast<char*>(caVariable.c_str()),
                               nullptr};

    std::mt19937 random(static_cast<unsigned>(testing::UnitTest::GetInstance()->random_seed()) ^
                        static_cast<unsigned>(::getpid()));
    std::uniform_int_distribution<int> lifeMs(80, 400);
    constexpr int kKills = 20;
    int kills = 0;
    for (int round = 0; round < kKills; ++round) {
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            const int devNull = ::open("/dev/null", O_WRONLY);
            ::dup2(devNull, 1);
            ::dup2(devNull, 2);
            ::execve(argv[0], argv.data(), envp.data());
            ::_exit(127);
        }
        // The kiosk goes on writing events while the child sends.
        sync_test::appendTestEvents(database, 100, 100000 + round * 100, 25);
        std::this_thread::sleep_for(std::chrono::milliseconds(lifeMs(random)));
        ::kill(child, SIGKILL);
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
            << "the child ended by itself with status " << status << " (3: could not start)";
        ++kills;
    }
    const size_t deliveredBeforeDrain = server.events().size();
    std::printf("%d SIGKILLs; the server held %zu of %lld events before the final drain, %zu deliveries\n",
                kills, deliveredBeforeDrain, static_cast<long long>(sync_test::countRows(database, "1")),
                server.deliveries());
    EXPECT_GT(deliveredBeforeDrain, 0u) << "the children never sent anything: the test proves little";

    // The final drain in this process, as after the kiosk restarts.
    {
        // Scoped: a statement left mid-result would hold a read snapshot from before the drain.
        auto integrity = database.prepare("PRAGMA integrity_check");
        ASSERT_TRUE(integrity.ok() && *integrity->step());
        EXPECT_EQ(integrity->columnText(0), "ok");
    }
    kiosk::sync::SyncHooks hooks;
    hooks.realWait = [](std::chrono::milliseconds planned) {
        return std::min(planned, std::chrono::milliseconds(20));
    };
    Syncer syncer(sync_test::testSettings(server.url(), database.file(), trusted), hooks);
    ASSERT_TRUE(syncer.start().ok());
    ASSERT_TRUE(syncer.waitUntilIdle(60s)) << syncer.diagnostics().lastError;
    syncer.stop();
    sync_test::expectDeliveredExactlyOnce(database, server);
    EXPECT_EQ(sync_test::countRows(database, "1"), 6000 + kKills * 100);
    // Some kills landed after the server committed a batch and before the child marked it sent
    // (the batch then arrived again): the dangerous moment, which the check above survived.
    EXPECT_GT(server.deliveries(), server.events().size()) << "no kill landed between commit and mark";
}
