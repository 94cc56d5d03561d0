// cancel_vs_value: some schedule takes a job after cancellation and fails the check; checking ctx.err() after select fixes it.
#include "examples/cancel_vs_value.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "examples/support.h"
#include "properties/gtest.h"

namespace weft::examples::cancel_vs_value {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using support::at;
using support::search;
using support::task_named;

// The leaky body fails the same way under each search: sampled and exhaustive.
class CancelVsValueLeaky : public support::EverySearch {};

TEST_P(CancelVsValueLeaky, FailsTheCheckWhenSelectTakesTheJob) {
  const Report r = explore(GetParam().options, leaky);
  ASSERT_THAT(r, FailsWith(FailureKind::assertion));
  const Failure& f = *r.failure();
  EXPECT_THAT(f.message, HasSubstr("ctx.err() == ContextError::none")) << r.to_string();
  EXPECT_THAT(f.message, HasSubstr(at("examples/cancel_vs_value.cc", kAssertLine))) << r.to_string();
  EXPECT_THAT(f.message, HasSubstr("task main.1")) << r.to_string();  // the worker
  const TaskReport* worker = task_named(r, "worker");
  ASSERT_NE(worker, nullptr) << r.to_string();
  EXPECT_EQ(worker->id, "main.1");
  EXPECT_EQ(worker->wait, WaitKind::running);  // it failed the check itself
}
INSTANTIATE_TEST_SUITE_P(, CancelVsValueLeaky, ::testing::ValuesIn(support::searches()), support::search_name);

TEST(CancelVsValue, FixedPassesEveryScheduleOfTheSearch) {
  support::expect_passes_search(fixed);
}

// Plain DFS finishes: 9 schedules (measured; a few ms).
TEST(CancelVsValue, FixedPassesExhaustiveSearch) {
  support::expect_passes_exhaustively(fixed);
}

// The same fix under whatever WEFT_MODE / WEFT_SEED / WEFT_ITERATIONS CI sets.
WEFT_TEST(CancelVsValue, Fixed) { fixed(); }

}  // namespace
}  // namespace weft::examples::cancel_vs_value
