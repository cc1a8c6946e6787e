// The help log CSV: exact bytes, quoting and the injection guard, progress and cancel, a stick
// that cannot be written, and which tickets a period holds.
#include "kiosk/helplog/CsvExport.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <string>
#include <utility>
#include <vector>

#include "unit/helplog/StatsTestSupport.h"

namespace fs = std::filesystem;
using kiosk::helplog::AgeBand;
using kiosk::helplog::csvField;
using kiosk::helplog::exportHelpCsv;
using kiosk::helplog::ExportSummary;
using kiosk::helplog::HelpEntry;
using kiosk::helplog::Outcome;
using kiosk::helplog::Period;
using kiosk::helplog::Rating;
using kiosk::helplog::Skill;
using kiosk::helplog::Task;
using kiosk::helplog::Visit;
using kiosk::queue::Priority;
using kiosk::queue::Ticket;
using stats_test::fileBytes;
using stats_test::vietnamTime;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kHeader =
    "\xEF\xBB\xBF"
    "ngày,số,dịch vụ,ưu tiên,nơi gọi hỗ trợ,giờ lấy số,chờ (giây),phục vụ (giây),trạng thái,kỹ năng,"
    "việc đã làm,kết quả,lần đến,độ tuổi,đánh giá,hộ gia đình,ghi chú\r\n";

// Synthetic keys shaped like real ones (hex HMAC digests), so the 10-character prefix is telling.
const std::string kHouseholdA = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const std::string kHouseholdB = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

constexpr year_month_day nov(int day) {
    return year(2026) / November / day;
}

Period onlyDay(const std::string& day) {
    return Period{day, day};
}

class CsvExportTest : public stats_test::HelpLogFixture {
protected:
    fs::path target() const { return dir_ / "stick" / "help.csv"; }
    fs::path temp() const { return dir_ / "stick" / "help.csv.tmp"; }

    void SetUp() override {
        HelpLogFixture::SetUp();
        fs::create_directories(dir_ / "stick");
    }

    kiosk::Result<ExportSummary> exportTo(const Period& period, const fs::path& to,
                                          const std::function<bool(int, int)>& progress = {},
                                          minutes utcOffset = kiosk::helplog::kVietnamUtcOffset) {
        return exportHelpCsv(*database_, period, to, progress, utcOffset);
    }

    // Exports `period` to target() and returns the file's bytes ("" on failure).
    std::string exported(const Period& period, minutes utcOffset = kiosk::helplog::kVietnamUtcOffset) {
        auto written = exportTo(period, target(), {}, utcOffset);
        EXPECT_TRUE(written.ok()) << written.error().message;
        return written.ok() ? fileBytes(target()) : std::string();
    }

    // The data lines of an export, without the header and line ends.
    std::vector<std::string> rowsOf(const std::string& csv) {
        std::vector<std::string> rows;
        std::size_t start = kHeader.size();
        for (std::size_t end; (end = csv.find("\r\n", start)) != std::string::npos; start = end + 2)
            rows.push_back(csv.substr(start, end - start));
        return rows;
    }

    // Tickets issued one after another, each with a 250-character origin, so the file passes the
    // export's 64 KiB write buffer.
    void issueMany(int count) {
        const std::string origin = "walkthrough:" + std::string(250, 'x');
        for (int i = 0; i < count; ++i) {
            issue('A', Priority::None, std::nullopt, origin);
            clock_.advance(10s);
        }
    }
};

}  // namespace

// ----- Cells -------------------------------------------------------------------------------------

TEST(CsvField, QuotesByRfc4180AndGuardsFormulas) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", ""},
        {"done", "done"},
        {"Hướng dẫn VNeID", "Hướng dẫn VNeID"},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {"cr\rhere", "\"cr\rhere\""},
        {"=SUM(A1:A9)", "'=SUM(A1:A9)"},
        {"+cmd", "'+cmd"},
        {"-x", "'-x"},
        {"@SUM(A1)", "'@SUM(A1)"},
        {"\tx", "'\tx"},
        {"\rx", "\"'\rx\""},
        {"=HYPERLINK(\"http://example.invalid\",\"x\")",
         "\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\""},
        {"a=b", "a=b"},
        {"'quoted'", "'quoted'"},
    };
    for (const auto& [text, cell] : cases)
        EXPECT_EQ(csvField(text), cell) << text;
}

TEST(CsvField, HeaderNamesAreStable) {
    std::string header;
    for (const std::string_view name : kiosk::helplog::kHelpCsvColumns)
        header += std::string(header.empty() ? "" : ",") + std::string(name);
    EXPECT_EQ("\xEF\xBB\xBF" + header + "\r\n", kHeader);
}

// ----- Whole exports -----------------------------------------------------------------------------

TEST_F(CsvExportTest, SmallExportHasExactlyTheseBytes) {
    // A001: waited 90 s, served 5 min 30 s, logged and rated.
    const Ticket served = issue('A', Priority::None, kHouseholdA);
    clock_.advance(90s);
    call(served);
    clock_.advance(330s);
    done(served);
    HelpEntry entry = entryFor(served);
    entry.skill = Skill::PublicServices;
    entry.task = Task::VneidLevel2Preparation;
    entry.outcome = Outcome::Done;
    entry.visit = Visit::First;
    entry.ageBand = AgeBand::From60To74;
    entry.note = "Hướng dẫn định danh mức 2, đã xong";
    record(entry);
    rate(served, Rating::Satisfied);
    // B001: from a walkthrough's "Get help", called after 45.4 s, did not come.
    clock_.set(vietnamTime(nov(23), 8, 10));
    const Ticket noShow = issue('B', Priority::Aged75Plus, std::nullopt, "walkthrough:vneid-level2/step-3");
    clock_.advance(45'400ms);
    call(noShow);
    ASSERT_TRUE(book_->noShow(noShow.id).ok());
    // A002 still waits; A003 was moved to line C.
    clock_.set(vietnamTime(nov(23), 8, 20));
    issue('A');
    clock_.set(vietnamTime(nov(23), 8, 30, 59));
    const Ticket moved = issue('A', Priority::None, kHouseholdB, "home");
    ASSERT_TRUE(book_->transfer(moved.id, 'C').ok());
    // The next day is not in the period.
    clock_.set(vietnamTime(nov(24), 9, 0));
    issue('A');

    std::vector<std::pair<int, int>> progress;
    auto written = exportTo(onlyDay("2026-11-23"), target(), [&](int done, int total) {
        progress.emplace_back(done, total);
        return true;
    });
    ASSERT_TRUE(written.ok()) << written.error().message;

    const std::string expected =
        std::string(kHeader) +
        "2026-11-23,A001,A,none,,08:00,90,330,done,public_services,vneid_level2_preparation,done,first,60_74,"
        "satisfied,a1b2c3d4e5,\"Hướng dẫn định danh mức 2, đã xong\"\r\n"
        "2026-11-23,B001,B,aged_75_plus,walkthrough:vneid-level2/step-3,08:10,45,,no_show,,,,,,,,\r\n"
        "2026-11-23,A002,A,none,,08:20,,,waiting,,,,,,,,\r\n"
        "2026-11-23,A003,C,none,home,08:30,,,waiting,,,,,,,0f1e2d3c4b,\r\n";
    EXPECT_EQ(fileBytes(target()), expected);
    EXPECT_EQ(written->file, target());
    EXPECT_EQ(written->rows, 4);
    EXPECT_EQ(written->bytes, expected.size());
    EXPECT_EQ(progress, (std::vector<std::pair<int, int>>{{0, 4}, {4, 4}}));
    EXPECT_FALSE(fs::exists(temp()));
}

TEST_F(CsvExportTest, EmptyPeriodGivesTheHeaderOnly) {
    EXPECT_EQ(exported(onlyDay("2026-12-01")), kHeader);
}

TEST_F(CsvExportTest, FormulasInOriginAndNoteAreWrittenAsText) {
    const Ticket ticket =
        issue('A', Priority::None, std::nullopt, "=HYPERLINK(\"http://example.invalid\",\"x\")");
    clock_.advance(1min);
    call(ticket);
    clock_.advance(1min);
    done(ticket);
    HelpEntry entry = entryFor(ticket);
    entry.note = "+ hướng dẫn thêm, \"lần sau\"";
    record(entry);
    issue('B', Priority::None, std::nullopt, "@SUM(A1)");

    const auto rows = rowsOf(exported(onlyDay("2026-11-23")));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_NE(rows[0].find(",\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\",08:00,"),
              std::string::npos)
        << rows[0];
    EXPECT_TRUE(rows[0].ends_with(",\"'+ hướng dẫn thêm, \"\"lần sau\"\"\"")) << rows[0];
    EXPECT_NE(rows[1].find(",'@SUM(A1),"), std::string::npos) << rows[1];
}

TEST_F(CsvExportTest, IssueTimeIsLocalToTheGivenOffset) {
    clock_.set(vietnamTime(nov(23), 23, 59, 30));
    issue('A');
    EXPECT_NE(exported(onlyDay("2026-11-23")).find(",23:59,"), std::string::npos);
    EXPECT_NE(exported(onlyDay("2026-11-23"), 0min).find(",16:59,"), std::string::npos);
}

TEST_F(CsvExportTest, OnlyTicketsOfThePeriodInDayAndIssueOrder) {
    for (const int day : {22, 29, 23, 30}) {
        clock_.set(vietnamTime(nov(day), 9, 0));
        issue('B');
        issue('A');
    }
    const auto rows = rowsOf(exported(*Period::thisWeek("2026-11-25")));
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_TRUE(rows[0].starts_with("2026-11-23,B001,")) << rows[0];
    EXPECT_TRUE(rows[1].starts_with("2026-11-23,A001,")) << rows[1];
    EXPECT_TRUE(rows[2].starts_with("2026-11-29,B001,")) << rows[2];
    EXPECT_TRUE(rows[3].starts_with("2026-11-29,A001,")) << rows[3];
}

TEST_F(CsvExportTest, RefusesABadPeriodBeforeCreatingAnyFile) {
    auto written = exportTo(Period{"2026-11-30", "2026-11-01"}, target());
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().code, "export.bad_period");
    written = exportTo(Period{"30/11/2026", "2026-11-30"}, target());
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().code, "export.bad_period");
    EXPECT_FALSE(fs::exists(target()));
    EXPECT_FALSE(fs::exists(temp()));
}

TEST_F(CsvExportTest, ReportsProgressAndStreamsPastTheWriteBuffer) {
    issueMany(250);
    std::vector<std::pair<int, int>> progress;
    auto written = exportTo(onlyDay("2026-11-23"), target(), [&](int done, int total) {
        progress.emplace_back(done, total);
        return true;
    });
    ASSERT_TRUE(written.ok()) << written.error().message;
    EXPECT_EQ(progress, (std::vector<std::pair<int, int>>{{0, 250}, {100, 250}, {200, 250}, {250, 250}}));
    const std::string csv = fileBytes(target());
    EXPECT_GT(csv.size(), 64u * 1024u);
    EXPECT_EQ(written->bytes, csv.size());
    EXPECT_EQ(fs::file_size(target()), csv.size());
    const auto rows = rowsOf(csv);
    ASSERT_EQ(rows.size(), 250u);
    EXPECT_TRUE(rows.back().starts_with("2026-11-23,A250,A,none,walkthrough:xxx")) << rows.back();
    EXPECT_TRUE(csv.ends_with(",waiting,,,,,,,,\r\n"));
}

TEST_F(CsvExportTest, CancelAtTheStartLeavesNoFile) {
    issueMany(3);
    auto written = exportTo(onlyDay("2026-11-23"), target(), [](int, int) { return false; });
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().code, "export.cancelled");
    EXPECT_FALSE(fs::exists(target()));
    EXPECT_FALSE(fs::exists(temp()));
}

TEST_F(CsvExportTest, CancelHalfwayKeepsTheOldFile) {
    issueMany(250);
    {
        std::ofstream old(target(), std::ios::binary);
        old << "last month's export";
    }
    int calls = 0;
    auto written = exportTo(onlyDay("2026-11-23"), target(), [&](int done, int) {
        ++calls;
        return done < 200;
    });
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().code, "export.cancelled");
    EXPECT_EQ(calls, 3);
    EXPECT_EQ(fileBytes(target()), "last month's export");
    EXPECT_FALSE(fs::exists(temp()));
}

TEST_F(CsvExportTest, ReplacesAnOlderExport) {
    issueMany(1);
    {
        std::ofstream old(target(), std::ios::binary);
        old << "last month's export";
    }
    const std::string csv = exported(onlyDay("2026-11-23"));
    EXPECT_TRUE(csv.starts_with(kHeader));
    EXPECT_EQ(rowsOf(csv).size(), 1u);
}

// Issue #16 item 11: `export FILE` renamed over a device node and reported success. Only a
// regular file is ever replaced; a FIFO, a folder or a link stays as it was.
TEST_F(CsvExportTest, ATargetThatIsNotARegularFileIsLeftAlone) {
    issueMany(1);
    const fs::path fifo = dir_ / "stick" / "fifo.csv";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const fs::path folder = dir_ / "stick" / "folder.csv";
    fs::create_directories(folder);
    const fs::path link = dir_ / "stick" / "link.csv";
    fs::create_symlink(fifo, link);
    for (const fs::path& to : {fifo, folder, link}) {
        auto written = exportTo(onlyDay("2026-11-23"), to);
        ASSERT_FALSE(written.ok()) << to;
        EXPECT_EQ(written.error().code, "export.not_a_file");
        EXPECT_FALSE(fs::exists(to.string() + ".tmp"));
    }
    EXPECT_TRUE(fs::is_fifo(fifo));
    EXPECT_TRUE(fs::is_directory(folder));
    EXPECT_TRUE(fs::is_symlink(link));
}

TEST_F(CsvExportTest, MissingFolderIsUnwritable) {
    issueMany(1);
    std::ofstream(dir_ / "stick" / "not-a-folder") << "a file where the folder should be";
    for (const fs::path& to :
         {dir_ / "unplugged" / "help.csv", dir_ / "stick" / "not-a-folder" / "help.csv"}) {
        auto written = exportTo(onlyDay("2026-11-23"), to);
        ASSERT_FALSE(written.ok()) << to;
        EXPECT_EQ(written.error().code, "export.unwritable");
        EXPECT_NE(written.error().message.find("USB stick"), std::string::npos) << written.error().message;
        EXPECT_NE(written.error().message.find(to.parent_path().string()), std::string::npos)
            << written.error().message;
    }
}

TEST_F(CsvExportTest, FullStickIsUnwritableAndLeavesTheOldFile) {
    issueMany(250);
    {
        std::ofstream old(target(), std::ios::binary);
        old << "last month's export";
    }
    // A file size limit makes write() fail like a full stick (EFBIG), without filling a disk.
    struct rlimit saved {};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = saved;
    small.rlim_cur = 16 * 1024;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    auto written = exportTo(onlyDay("2026-11-23"), target());
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);

    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().code, "export.unwritable");
    EXPECT_NE(written.error().message.find("full"), std::string::npos) << written.error().message;
    EXPECT_EQ(fileBytes(target()), "last month's export");
    EXPECT_FALSE(fs::exists(temp()));
}

// Root ignores folder permissions, so the export runs in a child that gives them up (uid
// nobody), on a connection of its own (an SQLite connection must not cross a fork).
TEST_F(CsvExportTest, ReadOnlyFolderIsUnwritable) {
    issueMany(1);
    const fs::path databaseFile = database_->file();
    for (const auto& entry : fs::recursive_directory_iterator(dir_))
        ::chmod(entry.path().c_str(), 0777);
    ::chmod(dir_.c_str(), 0777);
    ::chmod((dir_ / "stick").c_str(), 0555);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) std::_Exit(3);
        auto database = kiosk::store::Database::openFile(databaseFile);
        if (!database) std::_Exit(6);
        auto written = exportHelpCsv(*database, onlyDay("2026-11-23"), target(), {});
        if (written) std::_Exit(4);
        std::_Exit(written.error().code == "export.unwritable" ? 0 : 5);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ::chmod((dir_ / "stick").c_str(), 0700);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0)
        << "3: could not drop to nobody, 4: written anyway, 5: another error, 6: database not opened";
    EXPECT_FALSE(fs::exists(target()));
}
