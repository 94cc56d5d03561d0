// mutex_across_block: a deadlock whose report points at the user's std::lock_guard line (not into <mutex>); releasing the lock before blocking fixes it.
#include "examples/mutex_across_block.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "examples/support.h"
#include "properties/gtest.h"

namespace weft::examples::mutex_across_block {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using support::at;
using support::search;
using support::task_named;

// The leaky body fails the same way under each search: sampled and exhaustive.
class MutexAcrossBlockLeaky : public support::EverySearch {};

TEST_P(MutexAcrossBlockLeaky, ReportsTheLockGuardLineAndTheBlockedHolder) {
  const Report r = explore(GetParam().options, leaky);
  ASSERT_THAT(r, FailsWith(FailureKind::deadlock));
  ASSERT_EQ(r.failure()->tasks.size(), 3u) << r.to_string();

  const TaskReport* main = task_named(r, "main");
  ASSERT_NE(main, nullptr) << r.to_string();
  EXPECT_EQ(main->wait, WaitKind::waitgroup_wait);

  // Either task may win the lock; the winner blocks on the channel holding it, the
  // loser waits for the lock at its lock_guard line.
  const TaskReport* pub = task_named(r, "publisher");
  const TaskReport* sub = task_named(r, "subscriber");
  ASSERT_NE(pub, nullptr) << r.to_string();
  ASSERT_NE(sub, nullptr) << r.to_string();
  EXPECT_EQ(pub->id, "main.1");
  EXPECT_EQ(sub->id, "main.2");
  const bool publisher_won = pub->wait == WaitKind::chan_send;
  const TaskReport& holder = publisher_won ? *pub : *sub;
  const TaskReport& waiter = publisher_won ? *sub : *pub;

  EXPECT_EQ(holder.wait, publisher_won ? WaitKind::chan_send : WaitKind::chan_recv) << r.to_string();
  EXPECT_EQ(holder.waiting_at.line(), publisher_won ? kPublisherSendLine : kSubscriberRecvLine) << r.to_string();

  EXPECT_EQ(waiter.wait, WaitKind::mutex_lock) << r.to_string();
  EXPECT_THAT(waiter.waiting_at.file_name(), EndsWith("examples/mutex_across_block.cc")) << r.to_string();
  EXPECT_EQ(waiter.waiting_at.line(), publisher_won ? kSubscriberLockLine : kPublisherLockLine) << r.to_string();
  EXPECT_THAT(waiter.object, HasSubstr("held by " + holder.id)) << r.to_string();
  EXPECT_THAT(waiter.hint, HasSubstr("release it before blocking"));
}
INSTANTIATE_TEST_SUITE_P(, MutexAcrossBlockLeaky, ::testing::ValuesIn(support::searches()), support::search_name);

TEST(MutexAcrossBlock, FixedPassesEveryScheduleOfTheSearch) {
  support::expect_passes_search(fixed);
}

// Plain DFS finishes: 2,725 schedules (measured; a few ms).
TEST(MutexAcrossBlock, FixedPassesExhaustiveSearch) {
  support::expect_passes_exhaustively(fixed);
}

// The same fix under whatever WEFT_MODE / WEFT_SEED / WEFT_ITERATIONS CI sets.
WEFT_TEST(MutexAcrossBlock, Fixed) { fixed(); }

}  // namespace
}  // namespace weft::examples::mutex_across_block
