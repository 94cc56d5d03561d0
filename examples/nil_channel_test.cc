// nil_channel: the consumer is reported on a nil channel; making the channel fixes it.
#include "examples/nil_channel.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "examples/support.h"
#include "properties/gtest.h"

namespace weft::examples::nil_channel {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using support::at;
using support::search;
using support::task_named;

// The leaky body fails the same way under each search: sampled and exhaustive.
class NilChannelLeaky : public support::EverySearch {};

TEST_P(NilChannelLeaky, ReportsTheConsumerOnANilChannel) {
  const Report r = explore(GetParam().options, leaky);
  ASSERT_THAT(r, FailsWith(FailureKind::leak));
  ASSERT_EQ(r.failure()->tasks.size(), 1u) << r.to_string();
  const TaskReport& t = r.failure()->tasks[0];
  support::expect_stuck(r, t, "consumer", "main.1", WaitKind::nil_chan, "examples/nil_channel.cc", kRecvLine);
  EXPECT_THAT(t.hint, HasSubstr("make_chan"));
  EXPECT_THAT(r.to_string(), HasSubstr("[nil chan]"));
}
INSTANTIATE_TEST_SUITE_P(, NilChannelLeaky, ::testing::ValuesIn(support::searches()), support::search_name);

TEST(NilChannel, FixedPassesEveryScheduleOfTheSearch) {
  support::expect_passes_search(fixed);
}

// Plain DFS finishes: 3 schedules (measured; a few ms).
TEST(NilChannel, FixedPassesExhaustiveSearch) {
  support::expect_passes_exhaustively(fixed);
}

// The same fix under whatever WEFT_MODE / WEFT_SEED / WEFT_ITERATIONS CI sets.
WEFT_TEST(NilChannel, Fixed) { fixed(); }

}  // namespace
}  // namespace weft::examples::nil_channel
