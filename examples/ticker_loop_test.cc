// ticker_loop: the refresher is reported alive only through its Ticker; returning on ctx.done() and stopping the ticker fixes it.
#include "examples/ticker_loop.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "examples/support.h"
#include "properties/gtest.h"

namespace weft::examples::ticker_loop {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using support::at;
using support::search;
using support::task_named;

// The leaky body fails the same way under each search: sampled and exhaustive.
class TickerLoopLeaky : public support::EverySearch {};

TEST_P(TickerLoopLeaky, ReportsATaskWokenOnlyByItsTicker) {
  const Report r = explore(GetParam().options, leaky);
  ASSERT_THAT(r, FailsWith(FailureKind::leak));
  ASSERT_EQ(r.failure()->tasks.size(), 1u) << r.to_string();
  const TaskReport& t = r.failure()->tasks[0];
  EXPECT_EQ(t.name, "refresher");
  EXPECT_EQ(t.id, "main.1");
  // Woken at every tick, it is not blocked forever: weft counts it as running.
  EXPECT_EQ(t.wait, WaitKind::running) << r.to_string();
  EXPECT_THAT(t.waiting_at.file_name(), EndsWith("examples/ticker_loop.cc"));
  EXPECT_EQ(t.waiting_at.line(), kRecvLine) << r.to_string();
  EXPECT_THAT(t.hint, HasSubstr("ticker.stop()"));
  EXPECT_THAT(t.hint, HasSubstr("ctx.done()"));
  // The message names the ticker that keeps it alive, by its creation line.
  EXPECT_THAT(r.failure()->message, HasSubstr("woken only by"));
  EXPECT_THAT(r.failure()->message, HasSubstr(at("ticker_loop.cc", kTickerLine))) << r.to_string();
}
INSTANTIATE_TEST_SUITE_P(, TickerLoopLeaky, ::testing::ValuesIn(support::searches()), support::search_name);

TEST(TickerLoop, FixedPassesEveryScheduleOfTheSearch) {
  support::expect_passes_search(fixed);
}

// Not a finite tree, with or without reduction: once the owner has cancelled, the
// refresher's select may take a fresh tick instead of ctx.done() again and again (the
// ticker can fire at any scheduling point), so one branch per extra tick goes on
// forever. The search is capped at 1,000 schedules and says so; depth-first, they all
// vary the end of that branch (measured: 10 steps each, about 20 ms in an optimised
// build; the cost per schedule grows with the depth reached).
TEST(TickerLoop, FixedPassesTheFirstSchedulesOfExhaustiveSearch) {
  support::expect_passes_until_budget(fixed, Options{.mode = Mode::exhaustive, .iterations = 1000});
}

// The same fix under whatever WEFT_MODE / WEFT_SEED / WEFT_ITERATIONS CI sets.
WEFT_TEST(TickerLoop, Fixed) { fixed(); }

}  // namespace
}  // namespace weft::examples::ticker_loop
