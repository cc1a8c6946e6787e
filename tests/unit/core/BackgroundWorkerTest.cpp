#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "kiosk/store/BackgroundWorker.h"

using kiosk::store::BackgroundWorker;

TEST(BackgroundWorker, JobsRunOffTheCallingThreadAndCompletionsOnIt) {
    BackgroundWorker worker;
    const auto caller = std::this_thread::get_id();
    std::thread::id jobThread;
    std::thread::id completionThread;
    worker.post([&] {
        jobThread = std::this_thread::get_id();
        return [&] { completionThread = std::this_thread::get_id(); };
    });
    worker.waitIdle();
    EXPECT_NE(jobThread, caller);
    EXPECT_EQ(completionThread, std::thread::id());  // not yet: only runCompletions runs them
    EXPECT_EQ(worker.outstanding(), 1);
    EXPECT_EQ(worker.runCompletions(), 1);
    EXPECT_EQ(completionThread, caller);
    EXPECT_EQ(worker.outstanding(), 0);
}

TEST(BackgroundWorker, KeepsPostingOrder) {
    BackgroundWorker worker;
    std::vector<int> jobs;
    std::vector<int> completions;
    for (int i = 0; i < 50; ++i) {
        worker.post([&jobs, &completions, i] {
            jobs.push_back(i);
            return [&completions, i] { completions.push_back(i); };
        });
    }
    worker.waitIdle();
    worker.runCompletions();
    ASSERT_EQ(jobs.size(), 50u);
    ASSERT_EQ(completions.size(), 50u);
    for (int i = 0; i < 50; ++i) {
        EXPECT_EQ(jobs[i], i);
        EXPECT_EQ(completions[i], i);
    }
}

TEST(BackgroundWorker, OutstandingCountsJobsWithoutCompletionToo) {
    BackgroundWorker worker;
    worker.post([] { return BackgroundWorker::Completion(); });
    EXPECT_EQ(worker.outstanding(), 1);
    worker.waitIdle();
    EXPECT_EQ(worker.runCompletions(), 1);
    EXPECT_EQ(worker.outstanding(), 0);
}

TEST(BackgroundWorker, DestructionFinishesPostedJobs) {
    std::atomic<int> ran{0};
    {
        BackgroundWorker worker;
        for (int i = 0; i < 5; ++i) {
            worker.post([&ran] {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                ++ran;
                return BackgroundWorker::Completion();
            });
        }
    }
    EXPECT_EQ(ran.load(), 5);
}
