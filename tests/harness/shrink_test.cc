// Shrinking: whatever schedule found a failure, the report shows the smallest one that
// still gives it (fewest preemptions, switches, timer firings and deviations, steps),
// and the known minimum of each classic bug is met for every seed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <tuple>
#include <vector>

#include "harness/detail/shrink.h"
#include "harness/weft.h"
#include "tests/harness/programs.h"

namespace weft {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

// Two tasks take two mutexes in opposite orders; main waits for both.
void lock_order_inversion() {
  auto& a = make<Mutex>();
  auto& b = make<Mutex>();
  auto& wg = make<WaitGroup>();
  wg.add(2);
  go("ab", [&] {
    a.lock();
    b.lock();  // kAbLine: stuck here in the deadlock
    b.unlock();
    a.unlock();
    wg.done();
  });
  go("ba", [&] {
    b.lock();
    a.lock();  // kBaLine: stuck here in the deadlock
    a.unlock();
    b.unlock();
    wg.done();
  });
  wg.wait();
}
const unsigned kAbLine = __LINE__ - 14;  // "ab" waits for b there
const unsigned kBaLine = __LINE__ - 8;   // "ba" waits for a there

// Three workers answer on an unbuffered channel; the caller takes the first answer
// and leaves: the other two stay blocked in send forever.
void first_answer_wins() {
  auto answers = make_chan<int>();
  for (int i = 0; i < 3; ++i) go("worker", [answers, i] { answers.send(i); });
  (void)answers.recv();
}
const unsigned kAnswerLine = __LINE__ - 3;

// The reply comes after a little work; the caller gives up after 1 ms. Failing needs
// the timer to fire before the reply is sent.
void timeout_beats_reply() {
  auto reply = make_chan<int>(1);
  go("server", [reply] {
    yield();
    reply.send(42);
  });
  const std::size_t which = select(recv_case(reply), recv_case(after(1ms)));
  WEFT_ASSERT(which == 0);
}

struct Case {
  const char* name;
  std::function<void()> body;
  FailureKind kind;
  std::uint64_t preemptions;
  std::uint64_t timer_firings;
  // For a leak or deadlock, the stuck tasks other than main: name, wait reason, line.
  std::vector<std::tuple<std::string, WaitKind, unsigned>> stuck;
};

class KnownMinimum : public ::testing::TestWithParam<Case> {};

TEST_P(KnownMinimum, EverySeedShrinksToTheMinimum) {
  const Case& c = GetParam();
  for (const Mode mode : {Mode::random, Mode::pct}) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      const Report r = explore(Options{.mode = mode, .seed = seed, .iterations = 2000}, c.body);
      ASSERT_FALSE(r.ok()) << c.name << " seed " << seed;
      const Failure& f = *r.failure();
      EXPECT_EQ(f.kind, c.kind) << r.to_string();
      EXPECT_EQ(f.measure().preemptions, c.preemptions) << to_string(mode) << " seed " << seed << "\n" << r.to_string();
      EXPECT_EQ(f.measure().timer_firings, c.timer_firings) << to_string(mode) << " seed " << seed << "\n"
                                                            << r.to_string();
      EXPECT_GT(f.shrink_replays, 0u);
      if (c.kind == FailureKind::leak || c.kind == FailureKind::deadlock) {
        std::vector<std::tuple<std::string, WaitKind, unsigned>> stuck;
        for (const TaskReport& t : f.tasks) {
          if (t.id != "main") stuck.emplace_back(t.name, t.wait, t.waiting_at.line());
        }
        EXPECT_EQ(stuck, c.stuck) << r.to_string();
      }
      // The shrunk token replays the same failure.
      const Report again = explore(Options{.mode = Mode::replay, .replay = f.schedule}, c.body);
      ASSERT_FALSE(again.ok());
      EXPECT_EQ(again.failure()->kind, c.kind);
      EXPECT_EQ(again.failure()->measure().preemptions, c.preemptions);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Classics, KnownMinimum,
    ::testing::Values(Case{"lost_update", programs::lost_update(), FailureKind::assertion, 1, 0, {}},
                      Case{"lock_order_inversion", lock_order_inversion, FailureKind::deadlock, 1, 0,
                           {{"ab", WaitKind::mutex_lock, kAbLine}, {"ba", WaitKind::mutex_lock, kBaLine}}},
                      Case{"first_answer_wins", first_answer_wins, FailureKind::leak, 0, 0,
                           {{"worker", WaitKind::chan_send, kAnswerLine}, {"worker", WaitKind::chan_send, kAnswerLine}}},
                      Case{"timeout_beats_reply", timeout_beats_reply, FailureKind::assertion, 0, 1, {}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Shrink, ExhaustiveFailuresAreShrunkToo) {
  const Report r = explore(Options{.mode = Mode::exhaustive, .dpor = true}, programs::mutex_counter(3, 2));
  ASSERT_TRUE(r.ok()) << r.to_string();  // a correct counter: nothing to shrink
  const Report lost = explore(Options{.mode = Mode::exhaustive}, programs::lost_update());
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.failure()->measure().preemptions, 1u) << lost.to_string();
}

TEST(Shrink, ReportSaysHowManyReplaysItTook) {
  const Report r = explore(Options{.mode = Mode::random, .seed = 3}, programs::lost_update());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.to_string(), HasSubstr("replays while shrinking"));
}

TEST(Shrink, NoBudgetStillReportsTheFailureAsFound) {
  for (const char* budget : {"0", "1", "2"}) {
    ::setenv("WEFT_SHRINK_BUDGET", budget, 1);
    const Report r = explore(Options{.mode = Mode::random, .seed = 5}, programs::lost_update());
    ::unsetenv("WEFT_SHRINK_BUDGET");
    ASSERT_FALSE(r.ok()) << budget;
    EXPECT_EQ(r.failure()->kind, FailureKind::assertion);
    const Report again = explore(Options{.mode = Mode::replay, .replay = r.failure()->schedule}, programs::lost_update());
    ASSERT_FALSE(again.ok()) << budget;
  }
}

TEST(Shrink, BadBudgetIsAClearError) {
  ::setenv("WEFT_SHRINK_BUDGET", "lots", 1);
  try {
    (void)detail::shrink_budget_from_env();
    ADD_FAILURE() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("WEFT_SHRINK_BUDGET"));
  }
  ::unsetenv("WEFT_SHRINK_BUDGET");
}

TEST(Shrink, OrderIsPreemptionsThenSwitchesThenDeviationsThenSteps) {
  using detail::smaller;
  EXPECT_TRUE(smaller(Measure{0, 9, 9, 9, 99}, Measure{1, 0, 0, 0, 1}));
  EXPECT_TRUE(smaller(Measure{1, 2, 9, 9, 99}, Measure{1, 3, 0, 0, 1}));
  EXPECT_TRUE(smaller(Measure{1, 2, 1, 0, 99}, Measure{1, 2, 0, 2, 1}));
  EXPECT_TRUE(smaller(Measure{1, 2, 1, 0, 5}, Measure{1, 2, 0, 1, 6}));
  EXPECT_FALSE(smaller(Measure{1, 2, 1, 0, 6}, Measure{1, 2, 0, 1, 6}));
}

}  // namespace
}  // namespace weft
