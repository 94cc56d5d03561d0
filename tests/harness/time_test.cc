// Virtual time: timers with Go 1.23 stop/reset rules, after, after_func, tickers,
// and the clock as an explored choice.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "harness/weft.h"

namespace weft {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

Options opts(std::uint64_t iterations = 200) {
  return Options{.mode = Mode::random, .seed = 3, .iterations = iterations};
}

// True if a value can be received from ch right now.
bool ready(const Chan<TimePoint>& ch) { return select(recv_case(ch), default_case()) == 0; }

TEST(Timer, FiresAtItsDeadlineInVirtualTime) {
  Report r = explore(opts(), [] {
    const TimePoint t0 = now();
    Timer t(2h);
    const std::optional<TimePoint> at = t.c().recv();
    WEFT_ASSERT(at.has_value() && *at - t0 == 2h);
    WEFT_ASSERT(now() - t0 == 2h);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

// A pending timer may fire at any scheduling point, stop()'s own included, so stop()
// succeeds in some schedules and not in others; either way it tells the truth, and
// nothing is received afterwards.
TEST(Timer, StopReturnsWhetherItKeptTheTimerFromFiring) {
  int stopped_in = 0;
  Report r = explore(opts(), [&] {
    const TimePoint t0 = VirtualClock::now();
    Timer t(1s);
    const bool stopped = t.stop();
    WEFT_ASSERT(stopped == (VirtualClock::now() - t0 < 1s));
    WEFT_ASSERT(!t.stop());  // stopped or fired: either way not any more
    sleep(5s);
    WEFT_ASSERT(!ready(t.c()));
    stopped_in += stopped ? 1 : 0;
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
  EXPECT_GT(stopped_in, 0);
  EXPECT_LT(stopped_in, 200);  // and the firing won the race in some schedules
}

TEST(Timer, StopAfterFiringReturnsFalseAndDropsTheStaleValue) {
  Report r = explore(opts(), [] {
    Timer t(1s);
    sleep(2s);              // fired, its value not received
    WEFT_ASSERT(!t.stop());  // Go 1.23: false once fired, received or not
    WEFT_ASSERT(!ready(t.c()));
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Timer, ResetRearmsWithoutAStaleValue) {
  Report r = explore(opts(), [] {
    Timer t(1s);
    sleep(2s);                  // fired (deadline order), its value unreceived
    WEFT_ASSERT(!t.reset(10s));  // it had fired: false
    const TimePoint base = VirtualClock::now();  // not a scheduling point
    const std::optional<TimePoint> at = t.c().recv();
    WEFT_ASSERT(at.has_value() && *at == base + 10s);  // the new firing, not the stale one
    WEFT_ASSERT(!t.reset(1s));  // fired and received: not active
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Timer, ResetOfAPendingTimerMovesTheDeadline) {
  int active_in = 0;
  Report r = explore(opts(), [&] {
    const TimePoint t0 = VirtualClock::now();
    Timer t(5s);
    const bool active = t.reset(1s);  // the 5s firing may win the race at this point
    const TimePoint base = VirtualClock::now();
    WEFT_ASSERT(active == (base - t0 < 5s));
    WEFT_ASSERT(*t.c().recv() == base + 1s);
    active_in += active ? 1 : 0;
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
  EXPECT_GT(active_in, 0);
}

TEST(After, NonPositiveDurationIsReadyAtOnce) {
  Report r = explore(opts(), [] {
    WEFT_ASSERT(select(recv_case(after(0s)), default_case()) == 0);
    WEFT_ASSERT(select(recv_case(after(-1s)), default_case()) == 0);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(AfterFunc, RunsItsCallbackInANewTask) {
  Report r = explore(opts(), [] {
    auto done = make_chan<Unit>(1);
    const TimePoint t0 = now();
    Timer t = after_func(3s, [done] { done.send(Unit{}); });
    (void)done.recv();
    WEFT_ASSERT(now() - t0 == 3s);
    WEFT_ASSERT(!t.stop());  // its task was started
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(AfterFunc, StoppedInTimeNeverRuns) {
  int stopped_in = 0;
  Report r = explore(opts(), [&] {
    auto ran = make_chan<Unit>(1);
    Timer t = after_func(3s, [ran] { ran.send(Unit{}); });
    if (t.stop()) {
      ++stopped_in;
      sleep(10s);
      WEFT_ASSERT(select(recv_case(ran), default_case()) == 1);  // never ran
    } else {
      WEFT_ASSERT(ran.recv().has_value());  // its task was started: it runs to the end
    }
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
  EXPECT_GT(stopped_in, 0);
}

TEST(Ticker, DropsTicksForASlowReceiver) {
  Report r = explore(opts(), [] {
    const TimePoint t0 = now();
    Ticker tick(1s);
    sleep(10s + 500ms);
    // Ten ticks fell due while nobody received; at most one is kept.
    const TimePoint first = *tick.c().recv();
    WEFT_ASSERT(first - t0 <= 10s + 500ms);
    const TimePoint before = VirtualClock::now();
    if (ready(tick.c())) WEFT_ASSERT(VirtualClock::now() > before);  // a new tick, never a stored one
    tick.stop();
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Ticker, NonPositiveIntervalPanics) {
  Report r = explore(opts(1), [] { Ticker t(0s); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::panic);
  EXPECT_THAT(r.failure()->message, HasSubstr("non-positive interval"));
}

// The clock is explored: a timeout racing a reply wins in some schedules and loses
// in others, and both outcomes are reachable.
TEST(Clock, TimerFiringIsAnExploredChoice) {
  int timeouts = 0, replies = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    int taken = -1;
    Report r = explore(Options{.mode = Mode::random, .seed = seed, .iterations = 1}, [&] {
      auto reply = make_chan<int>(1);
      go("server", [reply] { reply.send(1); });
      taken = static_cast<int>(select(recv_case(reply), recv_case(after(1ms))));
    });
    ASSERT_TRUE(r.ok()) << r.to_string();
    (taken == 0 ? replies : timeouts)++;
  }
  EXPECT_GT(timeouts, 0);
  EXPECT_GT(replies, 0);
}

TEST(Clock, UnwatchedTimerDoesNotHideADeadlock) {
  Report r = explore(opts(1), [] {
    Timer unwatched(1s);
    Chan<int> nil;
    (void)nil.recv();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::deadlock) << r.to_string();
}

}  // namespace
}  // namespace weft
