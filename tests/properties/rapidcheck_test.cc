// RapidCheck properties under weft: inputs and schedule are drawn, and shrink, together;
// the reproduce information replays the same failure.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "properties/rapidcheck.h"

namespace weft {
namespace {

using ::testing::HasSubstr;

// The planted bug: with three or more workers, the first two update a shared counter
// by load-then-store, so a preemption between the two loses an update. They run
// before the others are spawned, so the decisions of the race do not move with the
// number of workers. Minimal counterexample: workers == 3, one preemption.
void planted(unsigned workers) {
  auto& counter = make<Atomic<int>>(0);
  auto& first = make<WaitGroup>();
  auto& rest = make<WaitGroup>();
  const bool racy = workers >= 3;
  const unsigned early = workers < 2 ? workers : 2;
  first.add(static_cast<int>(early));
  for (unsigned w = 0; w < early; ++w) {
    go([&, racy] {
      if (racy) {
        counter.store(counter.load() + 1);
      } else {
        counter.fetch_add(1);
      }
      first.done();
    });
  }
  first.wait();
  rest.add(static_cast<int>(workers - early));
  for (unsigned w = early; w < workers; ++w) {
    go([&] {
      counter.fetch_add(1);
      rest.done();
    });
  }
  rest.wait();
  WEFT_ASSERT(counter.load() == static_cast<int>(workers));
}

auto planted_property() {
  return [] {
    const unsigned workers = *::rc::gen::inRange(0u, 7u);
    prop::check(*prop::schedules(), [workers] { planted(workers); });
  };
}

TEST(RapidcheckProperty, ShrinksInputAndScheduleTogetherToTheMinimum) {
  for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    const auto result = prop::run_property(planted_property(), seed, 2000);
    ASSERT_TRUE(result.is<::rc::detail::FailureResult>()) << "seed " << seed;
    const auto& failure = result.get<::rc::detail::FailureResult>();
    ASSERT_EQ(failure.counterExample.size(), 2u);  // the input, then the schedule
    EXPECT_EQ(failure.counterExample[0].second, "3") << "seed " << seed;
    // The drawn schedule is RapidCheck's local minimum (a deviation or two); the
    // report next to it shows the minimal interleaving: exactly one preemption.
    const std::string& schedule = failure.counterExample[1].second;
    EXPECT_GE(std::count(schedule.begin(), schedule.end(), '+'), 1) << schedule;
    EXPECT_THAT(failure.description, HasSubstr("WEFT_ASSERT(counter.load() == static_cast<int>(workers))"));
    EXPECT_THAT(failure.description, HasSubstr(", 1 preemptions,")) << failure.description;
    EXPECT_THAT(failure.description, HasSubstr("WEFT_REPLAY="));
  }
}

TEST(RapidcheckProperty, ReproduceReplaysTheSameFailure) {
  const auto first = prop::run_property(planted_property(), 7, 2000);
  ASSERT_TRUE(first.is<::rc::detail::FailureResult>());
  const auto& f = first.get<::rc::detail::FailureResult>();
  const auto again = prop::run_property(planted_property(), 7, 2000, &f.reproduce);
  ASSERT_TRUE(again.is<::rc::detail::FailureResult>());
  const auto& g = again.get<::rc::detail::FailureResult>();
  EXPECT_EQ(g.counterExample, f.counterExample);
  EXPECT_EQ(g.description, f.description);  // the same report, token included
}

TEST(RapidcheckProperty, CorrectCodePassesEveryDrawnSchedule) {
  const auto result = prop::run_property(
      [] {
        const unsigned workers = *::rc::gen::inRange(0u, 7u);
        prop::check(*prop::schedules(), [workers] {
          auto& n = make<Atomic<int>>(0);
          auto& wg = make<WaitGroup>();
          wg.add(static_cast<int>(workers));
          for (unsigned w = 0; w < workers; ++w) {
            go([&] {
              n.fetch_add(1);
              wg.done();
            });
          }
          wg.wait();
          WEFT_ASSERT(n.load() == static_cast<int>(workers));
        });
      },
      11, 300);
  EXPECT_TRUE(result.is<::rc::detail::SuccessResult>());
}

// The macro: RC_ASSERT inside the body fails the execution with its message.
WEFT_RC_PROP(RapidcheckMacro, BufferedChannelKeepsEverySentValue, (const std::vector<int>& values)) {
  auto ch = make_chan<int>(values.size());
  go([ch, values] {
    for (const int v : values) ch.send(v);
    ch.close();
  });
  std::vector<int> got;
  while (auto v = ch.recv()) got.push_back(*v);
  RC_ASSERT(got == values);
}

}  // namespace
}  // namespace weft
