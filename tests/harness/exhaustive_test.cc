// Mode::exhaustive as plain depth-first search (dpor = false): it visits every
// execution of the choice tree exactly once, says when it is complete, and finds what random
// sampling may miss.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <utility>

#include "harness/weft.h"
#include "tests/harness/programs.h"

namespace weft {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

Options exhaustive(std::uint64_t cap = 0) { return Options{.mode = Mode::exhaustive, .iterations = cap, .dpor = false}; }

TEST(Exhaustive, VisitsEveryLeafOfTheChoiceTreeOnce) {
  std::multiset<std::pair<std::size_t, std::size_t>> seen;
  Report r = explore(exhaustive(), [&] {
    const std::size_t a = choose(3);
    const std::size_t b = choose(2);
    seen.insert({a, b});
  });
  ASSERT_TRUE(r.ok()) << r.to_string();
  EXPECT_TRUE(r.stats().complete);
  EXPECT_EQ(r.stats().schedules, 6u);
  EXPECT_THAT(r.stats().assurance, HasSubstr("complete"));
  for (std::size_t a = 0; a < 3; ++a) {
    for (std::size_t b = 0; b < 2; ++b) EXPECT_EQ(seen.count({a, b}), 1u) << a << "," << b;
  }
}

TEST(Exhaustive, ReachesEveryWinnerOfARace) {
  std::set<int> winners;
  Report r = explore(exhaustive(), [&] {
    auto& first = make<Atomic<int>>(0);
    auto& wg = make<WaitGroup>();
    wg.add(2);
    for (int id = 1; id <= 2; ++id) {
      go([&first, &wg, id] {
        int expected = 0;
        (void)first.compare_exchange(expected, id);
        wg.done();
      });
    }
    wg.wait();
    winners.insert(first.load());
  });
  ASSERT_TRUE(r.ok()) << r.to_string();
  EXPECT_TRUE(r.stats().complete);
  EXPECT_GT(r.stats().schedules, 2u);
  EXPECT_EQ(winners, (std::set<int>{1, 2}));
}

TEST(Exhaustive, FindsTheLostUpdateAndReplaysIt) {
  const auto lost_update = programs::lost_update();
  Report r = explore(exhaustive(), lost_update);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::assertion) << r.to_string();
  EXPECT_FALSE(r.stats().complete);
  EXPECT_THAT(r.stats().assurance, HasSubstr("first failure"));
  Options again{.mode = Mode::replay, .replay = r.failure()->schedule};
  Report replayed = explore(again, lost_update);
  ASSERT_FALSE(replayed.ok());
  EXPECT_EQ(replayed.failure()->kind, FailureKind::assertion);
  EXPECT_EQ(replayed.failure()->schedule, r.failure()->schedule);
}

TEST(Exhaustive, ReachesBothSidesOfATimeoutRace) {
  std::set<std::size_t> taken;
  Report r = explore(exhaustive(), [&] {
    auto reply = make_chan<int>(1);
    go("server", [reply] { reply.send(1); });
    taken.insert(select(recv_case(reply), recv_case(after(1ms))));
  });
  ASSERT_TRUE(r.ok()) << r.to_string();
  EXPECT_TRUE(r.stats().complete);
  EXPECT_EQ(taken, (std::set<std::size_t>{0, 1}));
}

TEST(Exhaustive, IterationCapStopsTheSearchAndSaysSo) {
  Report r = explore(exhaustive(4), [] {
    (void)choose(10);
  });
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.stats().complete);
  EXPECT_EQ(r.stats().schedules, 4u);
  EXPECT_THAT(r.stats().assurance, HasSubstr("stopped by budget after 4 schedules"));
}

TEST(Exhaustive, SameSearchEveryRun) {
  auto body = [] {
    auto ch = make_chan<int>();
    go([ch] { ch.send(1); });
    go([ch] { ch.send(2); });
    (void)ch.recv();
  };
  Report a = explore(exhaustive(), body);
  Report b = explore(exhaustive(), body);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.to_string(), b.to_string());
  EXPECT_EQ(a.stats().schedules, 1u);  // the default schedule already leaks
}

}  // namespace
}  // namespace weft
