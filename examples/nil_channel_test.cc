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
  EXPECT_EQ(t.name, "consumer");
  EXPECT_EQ(t.id, "main.1");
  EXPECT_EQ(t.wait, WaitKind::nil_chan);
  EXPECT_THAT(t.waiting_at.file_name(), EndsWith("examples/nil_channel.cc"));
  EXPECT_EQ(t.waiting_at.line(), kRecvLine) << r.to_string();
  EXPECT_THAT(t.hint, HasSubstr("make_chan"));
  EXPECT_THAT(r.to_string(), HasSubstr("[nil chan]"));
}

TEST(NilChannel, FixedPassesEveryScheduleOfTheSearch) {
  const Report r = explore(search(), fixed);
  EXPECT_TRUE(r.ok()) << r.to_string();
  EXPECT_EQ(r.stats().schedules, 1000u);
}

// The same fix under whatever WEFT_MODE / WEFT_SEED / WEFT_ITERATIONS CI sets.
WEFT_TEST(NilChannel, Fixed) { fixed(); }

}  // namespace
}  // namespace weft::examples::nil_channel
