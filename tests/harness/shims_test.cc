// Cross-shim behaviour: each leak shape is reported with the right kind, task, wait
// reason and line; the fixed shape passes.
#include <gtest/gtest.h>

#include <mutex>
#include <set>

#include "harness/weft.h"

namespace weft {
namespace {

Options opts(std::uint64_t iterations = 300) { return Options{.mode = Mode::random, .seed = 1, .iterations = iterations}; }

TEST(Shims, FirstAnswerWinsLeaksTheOtherSenders) {
  unsigned line = 0;
  Report r = explore(opts(), [&] {
    auto ch = make_chan<int>();
    for (int i = 0; i < 3; ++i) {
      go("searcher", [ch, i] { ch.send(i); });
    }
    line = __LINE__ - 2;
    (void)ch.recv();
  });
  ASSERT_FALSE(r.ok());
  const Failure& f = *r.failure();
  EXPECT_EQ(f.kind, FailureKind::leak) << r.to_string();
  ASSERT_EQ(f.tasks.size(), 2u) << r.to_string();
  EXPECT_EQ(f.tasks[0].name, "searcher");
  EXPECT_EQ(f.tasks[0].wait, WaitKind::chan_send);
  EXPECT_EQ(f.tasks[0].waiting_at.line(), line);
  EXPECT_NE(f.tasks[0].hint.find("buffer the channel"), std::string::npos);
  EXPECT_NE(f.tasks[0].object.find("unbuffered"), std::string::npos) << f.tasks[0].object;
}

TEST(Shims, BufferedBySendersPasses) {
  Report r = explore(opts(), [] {
    auto ch = make_chan<int>(3);
    for (int i = 0; i < 3; ++i) go("searcher", [ch, i] { ch.send(i); });
    (void)ch.recv();
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Shims, LockGuardLeakPointsAtUserLine) {
  unsigned line = 0;
  Report r = explore(opts(50), [&] {
    auto& mu = make<Mutex>();
    auto ch = make_chan<int>();
    go("holder", [&mu, ch] {
      std::lock_guard<Mutex> g(mu);
      ch.send(1);  // blocks while holding the lock
    });
    go("taker", [&mu, ch] {
      std::lock_guard<Mutex> g(mu);
      (void)ch.recv();
    });
    line = __LINE__ - 3;  // the lock_guard line
  });
  ASSERT_FALSE(r.ok());
  bool found = false;
  for (const TaskReport& t : r.failure()->tasks) {
    if (t.wait == WaitKind::mutex_lock) {
      found = true;
      EXPECT_EQ(t.waiting_at.line(), line) << r.to_string();
      EXPECT_NE(t.object.find("held by"), std::string::npos) << t.object;
    }
  }
  EXPECT_TRUE(found) << r.to_string();
}

TEST(Shims, SelectExploresBothReadyCases) {
  std::set<std::size_t> seen;
  Report r = explore(opts(200), [&] {
    auto a = make_chan<int>(1), b = make_chan<int>(1);
    a.send(1);
    b.send(2);
    seen.insert(select(recv_case(a), recv_case(b)));
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
  EXPECT_EQ(seen, (std::set<std::size_t>{0, 1}));
}

TEST(Shims, TickerLoopNeverStoppedIsALeak) {
  Report r = explore(opts(20), [] {
    go("ticker-loop", [] {
      Ticker t(std::chrono::milliseconds(10));
      for (;;) (void)t.c().recv();
    });
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::leak) << r.to_string();
  EXPECT_NE(r.failure()->tasks.at(0).hint.find("Ticker"), std::string::npos) << r.to_string();
}

TEST(Shims, TickerLoopStoppedByContextPasses) {
  Report r = explore(opts(100), [] {
    auto [ctx, cancel] = with_cancel(Context());
    auto done = make_chan<Unit>();
    go("ticker-loop", [ctx, done] {
      Ticker t(std::chrono::milliseconds(10));
      for (;;) {
        if (select(recv_case(t.c()), recv_case(ctx.done())) == 1) break;
      }
      t.stop();
      done.close();
    });
    sleep(std::chrono::milliseconds(35));
    cancel();
    (void)done.recv();
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Shims, TimeoutBeatsReplyInSomeSchedules) {
  std::set<int> seen;
  Report r = explore(opts(300), [&] {
    auto [ctx, cancel] = with_timeout(Context(), std::chrono::seconds(1));
    auto reply = make_chan<int>(1);
    go([reply] {
      sleep(std::chrono::milliseconds(999));
      reply.send(7);
    });
    std::optional<int> v;
    seen.insert(static_cast<int>(select(recv_case(reply, v), recv_case(ctx.done()))));
    cancel();
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
  EXPECT_EQ(seen, (std::set<int>{0, 1}));
}

TEST(Shims, SleepUsesVirtualTime) {
  Report r = explore(opts(5), [] {
    const TimePoint t0 = now();
    sleep(std::chrono::hours(1));
    WEFT_ASSERT(now() - t0 == std::chrono::hours(1));
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Shims, GroupFirstErrorCancelsAndRethrows) {
  Report r = explore(opts(100), [] {
    Group g;
    Context ctx = g.context();
    g.go([] { throw std::runtime_error("first"); });
    g.go([ctx] { (void)ctx.done().recv(); });
    bool threw = false;
    try {
      g.wait();
    } catch (const std::runtime_error& e) {
      threw = std::string(e.what()) == "first";
    }
    WEFT_ASSERT(threw);
    WEFT_ASSERT(ctx.err() == ContextError::canceled);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Shims, CloseWakesReceiversAndPanicsSenders) {
  Report r = explore(opts(100), [] {
    auto ch = make_chan<int>();
    go("sender", [ch] { ch.send(1); });
    yield();
    ch.close();
  });
  // Whether the sender blocked before the close or sent after it, it panics, unless
  // it was never run before close: then its send panics too.
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::panic) << r.to_string();
  EXPECT_NE(r.failure()->message.find("send on closed channel"), std::string::npos);
}

}  // namespace
}  // namespace weft
