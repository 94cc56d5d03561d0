// worker_pool: workers are reported blocked on the results channel after the reader stopped; buffering by the job count (WaitGroup + close) fixes it.
#include "examples/worker_pool.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "examples/support.h"
#include "properties/gtest.h"

namespace weft::examples::worker_pool {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using support::at;
using support::search;
using support::task_named;

TEST(WorkerPool, LeakyReportsWorkersBlockedOnResults) {
  const Report r = explore(search(), leaky);
  ASSERT_THAT(r, FailsWith(FailureKind::leak));
  ASSERT_FALSE(r.failure()->tasks.empty());
  for (const TaskReport& t : r.failure()->tasks) {
    EXPECT_EQ(t.name, "worker") << r.to_string();
    EXPECT_TRUE(t.id == "main.1" || t.id == "main.2") << t.id;
    EXPECT_EQ(t.wait, WaitKind::chan_send) << r.to_string();
    EXPECT_THAT(t.waiting_at.file_name(), EndsWith("examples/worker_pool.cc"));
    EXPECT_EQ(t.waiting_at.line(), kSendLine) << r.to_string();
    EXPECT_THAT(t.hint, HasSubstr("buffer the channel"));
  }
}

TEST(WorkerPool, FixedPassesEveryScheduleOfTheSearch) {
  support::expect_passes_search(fixed);
}

// The same fix under whatever WEFT_MODE / WEFT_SEED / WEFT_ITERATIONS CI sets.
WEFT_TEST(WorkerPool, Fixed) { fixed(); }

}  // namespace
}  // namespace weft::examples::worker_pool
