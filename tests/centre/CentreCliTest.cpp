// The queue and centre commands of the real binary, a contract for checks outside the project:
// one JSON line per queue command with the same keys in both modes (the kiosk's own SQLite file,
// or the centre's PostgreSQL with [centre] database in --config), exit 2 with one line for bad
// arguments, and an empty queue is not an error.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "centre/CentreTestEnvironment.h"
#include "kiosk/store/Database.h"
#include "support/Process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using testsupport::runProcess;

namespace {

int lineCount(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// Runs the binary with `args` after the common options; the output must be one JSON line.
class QueueCommands {
public:
    QueueCommands(fs::path config, fs::path dataDir)
        : config_(std::move(config)), dataDir_(std::move(dataDir)) {}

    testsupport::ProcessResult run(const std::vector<std::string>& args) const {
        std::vector<std::string> argv = {KIOSK_BINARY, "--config", config_.string(), "--data-dir",
                                         dataDir_.string()};
        argv.insert(argv.end(), args.begin(), args.end());
        return runProcess(argv, {}, std::chrono::seconds(60));
    }

    json line(const std::vector<std::string>& args) const {
        const auto result = run(args);
        EXPECT_EQ(result.exitCode, 0) << result.output;
        EXPECT_EQ(lineCount(result.output), 1) << result.output;
        return json::parse(result.output, nullptr, false);
    }

private:
    fs::path config_;
    fs::path dataDir_;
};

void expectTicket(const json& ticket, const std::string& number, bool priority, const json& desk,
                  const std::string& status) {
    ASSERT_TRUE(ticket.is_object()) << ticket.dump();
    for (const char* key : {"id", "number", "service", "priority", "desk", "status"})
        EXPECT_TRUE(ticket.contains(key)) << key << " missing in " << ticket.dump();
    EXPECT_TRUE(ticket["id"].is_string()) << ticket.dump();
    EXPECT_EQ(ticket["number"], number) << ticket.dump();
    EXPECT_EQ(ticket["service"], number.substr(0, 1)) << ticket.dump();
    EXPECT_EQ(ticket["priority"], priority) << ticket.dump();
    EXPECT_EQ(ticket["desk"], desk) << ticket.dump();
    EXPECT_EQ(ticket["status"], status) << ticket.dump();
}

// The same script in both modes: issue, call in policy order, done, empty, refusals.
void walkTheContract(const QueueCommands& queue) {
    const json first = queue.line({"queue", "issue", "--service", "A"});
    expectTicket(first, "A001", false, nullptr, "waiting");
    const json second = queue.line({"queue", "issue", "--service", "A"});
    expectTicket(second, "A002", false, nullptr, "waiting");
    const json elder = queue.line({"queue", "issue", "--service", "B", "--priority"});
    expectTicket(elder, "B001", true, nullptr, "waiting");
    EXPECT_EQ(elder["priority_reason"], "aged_75_plus");

    const json called = queue.line({"queue", "call-next", "--desk", "2"});
    expectTicket(called, "B001", true, 2, "called");
    EXPECT_EQ(called["id"], elder["id"]);
    expectTicket(queue.line({"queue", "call-next", "--desk", "3"}), "A001", false, 3, "called");
    expectTicket(queue.line({"queue", "done", "--ticket", elder["id"].get<std::string>()}), "B001", true, 2,
                 "done");
    expectTicket(queue.line({"queue", "call-next", "--desk", "2", "--services", "A"}), "A002", false, 2,
                 "called");
    EXPECT_EQ(queue.line({"queue", "call-next", "--desk", "2"}), json({{"empty", true}}));

    for (const std::vector<std::string>& bad : std::vector<std::vector<std::string>>{
             {"queue", "issue", "--service", "Z"},
             {"queue", "issue", "--service", "AB"},
             {"queue", "issue"},
             {"queue", "issue", "--service", "A", "--reason", "vip"},
             {"queue", "call-next", "--desk", "0"},
             {"queue", "call-next", "--desk", "two"},
             {"queue", "call-next", "--desk", "1", "--services", "AZ"},
             {"queue", "done", "--ticket", "nonsense"},
             {"queue", "done", "--ticket", elder["id"].get<std::string>()},  // done already
         }) {
        const auto result = queue.run(bad);
        EXPECT_EQ(result.exitCode, 2) << bad.back() << ": " << result.output;
        EXPECT_EQ(lineCount(result.output), 1) << bad.back() << ": " << result.output;
    }
}

}  // namespace

TEST(QueueCommandLine, LocalKioskDatabaseKeepsTheContract) {
    const fs::path dir = testsupport::freshTempDir("queue-cli-local");
    std::ofstream(dir / "kiosk.toml") << "[kiosk]\nid = \"kiosk-1\"\n";
    walkTheContract(QueueCommands(dir / "kiosk.toml", dir / "data"));
    EXPECT_TRUE(fs::exists(dir / "data" / "kiosk.sqlite3"));
}

class CentreCommandLine : public centretest::CentreDatabaseTest {
protected:
    void SetUp() override {
        CentreDatabaseTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        dir_ = testsupport::freshTempDir("centre-cli-" + database_);
        config_ = dir_ / "kiosk.toml";
        std::ofstream(config_) << "[kiosk]\nid = \"kiosk-7\"\n[centre]\ndatabase = \"" << connectionUri_
                               << "\"\n";
    }
    int64_t localCount(const std::string& sql) const {
        auto local = kiosk::store::Database::openInDirectory(dir_ / "data");
        EXPECT_TRUE(local.ok()) << local.error().message;
        if (!local) return -1;
        auto count = local->prepare(sql);
        EXPECT_TRUE(count.ok()) << count.error().message;
        if (!count || !count->step().ok()) return -1;
        return count->columnInt(0);
    }

    fs::path dir_;
    fs::path config_;
};

TEST_F(CentreCommandLine, AKioskCutOffFromTheCentreKeepsIssuingAndPushesLater) {
    const QueueCommands centre(config_, dir_ / "data");
    ASSERT_EQ(centre.run({"centre", "init"}).exitCode, 0);
    expectTicket(centre.line({"queue", "issue", "--service", "A"}), "A001", false, nullptr, "waiting");

    // The same kiosk (same id, same data) with its centre out of reach.
    const fs::path cutOffConfig = dir_ / "cut-off.toml";
    std::ofstream(cutOffConfig) << "[kiosk]\nid = \"kiosk-7\"\n[centre]\ndatabase = "
                                   "\"postgresql://postgres@/none?host=/nonexistent-centre&port=1\"\n";
    const QueueCommands cutOff(cutOffConfig, dir_ / "data");
    const json offline = cutOff.line({"queue", "issue", "--service", "A", "--priority"});
    expectTicket(offline, "A9990", true, nullptr, "waiting");
    EXPECT_EQ(offline["offline"], true) << offline.dump();
    const json otherService = cutOff.line({"queue", "issue", "--service", "B"});
    expectTicket(otherService, "B9990", false, nullptr, "waiting");

    // Back: the next ticket pushes the journal first; the desk calls the priority one first.
    const json online = centre.line({"queue", "issue", "--service", "A"});
    expectTicket(online, "A002", false, nullptr, "waiting");
    EXPECT_FALSE(online.contains("offline")) << online.dump();
    const json called = centre.line({"queue", "call-next", "--desk", "1"});
    EXPECT_EQ(called["id"], offline["id"]) << called.dump();
    const json status = centre.line({"centre", "status", "--json"});
    EXPECT_EQ(status["queue"]["A"]["waiting"], 2) << status.dump();
    EXPECT_EQ(status["queue"]["B"]["waiting"], 1) << status.dump();
    bool seen = false;
    for (const auto& terminal : status["terminals"]) {
        if (terminal["id"] != "kiosk-7") continue;
        seen = true;
        EXPECT_EQ(terminal["offline"], false) << terminal.dump();
        EXPECT_EQ(terminal["offline_tickets_today"], 2) << terminal.dump();
    }
    EXPECT_TRUE(seen) << status.dump();
    const auto text = centre.run({"centre", "status"});
    EXPECT_NE(text.output.find("kiosk-7 (kiosk): last contact"), std::string::npos) << text.output;
    EXPECT_NE(text.output.find("2 tickets issued offline today, pushed late"), std::string::npos)
        << text.output;
}

TEST_F(CentreCommandLine, InitIsIdempotentAndTheQueueKeepsTheContract) {
    const QueueCommands centre(config_, dir_ / "data");
    const auto notYet = centre.run({"queue", "issue", "--service", "A"});
    EXPECT_EQ(notYet.exitCode, 1) << notYet.output;
    EXPECT_NE(notYet.output.find("centre init"), std::string::npos) << notYet.output;

    const auto init = centre.run({"centre", "init"});
    ASSERT_EQ(init.exitCode, 0) << init.output;
    EXPECT_NE(init.output.find("now at version"), std::string::npos) << init.output;
    const auto again = centre.run({"centre", "init"});
    ASSERT_EQ(again.exitCode, 0) << again.output;
    EXPECT_NE(again.output.find("already at version"), std::string::npos) << again.output;

    walkTheContract(centre);
    // Centre tickets are the centre's: the kiosk's own file keeps only numbers leased for when
    // the centre cannot be reached.
    EXPECT_EQ(localCount("SELECT count(*) FROM ticket"), 0);
    EXPECT_EQ(localCount("SELECT count(*) FROM centre_journal"), 0);
    EXPECT_GT(localCount("SELECT count(*) FROM centre_lease"), 0);

    const json status = centre.line({"centre", "status", "--json"});
    EXPECT_EQ(status["queue"]["A"]["done"], 0) << status.dump();
    EXPECT_EQ(status["queue"]["A"]["called"], 2) << status.dump();
    EXPECT_EQ(status["queue"]["B"]["done"], 1) << status.dump();
    EXPECT_EQ(status["queue"]["C"]["waiting"], 0) << status.dump();
    std::set<std::string> terminals;
    for (const auto& terminal : status["terminals"])
        terminals.insert(terminal["id"].get<std::string>());
    EXPECT_EQ(terminals, (std::set<std::string>{"kiosk-7", "desk-2", "desk-3"}));
    const auto text = centre.run({"centre", "status"});
    EXPECT_EQ(text.exitCode, 0) << text.output;
    EXPECT_NE(text.output.find("A: 0 waiting, 2 called, 0 no-show, 0 done"), std::string::npos)
        << text.output;
}

TEST(CentreConfigCommandLine, ARemoteDatabaseWithoutVerifyFullIsExitTwo) {
    const fs::path dir = testsupport::freshTempDir("centre-cli-remote");
    std::ofstream(dir / "kiosk.toml") << "[centre]\ndatabase = \"postgresql://kiosk@centre.lan/kiosk\"\n";
    for (const std::vector<std::string>& command :
         std::vector<std::vector<std::string>>{{"centre", "init"},
                                               {"queue", "issue", "--service", "A"},
                                               {"queue", "call-next", "--desk", "1"}}) {
        std::vector<std::string> argv = {KIOSK_BINARY, "--config", (dir / "kiosk.toml").string()};
        argv.insert(argv.end(), command.begin(), command.end());
        const auto result = runProcess(argv);
        EXPECT_EQ(result.exitCode, 2) << result.output;
        EXPECT_EQ(lineCount(result.output), 1) << result.output;
        EXPECT_NE(result.output.find("sslmode=verify-full"), std::string::npos) << result.output;
    }
}

TEST(CentreConfigCommandLine, CentreCommandsNeedACentreDatabase) {
    const fs::path dir = testsupport::freshTempDir("centre-cli-none");
    std::ofstream(dir / "kiosk.toml") << "[kiosk]\nid = \"kiosk-1\"\n";
    for (const char* command : {"init", "status"}) {
        const auto result =
            runProcess({KIOSK_BINARY, "--config", (dir / "kiosk.toml").string(), "centre", command});
        EXPECT_EQ(result.exitCode, 2) << result.output;
        EXPECT_EQ(lineCount(result.output), 1) << result.output;
        EXPECT_NE(result.output.find("[centre] database"), std::string::npos) << result.output;
    }
}

// recall and no-show keep the same one-line contract as call-next, in both modes.
void walkRecallAndNoShow(const QueueCommands& queue) {
    const json ticket = queue.line({"queue", "issue", "--service", "A"});
    const std::string id = ticket["id"].get<std::string>();
    expectTicket(queue.line({"queue", "call-next", "--desk", "2"}), "A001", false, 2, "called");
    expectTicket(queue.line({"queue", "recall", "--ticket", id}), "A001", false, 2, "called");
    expectTicket(queue.line({"queue", "recall", "--ticket", id, "--desk", "4"}), "A001", false, 4, "called");
    expectTicket(queue.line({"queue", "no-show", "--ticket", id}), "A001", false, 4, "no_show");
    expectTicket(queue.line({"queue", "recall", "--ticket", id}), "A001", false, 4, "called");
    expectTicket(queue.line({"queue", "done", "--ticket", id}), "A001", false, 4, "done");
    for (const std::vector<std::string>& bad : std::vector<std::vector<std::string>>{
             {"queue", "recall", "--ticket", id},  // done already
             {"queue", "no-show", "--ticket", id},
             {"queue", "recall", "--ticket", "nonsense"},
             {"queue", "recall", "--ticket", id, "--desk", "0"},
             {"queue", "recall"},
         }) {
        const auto result = queue.run(bad);
        EXPECT_EQ(result.exitCode, 2) << bad.back() << ": " << result.output;
        EXPECT_EQ(lineCount(result.output), 1) << bad.back() << ": " << result.output;
    }
}

TEST(QueueCommandLine, LocalKioskRecallsAndMarksNoShows) {
    const fs::path dir = testsupport::freshTempDir("queue-cli-local-recall");
    std::ofstream(dir / "kiosk.toml") << "[kiosk]\nid = \"kiosk-1\"\n";
    walkRecallAndNoShow(QueueCommands(dir / "kiosk.toml", dir / "data"));
}

TEST_F(CentreCommandLine, CentreRecallsAndMarksNoShows) {
    const QueueCommands centre(config_, dir_ / "data");
    ASSERT_EQ(centre.run({"centre", "init"}).exitCode, 0);
    walkRecallAndNoShow(centre);
}
