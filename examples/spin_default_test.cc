// spin_default: the poller is reported still running at its select-with-default; blocking on ctx.done() fixes it.
#include "examples/spin_default.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "examples/support.h"
#include "properties/gtest.h"

namespace weft::examples::spin_default {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using support::at;
using support::search;
using support::task_named;

// The leaky body fails the same way under each search: sampled and exhaustive.
class SpinDefaultLeaky : public support::EverySearch {};

TEST_P(SpinDefaultLeaky, ReportsTheSpinningPoller) {
  const Report r = explore(GetParam().options, leaky);
  ASSERT_THAT(r, FailsWith(FailureKind::leak));
  ASSERT_EQ(r.failure()->tasks.size(), 1u) << r.to_string();
  const TaskReport& t = r.failure()->tasks[0];
  // running, not blocked: it never blocks, which is the bug
  support::expect_stuck(r, t, "poller", "main.1", WaitKind::running, "examples/spin_default.cc", kPollLine);
  EXPECT_THAT(t.hint, HasSubstr("block on ctx.done() instead of polling"));
  EXPECT_THAT(r.failure()->message, HasSubstr("step budget"));
}
INSTANTIATE_TEST_SUITE_P(, SpinDefaultLeaky, ::testing::ValuesIn(support::searches()), support::search_name);

TEST(SpinDefault, FixedPassesEveryScheduleOfTheSearch) {
  support::expect_passes_search(fixed);
}

// Plain DFS finishes: 45 schedules (measured; a few ms).
TEST(SpinDefault, FixedPassesExhaustiveSearch) {
  support::expect_passes_exhaustively(fixed);
}

// The same fix under whatever WEFT_MODE / WEFT_SEED / WEFT_ITERATIONS CI sets.
WEFT_TEST(SpinDefault, Fixed) { fixed(); }

}  // namespace
}  // namespace weft::examples::spin_default
