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

TEST(NilChannel, LeakyReportsTheConsumerOnANilChannel) {
  const Report r = explore(search(), leaky);
  ASSERT_THAT(r, FailsWith(FailureKind::leak));
  ASSERT_EQ(r.failure()->tasks.size(), 1u) << r.to_string();
  const TaskReport& t = r.failure()->tasks[0];
  support::expect_stuck(r, t, "consumer", "main.1", WaitKind::nil_chan, "examples/nil_channel.cc", kRecvLine);
  EXPECT_THAT(t.hint, HasSubstr("make_chan"));
  EXPECT_THAT(r.to_string(), HasSubstr("[nil chan]"));
}

TEST(NilChannel, FixedPassesEveryScheduleOfTheSearch) {
  support::expect_passes_search(fixed);
}

// The same fix under whatever WEFT_MODE / WEFT_SEED / WEFT_ITERATIONS CI sets.
WEFT_TEST(NilChannel, Fixed) { fixed(); }

}  // namespace
}  // namespace weft::examples::nil_channel
