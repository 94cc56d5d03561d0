// The termination checks that no other test reaches directly: livelock before the body
// returns, and the step budget under fairness.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/weft.h"

namespace weft {
namespace {

using ::testing::HasSubstr;

TEST(Checks, SpinningBeforeTheBodyReturnsIsALivelock) {
  unsigned line = 0;
  Report r = explore(Options{.mode = Mode::random, .seed = 1, .iterations = 5, .max_steps = 2000}, [&] {
    auto ch = make_chan<int>();  // nobody ever sends
    line = __LINE__ + 2;
    for (;;) {
      if (select(recv_case(ch), default_case()) == 0) return;
    }
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::livelock) << r.to_string();
  ASSERT_EQ(r.failure()->tasks.size(), 1u) << r.to_string();
  EXPECT_EQ(r.failure()->tasks[0].id, "main");
  EXPECT_EQ(r.failure()->tasks[0].wait, WaitKind::running);
  EXPECT_EQ(r.failure()->tasks[0].waiting_at.line(), line);
  EXPECT_EQ(r.failure()->measure().steps, 2001u) << r.to_string();
}

// A poller never starves the task it waits for: the spin ends in every schedule,
// however small the step budget, because the sender must run between two polls.
TEST(Checks, PollingLoopThatAnotherTaskEndsPassesUnderFairness) {
  Report r = explore(Options{.mode = Mode::random, .seed = 1, .iterations = 500, .max_steps = 200}, [] {
    auto ch = make_chan<int>(1);
    go("sender", [ch] { ch.send(1); });
    for (;;) {
      if (select(recv_case(ch), default_case()) == 0) return;
    }
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Checks, BodyThatReturnsWhileATaskSpinsIsASpinningLeak) {
  Report r = explore(Options{.mode = Mode::random, .seed = 1, .iterations = 5, .max_steps = 2000}, [] {
    go("spinner", [] {
      for (;;) yield();
    });
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::leak) << r.to_string();
  ASSERT_EQ(r.failure()->tasks.size(), 1u);
  EXPECT_EQ(r.failure()->tasks[0].name, "spinner");
  EXPECT_EQ(r.failure()->tasks[0].wait, WaitKind::running);
  EXPECT_THAT(r.to_string(), HasSubstr("spinner"));
}

}  // namespace
}  // namespace weft
