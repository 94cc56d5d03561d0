// The task API, checks, options and the determinism of reports, through explore().
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <stdexcept>

#include "harness/weft.h"

namespace weft {
namespace {

using ::testing::HasSubstr;

Options opts(std::uint64_t iterations = 200, std::uint64_t seed = 1) {
  return Options{.mode = Mode::random, .seed = seed, .iterations = iterations};
}

// A lost update: two tasks read, yield, then write.
void lost_update() {
  auto& x = make<int>(0);
  auto& wg = make<WaitGroup>();
  wg.add(2);
  for (int i = 0; i < 2; ++i) {
    go("incrementer", [&x, &wg] {
      const int v = x;
      yield();
      x = v + 1;
      wg.done();
    });
  }
  wg.wait();
  WEFT_ASSERT(x == 2);
}

TEST(Api, ChooseEnumeratesEveryValue) {
  std::set<std::size_t> seen;
  const Report r = explore(opts(100), [&] { seen.insert(choose(3)); });
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(seen, (std::set<std::size_t>{0, 1, 2}));
}

TEST(Api, MakeOutlivesTheBodyAndDiesWithTheExecution) {
  static int alive = 0;
  struct Tracked {
    Tracked() { ++alive; }
    ~Tracked() { --alive; }
  };
  int max_alive = 0;
  const Report r = explore(opts(20), [&] {
    auto& t = make<Tracked>();
    go([&t] { yield(); (void)t; });
    max_alive = std::max(max_alive, alive);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
  EXPECT_EQ(max_alive, 1);
  EXPECT_EQ(alive, 0);
}

TEST(Api, LiveTasksAndDumpTasks) {
  std::string dump;
  std::size_t live = 0;
  const Report r = explore(opts(1), [&] {
    auto ch = make_chan<int>();
    go("waiter", [ch] { (void)ch.recv(); });
    yield();
    while (live_tasks() < 2) yield();
    live = live_tasks();
    dump = dump_tasks();
    ch.send(1);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
  EXPECT_EQ(live, 2u);
  EXPECT_THAT(dump, HasSubstr("task main.1 \"waiter\""));
  EXPECT_THAT(dump, HasSubstr("api_test.cc"));
}

TEST(Api, ShimsOutsideExploreFailLoudly) {
  try {
    go([] {});
    FAIL() << "go() outside explore must throw";
  } catch (const std::logic_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("explore"));
  }
  EXPECT_THROW(make_chan<int>(), std::logic_error);
  EXPECT_THROW(Mutex(), std::logic_error);
  EXPECT_THROW(WEFT_ASSERT(1 == 2), AssertionFailure);
}

TEST(Api, AssertionFailureIsReportedWithTheExpression) {
  const Report r = explore(opts(500), lost_update);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::assertion);
  EXPECT_THAT(r.failure()->message, HasSubstr("WEFT_ASSERT(x == 2)"));
  // Shrunk: the yield hands over between the read and the write, so no preemption is
  // needed (a task that polls and must let others run is not preempted).
  EXPECT_EQ(r.failure()->measure().preemptions, 0u);
  EXPECT_GT(r.failure()->measure().switches, 0u);
}

TEST(Api, ExceptionEscapingATaskNamesItsType) {
  const Report r = explore(opts(5), [] { go([] { throw std::out_of_range("index 7"); }); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::exception);
  EXPECT_THAT(r.failure()->message, HasSubstr("std::out_of_range"));
  EXPECT_THAT(r.failure()->message, HasSubstr("index 7"));
}

TEST(Api, PanicsAreReportedAsPanics) {
  const Report r = explore(opts(5), [] {
    WaitGroup wg;
    wg.done();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::panic);
  EXPECT_THAT(r.failure()->message, HasSubstr("negative WaitGroup counter"));
}

TEST(Api, IgnoredTaskMayOutliveTheBody) {
  auto body = [] {
    auto ch = make_chan<int>();
    go("background", [ch] { (void)ch.recv(); });
  };
  EXPECT_FALSE(explore(opts(5), body).ok());
  Options o = opts(5);
  o.ignore = {"background"};
  const Report r = explore(o, body);
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Api, SwallowedUnwindingIsReported) {
  const Report r = explore(opts(3), [] {
    auto ch = make_chan<int>();
    go("swallower", [ch] {
      try {
        (void)ch.recv();
      } catch (...) {
        // wrong: weft's unwinding exception must be rethrown
      }
    });
  });
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.failure()->message, HasSubstr("swallowed"));
}

TEST(Determinism, SameOptionsGiveTheSameReportText) {
  auto run = [] { return explore(opts(500, 99), lost_update); };  // one call site for both
  const Report a = run();
  const Report b = run();
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.to_string(), b.to_string());
  EXPECT_EQ(a.failure()->schedule, b.failure()->schedule);
}

TEST(Replay, TokenReproducesTheFailure) {
  const Report found = explore(opts(500, 7), lost_update);
  ASSERT_FALSE(found.ok());
  Options o;
  o.mode = Mode::replay;
  o.replay = found.failure()->schedule;
  const Report again = explore(o, lost_update);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.failure()->kind, found.failure()->kind);
  EXPECT_EQ(again.failure()->message, found.failure()->message);
  EXPECT_EQ(again.stats().schedules, 1u);
  EXPECT_THAT(found.failure()->replay_command, HasSubstr("WEFT_REPLAY=" + found.failure()->schedule));
}

TEST(Replay, CorruptedTokensAreRejectedClearly) {
  const Report found = explore(opts(500, 7), lost_update);
  ASSERT_FALSE(found.ok());
  const std::string token = found.failure()->schedule;
  auto replay = [](std::string t) {
    Options o;
    o.mode = Mode::replay;
    o.replay = std::move(t);
    return explore(o, lost_update);
  };
  std::string flipped = token;
  flipped[token.size() / 2] = flipped[token.size() / 2] == 'A' ? 'B' : 'A';
  for (const std::string& bad : {flipped, token.substr(0, token.size() - 3), "x9." + token.substr(3),
                                 token + "!", std::string()}) {
    try {
      replay(bad);
      ADD_FAILURE() << "accepted a bad token: " << bad;
    } catch (const std::invalid_argument& e) {
      EXPECT_THAT(e.what(), HasSubstr("replay token")) << bad;
      EXPECT_THAT(e.what(), HasSubstr("copy the whole token")) << bad;
    }
  }
}

TEST(Replay, TokenOfAnotherProgramIsNondeterminism) {
  const Report found = explore(opts(500, 7), lost_update);
  ASSERT_FALSE(found.ok());
  Options o;
  o.mode = Mode::replay;
  o.replay = found.failure()->schedule;
  const Report other = explore(o, [] {
    go("a", [] { yield(); });
    go("b", [] { yield(); });
    yield();
  });
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.failure()->kind, FailureKind::nondeterminism);
  EXPECT_THAT(other.failure()->message, HasSubstr("at choice"));
}

TEST(Replay, NondeterministicProgramIsDetected) {
  // State kept across executions makes a replayed schedule behave differently.
  static int runs = 0;
  const Report r = explore(opts(50), [] {
    ++runs;
    auto ch = make_chan<int>();
    if (runs % 2 == 1) go("flaky", [ch] { (void)ch.recv(); });
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::nondeterminism) << r.to_string();
}

TEST(Options, FromEnvReadsEveryVariable) {
  setenv("WEFT_MODE", "pct", 1);
  setenv("WEFT_SEED", "12", 1);
  setenv("WEFT_ITERATIONS", "34", 1);
  setenv("WEFT_MAX_STEPS", "56", 1);
  setenv("WEFT_PREEMPTION_BOUND", "2", 1);
  setenv("WEFT_PCT_DEPTH", "4", 1);
  setenv("WEFT_TIME_BUDGET", "789", 1);
  const Options o = Options::from_env();
  EXPECT_EQ(o.mode, Mode::pct);
  EXPECT_EQ(o.seed, 12u);
  EXPECT_EQ(o.iterations, 34u);
  EXPECT_EQ(o.max_steps, 56u);
  EXPECT_EQ(o.preemption_bound, 2u);
  EXPECT_EQ(o.pct_depth, 4u);
  EXPECT_EQ(o.time_budget.count(), 789);
  setenv("WEFT_REPLAY", "w1.abc", 1);
  EXPECT_EQ(Options::from_env().mode, Mode::replay);
  for (const char* v : {"WEFT_MODE", "WEFT_SEED", "WEFT_ITERATIONS", "WEFT_MAX_STEPS", "WEFT_PREEMPTION_BOUND",
                        "WEFT_PCT_DEPTH", "WEFT_TIME_BUDGET", "WEFT_REPLAY"}) {
    unsetenv(v);
  }
}

TEST(Options, BadValuesNameTheVariable) {
  const std::pair<const char*, const char*> cases[] = {
      {"WEFT_MODE", "fast"}, {"WEFT_SEED", "-1"}, {"WEFT_ITERATIONS", "ten"}, {"WEFT_MAX_STEPS", "0"},
      {"WEFT_PCT_DEPTH", "0"}, {"WEFT_TIME_BUDGET", "1.5"}, {"WEFT_PREEMPTION_BOUND", "x"}};
  for (auto [name, value] : cases) {
    setenv(name, value, 1);
    try {
      (void)Options::from_env();
      ADD_FAILURE() << name << "=" << value << " accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_THAT(e.what(), HasSubstr(name));
      EXPECT_THAT(e.what(), HasSubstr(value));
    }
    unsetenv(name);
  }
}

TEST(Options, ReplayModeWithoutATokenIsAClearError) {
  Options o;
  o.mode = Mode::replay;
  try {
    (void)explore(o, [] {});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("WEFT_REPLAY"));
  }
}

TEST(Pct, FindsTheLostUpdate) {
  Options o = opts(1000, 3);
  o.mode = Mode::pct;
  const Report r = explore(o, lost_update);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::assertion);
  EXPECT_THAT(r.stats().assurance, HasSubstr("pct"));
}

}  // namespace
}  // namespace weft
