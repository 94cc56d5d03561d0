// Bounds and budgets of the exhaustive mode: the preemption bound (plain DFS and
// partial-order reduction alike), the step bound, progress lines and the honest
// assurance each result states.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <string>

#include "harness/detail/progress.h"
#include "harness/weft.h"
#include "tests/harness/programs.h"

namespace weft {
namespace {

using ::testing::HasSubstr;

Options bounded(bool dpor, std::optional<unsigned> bound) {
  return Options{.mode = Mode::exhaustive, .preemption_bound = bound, .dpor = dpor};
}

class Bound : public ::testing::TestWithParam<bool> {};

TEST_P(Bound, LostUpdateNeedsExactlyOnePreemption) {
  const Report none = explore(bounded(GetParam(), 0), programs::lost_update());
  ASSERT_TRUE(none.ok()) << none.to_string();
  EXPECT_TRUE(none.stats().complete);
  EXPECT_THAT(none.stats().assurance, HasSubstr("complete under preemption bound 0"));
  EXPECT_EQ(none.stats().preemptions.size(), 1u);  // every schedule had 0 preemptions

  const Report one = explore(bounded(GetParam(), 1), programs::lost_update());
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.failure()->kind, FailureKind::assertion) << one.to_string();
  EXPECT_EQ(one.failure()->measure().preemptions, 1u) << one.to_string();
  EXPECT_THAT(one.stats().assurance, HasSubstr("stopped at the first failure"));
  EXPECT_THAT(one.stats().assurance, HasSubstr("under preemption bound 1"));
}

// The lock orders reachable with at most b preemptions, and the schedule count.
std::pair<std::set<std::string>, std::uint64_t> orders(bool dpor, std::optional<unsigned> b) {
  std::set<std::string> seen;
  std::string order;
  const auto r = detail::search_outcomes(bounded(dpor, b), programs::lock_orders(2, 2, &order),
                                         [&](const std::string&) { seen.insert(order); });
  EXPECT_TRUE(r.complete);
  return {seen, r.schedules};
}

TEST_P(Bound, MoreBoundMoreSchedulesUpToTheUnboundedSearch) {
  std::uint64_t previous = 0;
  for (const unsigned b : {0u, 1u, 2u, 3u}) {
    const auto [seen, schedules] = orders(GetParam(), b);
    EXPECT_GE(schedules, previous) << "bound " << b;
    previous = schedules;
  }
  const auto [all, unbounded] = orders(GetParam(), std::nullopt);
  // (Reduced search drops sleep sets under a bound, so only plain DFS must stay below.)
  if (!GetParam()) {
    EXPECT_LE(previous, unbounded);
  }
  EXPECT_EQ(all.size(), 6u);  // 4!/(2!·2!) lock orders
  // With no preemption, the tasks run one after the other: "aabb" or "bbaa" only.
  EXPECT_EQ(orders(GetParam(), 0).first, (std::set<std::string>{"aabb", "bbaa"}));
}

TEST_P(Bound, HistogramNeverExceedsTheBound) {
  const Report r = explore(bounded(GetParam(), 2), programs::mutex_counter(2, 2));
  ASSERT_TRUE(r.ok()) << r.to_string();
  ASSERT_GE(r.stats().preemptions.size(), 2u);
  EXPECT_LE(r.stats().preemptions.size(), 3u);
  std::uint64_t total = 0;
  for (const std::uint64_t k : r.stats().preemptions) total += k;
  EXPECT_EQ(total, r.stats().schedules);
  EXPECT_THAT(r.to_string(), HasSubstr("preemptions per schedule: 0:"));
}

INSTANTIATE_TEST_SUITE_P(PlainAndReduced, Bound, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Dpor" : "Dfs"; });

TEST(Bound, ReducedAndPlainReachTheSameOrdersUnderEachBound) {
  // Bounded partial-order reduction stays sound: whatever plain DFS reaches within the
  // bound, the reduced search reaches too.
  for (const unsigned b : {0u, 1u, 2u}) {
    EXPECT_EQ(orders(true, b).first, orders(false, b).first) << "bound " << b;
  }
}

TEST(StepBound, ExecutionsThatHitItAreCountedAndReported) {
  const Report r = explore(Options{.mode = Mode::exhaustive, .max_steps = 50}, [] {
    for (;;) yield();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::livelock) << r.to_string();
  EXPECT_EQ(r.stats().step_bound_hits, 1u);
  EXPECT_THAT(r.to_string(), HasSubstr("step bound: 1 execution(s) reached WEFT_MAX_STEPS"));
}

TEST(Progress, LineSaysSchedulesRateAndWhatRemains) {
  const detail::Progress p(std::chrono::milliseconds(0), "exhaustive search of S.T");
  EXPECT_EQ(p.line(1000, 24, 0.25, 2.0),
            "weft: exhaustive search of S.T: 1000 schedules (+24 cut) in 2.0 s, 512 executions/s; about 25.0% done, "
            "roughly 6 s left\n");
  EXPECT_THAT(p.line(3, 0, 0, 0.5), HasSubstr("remaining unknown"));
}

TEST(Progress, LongSearchPrintsLinesOnStderr) {
  ::setenv("WEFT_PROGRESS", "0", 1);  // a line after every execution
  ::testing::internal::CaptureStderr();
  const Report r = explore(Options{.mode = Mode::exhaustive}, [] { (void)choose(3); });
  const std::string err = ::testing::internal::GetCapturedStderr();
  ::unsetenv("WEFT_PROGRESS");
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(err, HasSubstr("weft: exhaustive search: 1 schedules"));
  EXPECT_THAT(err, HasSubstr("weft: exhaustive search: 2 schedules"));
  EXPECT_THAT(err, HasSubstr("% done"));
}

TEST(Progress, BadIntervalIsAClearError) {
  ::setenv("WEFT_PROGRESS", "soon", 1);
  EXPECT_THROW(
      {
        try {
          (void)detail::progress_interval_from_env();
        } catch (const std::invalid_argument& e) {
          EXPECT_THAT(e.what(), HasSubstr("WEFT_PROGRESS"));
          EXPECT_THAT(e.what(), HasSubstr("or off"));
          throw;
        }
      },
      std::invalid_argument);
  ::unsetenv("WEFT_PROGRESS");
}

}  // namespace
}  // namespace weft
