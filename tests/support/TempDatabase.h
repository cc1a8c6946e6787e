// The one way tests get a scratch directory and a kiosk database in it: under GoogleTest's temp
// dir, named after the test and the process (so parallel ctest runs never share one), emptied
// first. Header-only, so every test executable can use it without linking anything.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "kiosk/store/Database.h"

namespace test_support {

// An empty directory "<tmp>/<area>-<name>-<pid>".
inline std::filesystem::path freshDir(const std::string& area, const std::string& name) {
    const std::filesystem::path dir =
        std::filesystem::path(testing::TempDir()) / (area + "-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline std::string currentTestName() {
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    return info ? std::string(info->test_suite_name()) + "." + info->name() : "no-test";
}

// A migrated kiosk database in a fresh directory; fails the test when it cannot be opened.
class TempDatabase : public testing::Test {
protected:
    void SetUp() override {
        dir_ = freshDir("db", currentTestName());
        auto opened = kiosk::store::Database::openInDirectory(dir_);
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        database_.emplace(std::move(opened).value());
    }
    kiosk::store::Database& db() { return *database_; }
    const std::filesystem::path& dir() const { return dir_; }

    std::filesystem::path dir_;
    std::optional<kiosk::store::Database> database_;
};

}  // namespace test_support
