// start_stop: the server loop is reported parked in its select after stop_leaky(); stop() that cancels and waits shuts down cleanly.
#include "examples/start_stop.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "examples/support.h"
#include "properties/gtest.h"

namespace weft::examples::start_stop {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using support::at;
using support::search;
using support::task_named;

// The leaky body fails the same way under each search: sampled and exhaustive.
class StartStopLeaky : public support::EverySearch {};

TEST_P(StartStopLeaky, ReportsTheServerLoopParkedAfterStop) {
  const Report r = explore(GetParam().options, leaky);
  ASSERT_THAT(r, FailsWith(FailureKind::leak));
  ASSERT_EQ(r.failure()->tasks.size(), 1u) << r.to_string();
  const TaskReport& t = r.failure()->tasks[0];
  support::expect_stuck(r, t, "server loop", "main.1", WaitKind::select, "examples/start_stop.cc", kSelectLine);
  EXPECT_THAT(t.hint, HasSubstr("call cancel when the owner shuts down"));
}
INSTANTIATE_TEST_SUITE_P(, StartStopLeaky, ::testing::ValuesIn(support::searches()), support::search_name);

TEST(StartStop, FixedPassesEveryScheduleOfTheSearch) {
  support::expect_passes_search(fixed);
}

// Plain DFS finishes: 28 schedules (measured; a few ms).
TEST(StartStop, FixedPassesExhaustiveSearch) {
  support::expect_passes_exhaustively(fixed);
}

// The same fix under whatever WEFT_MODE / WEFT_SEED / WEFT_ITERATIONS CI sets.
WEFT_TEST(StartStop, Fixed) { fixed(); }

}  // namespace
}  // namespace weft::examples::start_stop
