// Context trees (cancel, deadline, timeout on the virtual clock) and Group.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

#include "harness/weft.h"

namespace weft {
namespace {

using namespace std::chrono_literals;

Options opts(std::uint64_t iterations = 200) {
  return Options{.mode = Mode::random, .seed = 5, .iterations = iterations};
}

bool closed(const Chan<Unit>& done) { return select(recv_case(done), default_case()) == 0; }

TEST(Context, BackgroundIsNeverCancelled) {
  Report r = explore(opts(), [] {
    Context bg;
    WEFT_ASSERT(bg.err() == ContextError::none);
    WEFT_ASSERT(!bg.deadline().has_value());
    WEFT_ASSERT(!closed(bg.done()));  // a nil channel: never ready
    WEFT_ASSERT(background().err() == ContextError::none);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Context, CancelPropagatesDownNeverUpAndIsIdempotent) {
  Report r = explore(opts(), [] {
    auto [parent, cancel_parent] = with_cancel(Context());
    auto [child, cancel_child] = with_cancel(parent);
    auto [grandchild, cancel_grandchild] = with_cancel(child);
    cancel_child();
    cancel_child();  // idempotent
    WEFT_ASSERT(child.err() == ContextError::canceled);
    WEFT_ASSERT(grandchild.err() == ContextError::canceled);
    WEFT_ASSERT(closed(grandchild.done()));
    WEFT_ASSERT(parent.err() == ContextError::none);
    WEFT_ASSERT(!closed(parent.done()));
    cancel_parent();
    cancel_grandchild();
    WEFT_ASSERT(parent.err() == ContextError::canceled);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Context, CancelWakesEveryWaiter) {
  Report r = explore(opts(), [] {
    auto [ctx, cancel] = with_cancel(Context());
    auto& wg = make<WaitGroup>();
    for (int i = 0; i < 3; ++i) {
      wg.add(1);
      go("waiter", [ctx, &wg] {
        (void)ctx.done().recv();
        wg.done();
      });
    }
    cancel();
    wg.wait();
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Context, TimeoutExpiresOnTheVirtualClock) {
  Report r = explore(opts(), [] {
    const TimePoint t0 = now();
    auto [ctx, cancel] = with_timeout(Context(), 1h);
    WEFT_ASSERT(ctx.deadline() == t0 + 1h);
    (void)ctx.done().recv();
    WEFT_ASSERT(now() - t0 == 1h);
    WEFT_ASSERT(ctx.err() == ContextError::deadline_exceeded);
    cancel();  // after expiry: the error stays
    WEFT_ASSERT(ctx.err() == ContextError::deadline_exceeded);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Context, ChildNeverOutlivesItsParentsDeadline) {
  Report r = explore(opts(), [] {
    const TimePoint t0 = now();
    auto [parent, cancel_parent] = with_timeout(Context(), 1s);
    auto [child, cancel_child] = with_deadline(parent, t0 + 1h);
    (void)child.done().recv();
    WEFT_ASSERT(now() - t0 == 1s);
    WEFT_ASSERT(child.err() == ContextError::deadline_exceeded);
    cancel_child();
    cancel_parent();
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

// The deadline may fire at cancel()'s own scheduling point; whichever came first
// decides err(), and it never changes afterwards.
TEST(Context, FirstOfCancelAndDeadlineDecidesTheError) {
  int canceled_in = 0;
  Report r = explore(opts(), [&] {
    const TimePoint t0 = VirtualClock::now();
    auto [ctx, cancel] = with_timeout(Context(), 1s);
    cancel();
    const bool expired_first = VirtualClock::now() - t0 >= 1s;
    const ContextError first = expired_first ? ContextError::deadline_exceeded : ContextError::canceled;
    WEFT_ASSERT(ctx.err() == first);
    sleep(2s);
    WEFT_ASSERT(ctx.err() == first);
    canceled_in += expired_first ? 0 : 1;
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
  EXPECT_GT(canceled_in, 0);
}

TEST(Context, DeadlineAlreadyPassedIsExpiredAtOnce) {
  Report r = explore(opts(), [] {
    auto [ctx, cancel] = with_deadline(Context(), now() - 1s);
    WEFT_ASSERT(closed(ctx.done()));
    WEFT_ASSERT(ctx.err() == ContextError::deadline_exceeded);
    cancel();
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Group, SetLimitBoundsTheTasksRunningAtOnce) {
  Report r = explore(opts(), [] {
    Group g;
    g.set_limit(2);
    auto& running = make<Atomic<int>>(0);
    auto& peak = make<Atomic<int>>(0);
    for (int i = 0; i < 5; ++i) {
      g.go([&running, &peak] {
        const int n = running.fetch_add(1) + 1;
        int p = peak.load();
        while (n > p && !peak.compare_exchange(p, n)) {
        }
        yield();
        running.fetch_sub(1);
      });
    }
    g.wait();
    WEFT_ASSERT(peak.load() <= 2);
    WEFT_ASSERT(running.load() == 0);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Group, WaitCancelsTheContextWhenAllSucceed) {
  Report r = explore(opts(), [] {
    Group g;
    Context ctx = g.context();
    auto& n = make<Atomic<int>>(0);
    for (int i = 0; i < 3; ++i) g.go([&n] { n.fetch_add(1); });
    g.wait();
    WEFT_ASSERT(n.load() == 3);
    WEFT_ASSERT(ctx.err() == ContextError::canceled);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Group, ParentCancellationReachesTheGroupContext) {
  Report r = explore(opts(), [] {
    auto [parent, cancel] = with_cancel(Context());
    Group g(parent);
    Context ctx = g.context();
    g.go([ctx] { (void)ctx.done().recv(); });
    cancel();
    g.wait();
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Group, UnfinishedGroupTaskLeavesWaitBlocked) {
  Report r = explore(opts(1), [] {
    Group g;
    Chan<int> nil;
    g.go([nil] { (void)nil.recv(); });
    g.wait();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::deadlock) << r.to_string();
  ASSERT_EQ(r.failure()->tasks.size(), 2u);
  EXPECT_EQ(r.failure()->tasks[0].wait, WaitKind::group_wait);
  EXPECT_EQ(r.failure()->tasks[1].wait, WaitKind::nil_chan);
}

}  // namespace
}  // namespace weft
