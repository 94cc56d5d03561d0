// first_wins: the losing replicas are reported blocked at their send; buffering the
// channel by the number of senders lets every task end.
#include "examples/first_wins.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "examples/support.h"
#include "properties/gtest.h"

namespace weft::examples::first_wins {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using support::search;

// The leaky body fails the same way under each search: sampled and exhaustive.
class FirstWinsLeaky : public support::EverySearch {};

TEST_P(FirstWinsLeaky, ReportsTheLosersBlockedInSend) {
  const Report r = explore(GetParam().options, leaky);
  ASSERT_THAT(r, FailsWith(FailureKind::leak));
  // Exactly the losers are left: every replica but the one whose answer was taken.
  ASSERT_EQ(r.failure()->tasks.size(), std::size_t{kReplicas - 1}) << r.to_string();
  for (const TaskReport& t : r.failure()->tasks) {
    EXPECT_EQ(t.name, "replica") << r.to_string();
    EXPECT_THAT(t.id, StartsWith("main.")) << r.to_string();
    EXPECT_EQ(t.wait, WaitKind::chan_send) << r.to_string();
    EXPECT_THAT(t.waiting_at.file_name(), EndsWith("examples/first_wins.cc")) << r.to_string();
    EXPECT_EQ(t.waiting_at.line(), kSendLine) << r.to_string();
    EXPECT_THAT(t.object, HasSubstr("unbuffered")) << r.to_string();
    EXPECT_THAT(t.hint, HasSubstr("buffer the channel by the number of senders")) << r.to_string();
  }
  EXPECT_THAT(r.to_string(), HasSubstr(support::at("first_wins.cc", kSendLine)));
}
INSTANTIATE_TEST_SUITE_P(, FirstWinsLeaky, ::testing::ValuesIn(support::searches()), support::search_name);

TEST(FirstWins, FixedPassesEveryScheduleOfTheSearch) {
  support::expect_passes_search(fixed);
}

// Plain DFS finishes: 3,006 schedules (measured; a few ms).
TEST(FirstWins, FixedPassesExhaustiveSearch) {
  support::expect_passes_exhaustively(fixed);
}

// The same fix under whatever WEFT_MODE / WEFT_SEED / WEFT_ITERATIONS CI sets.
WEFT_TEST(FirstWins, Fixed) { fixed(); }

}  // namespace
}  // namespace weft::examples::first_wins
