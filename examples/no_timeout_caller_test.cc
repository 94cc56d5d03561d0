// no_timeout_caller: the body itself waits forever (deadlock) at its receive; with_timeout + select on ctx.done() fixes it.
#include "examples/no_timeout_caller.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "examples/support.h"
#include "properties/gtest.h"

namespace weft::examples::no_timeout_caller {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using support::at;
using support::search;
using support::task_named;

// The leaky body fails the same way under each search: sampled and exhaustive.
class NoTimeoutCallerLeaky : public support::EverySearch {};

TEST_P(NoTimeoutCallerLeaky, ReportsTheCallerWaitingWithoutTimeout) {
  const Report r = explore(GetParam().options, leaky);
  ASSERT_THAT(r, FailsWith(FailureKind::deadlock));
  ASSERT_EQ(r.failure()->tasks.size(), 2u) << r.to_string();

  const TaskReport* caller = task_named(r, "main");
  ASSERT_NE(caller, nullptr) << r.to_string();
  EXPECT_EQ(caller->wait, WaitKind::chan_recv);
  EXPECT_THAT(caller->waiting_at.file_name(), EndsWith("examples/no_timeout_caller.cc"));
  EXPECT_EQ(caller->waiting_at.line(), kWaitLine) << r.to_string();
  EXPECT_THAT(caller->hint, HasSubstr("with_timeout"));
  EXPECT_THAT(caller->hint, HasSubstr("buffered result channel"));

  const TaskReport* worker = task_named(r, "worker");
  ASSERT_NE(worker, nullptr) << r.to_string();
  EXPECT_EQ(worker->id, "main.1");
  EXPECT_EQ(worker->wait, WaitKind::chan_recv);
  EXPECT_EQ(worker->waiting_at.line(), kDependencyLine) << r.to_string();
}
INSTANTIATE_TEST_SUITE_P(, NoTimeoutCallerLeaky, ::testing::ValuesIn(support::searches()), support::search_name);

TEST(NoTimeoutCaller, FixedPassesEveryScheduleOfTheSearch) {
  support::expect_passes_search(fixed);
}

// Plain DFS finishes: 48 schedules (measured; a few ms).
TEST(NoTimeoutCaller, FixedPassesExhaustiveSearch) {
  support::expect_passes_exhaustively(fixed);
}

// The same fix under whatever WEFT_MODE / WEFT_SEED / WEFT_ITERATIONS CI sets.
WEFT_TEST(NoTimeoutCaller, Fixed) { fixed(); }

}  // namespace
}  // namespace weft::examples::no_timeout_caller
