// Chan and select, one Go rule per test, each checked over every explored schedule.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "harness/weft.h"

namespace weft {
namespace {

using ::testing::HasSubstr;

Options opts(std::uint64_t iterations = 200) {
  return Options{.mode = Mode::random, .seed = 7, .iterations = iterations};
}

TEST(Chan, BufferedValuesStayReceivableAfterClose) {
  Report r = explore(opts(), [] {
    auto ch = make_chan<int>(2);
    WEFT_ASSERT(ch.cap() == 2);
    ch.send(1);
    ch.send(2);
    WEFT_ASSERT(ch.len() == 2);
    ch.close();
    WEFT_ASSERT(ch.recv() == std::optional<int>(1));
    WEFT_ASSERT(ch.recv() == std::optional<int>(2));
    WEFT_ASSERT(ch.recv() == std::nullopt);  // closed and drained
    WEFT_ASSERT(ch.recv() == std::nullopt);  // and stays so
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Chan, RangeForReceivesInOrderUntilClosed) {
  Report r = explore(opts(), [] {
    auto ch = make_chan<int>();
    go("producer", [ch] {
      for (int i = 0; i < 5; ++i) ch.send(i);
      ch.close();
    });
    std::vector<int> got;
    for (int v : ch) got.push_back(v);
    WEFT_ASSERT((got == std::vector<int>{0, 1, 2, 3, 4}));
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Chan, UnbufferedSendWaitsForAReceiver) {
  using namespace std::chrono_literals;
  Report r = explore(opts(), [] {
    auto ch = make_chan<int>();
    const TimePoint t0 = now();  // before the receiver exists: its sleep starts later
    go("late receiver", [ch] {
      sleep(1s);
      (void)ch.recv();
    });
    ch.send(42);  // a rendezvous: cannot complete before the receiver wakes
    WEFT_ASSERT(now() - t0 >= 1s);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Chan, SendOnClosedChannelPanics) {
  Report r = explore(opts(1), [] {
    auto ch = make_chan<int>(1);
    ch.close();
    ch.send(1);
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::panic) << r.to_string();
  EXPECT_THAT(r.failure()->message, HasSubstr("send on closed channel"));
}

TEST(Chan, CloseOfClosedChannelPanics) {
  Report r = explore(opts(1), [] {
    auto ch = make_chan<int>();
    ch.close();
    ch.close();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::panic);
  EXPECT_THAT(r.failure()->message, HasSubstr("close of closed channel"));
}

TEST(Chan, CloseOfNilChannelPanics) {
  Report r = explore(opts(1), [] {
    Chan<int> nil;
    nil.close();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::panic);
  EXPECT_THAT(r.failure()->message, HasSubstr("close of nil channel"));
}

TEST(Chan, CloseWakesEveryBlockedReceiver) {
  Report r = explore(opts(), [] {
    auto ch = make_chan<int>();
    auto& woken = make<Atomic<int>>(0);
    auto& wg = make<WaitGroup>();
    for (int i = 0; i < 3; ++i) {
      wg.add(1);
      go("receiver", [ch, &woken, &wg] {
        if (!ch.recv()) woken.fetch_add(1);
        wg.done();
      });
    }
    ch.close();
    wg.wait();
    WEFT_ASSERT(woken.load() == 3);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Chan, ReceiveOnNilChannelBlocksForever) {
  Report r = explore(opts(1), [] {
    Chan<int> nil;
    (void)nil.recv();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::deadlock) << r.to_string();
  ASSERT_EQ(r.failure()->tasks.size(), 1u);
  EXPECT_EQ(r.failure()->tasks[0].wait, WaitKind::nil_chan);
}

TEST(Select, DefaultOnlyWhenNoCaseIsReady) {
  Report r = explore(opts(), [] {
    auto ready = make_chan<int>(1);
    ready.send(1);
    auto empty = make_chan<int>(1);
    WEFT_ASSERT(select(recv_case(empty), recv_case(ready), default_case()) == 1);
    WEFT_ASSERT(select(recv_case(empty), recv_case(ready), default_case()) == 2);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Select, NilChannelCaseIsNeverReady) {
  Report r = explore(opts(), [] {
    Chan<int> nil;
    auto ch = make_chan<int>(1);
    go([ch] { ch.send(5); });
    std::optional<int> v;
    WEFT_ASSERT(select(recv_case(nil), recv_case(ch, v)) == 1);
    WEFT_ASSERT(v == std::optional<int>(5));
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Select, SendCaseDeliversTheValue) {
  Report r = explore(opts(), [] {
    auto ch = make_chan<int>();
    auto& got = make<Atomic<int>>(0);
    auto& wg = make<WaitGroup>();
    wg.add(1);
    go([ch, &got, &wg] {
      got.store(*ch.recv());
      wg.done();
    });
    WEFT_ASSERT(select(send_case(ch, 9)) == 0);
    wg.wait();
    WEFT_ASSERT(got.load() == 9);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Select, VectorFormForCasesKnownAtRunTime) {
  Report r = explore(opts(), [] {
    std::vector<Chan<int>> chans;
    for (int i = 0; i < 4; ++i) chans.push_back(make_chan<int>(1));
    chans[2].send(7);
    std::vector<Case> cases;
    std::optional<int> v;
    for (auto& c : chans) cases.push_back(recv_case(c, v));
    WEFT_ASSERT(select(std::move(cases)) == 2);
    WEFT_ASSERT(v == std::optional<int>(7));
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Select, ReceiveFromClosedChannelIsReadyWithNothing) {
  Report r = explore(opts(), [] {
    auto ch = make_chan<int>();
    ch.close();
    std::optional<int> v = 3;
    WEFT_ASSERT(select(recv_case(ch, v), default_case()) == 0);
    WEFT_ASSERT(!v.has_value());
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Select, TwoDefaultCasesPanic) {
  Report r = explore(opts(1), [] { (void)select(default_case(), default_case()); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::panic);
  EXPECT_THAT(r.failure()->message, HasSubstr("more than one default_case"));
}

TEST(Select, SelectWithOnlyNilCasesBlocksForever) {
  Report r = explore(opts(1), [] {
    Chan<int> a, b;
    (void)select(recv_case(a), recv_case(b));
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::deadlock) << r.to_string();
  ASSERT_EQ(r.failure()->tasks.size(), 1u);
  EXPECT_EQ(r.failure()->tasks[0].id, "main");
}

}  // namespace
}  // namespace weft
