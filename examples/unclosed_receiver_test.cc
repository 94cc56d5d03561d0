// unclosed_receiver: the consumer is reported waiting in its range loop; selecting on ctx.done() and cancelling ends it.
#include "examples/unclosed_receiver.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "examples/support.h"
#include "properties/gtest.h"

namespace weft::examples::unclosed_receiver {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using support::at;
using support::search;
using support::task_named;

// The leaky body fails the same way under each search: sampled and exhaustive.
class UnclosedReceiverLeaky : public support::EverySearch {};

TEST_P(UnclosedReceiverLeaky, ReportsTheConsumerWaitingForAClose) {
  const Report r = explore(GetParam().options, leaky);
  ASSERT_THAT(r, FailsWith(FailureKind::leak));
  ASSERT_EQ(r.failure()->tasks.size(), 1u) << r.to_string();
  const TaskReport& t = r.failure()->tasks[0];
  support::expect_stuck(r, t, "consumer", "main.1", WaitKind::chan_recv, "examples/unclosed_receiver.cc", kRangeLine);
  EXPECT_THAT(t.hint, HasSubstr("close the channel when the producer is done"));
  EXPECT_THAT(t.hint, HasSubstr("ctx.done()"));
  EXPECT_THAT(r.failure()->message, HasSubstr(at("unclosed_receiver.cc", kRangeLine)));
}
INSTANTIATE_TEST_SUITE_P(, UnclosedReceiverLeaky, ::testing::ValuesIn(support::searches()), support::search_name);

TEST(UnclosedReceiver, FixedPassesEveryScheduleOfTheSearch) {
  support::expect_passes_search(fixed);
}

// Plain DFS finishes: 705 schedules (measured; a few ms).
TEST(UnclosedReceiver, FixedPassesExhaustiveSearch) {
  support::expect_passes_exhaustively(fixed);
}

// The same fix under whatever WEFT_MODE / WEFT_SEED / WEFT_ITERATIONS CI sets.
WEFT_TEST(UnclosedReceiver, Fixed) { fixed(); }

}  // namespace
}  // namespace weft::examples::unclosed_receiver
