// Sharding an exhaustive search (Options::shard, WEFT_SHARD): the shards together run
// exactly the executions of the unsharded search, each once, so a planted bug is
// found by exactly one shard.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "harness/weft.h"
#include "scheduler/shard.h"
#include "tests/harness/programs.h"

namespace weft {
namespace {

using ::testing::HasSubstr;

Options search(bool dpor, unsigned index = 0, unsigned count = 1) {
  return Options{.mode = Mode::exhaustive, .dpor = dpor, .shard = Shard{index, count}};
}

// Every execution's lock order (with multiplicity) and how many there were.
struct Orders {
  std::map<std::string, int> seen;
  std::uint64_t schedules = 0;
  bool complete = false;
};

Orders orders(const Options& o, int tasks, int rounds) {
  Orders out;
  std::string order;
  const auto r = detail::search_outcomes(o, programs::lock_orders(tasks, rounds, &order),
                                         [&](const std::string&) { ++out.seen[order]; });
  out.schedules = r.schedules;
  out.complete = r.complete;
  return out;
}

class ShardUnion : public ::testing::TestWithParam<bool> {
 protected:
  // Plain DFS's tree grows too fast for three tasks × two rounds (every lock, unlock
  // and WaitGroup operation is a node): it gets two tasks.
  int tasks() const { return GetParam() ? 3 : 2; }
  std::size_t lock_orders() const { return GetParam() ? 90 : 6; }  // (2t)!/(2!)^t
  std::string bad() const { return GetParam() ? "cabcab" : "baab"; }
};

TEST_P(ShardUnion, ShardsTogetherRunExactlyTheUnshardedExecutions) {
  const bool dpor = GetParam();
  const Orders whole = orders(search(dpor), tasks(), 2);
  ASSERT_TRUE(whole.complete);
  ASSERT_EQ(whole.seen.size(), lock_orders());  // each reached
  for (const unsigned n : {2u, 3u, 7u}) {
    Orders sum;
    std::uint64_t busiest = 0;
    for (unsigned i = 0; i < n; ++i) {
      const Orders part = orders(search(dpor, i, n), tasks(), 2);
      EXPECT_TRUE(part.complete) << "shard " << i << "/" << n;
      sum.schedules += part.schedules;
      busiest = std::max(busiest, part.schedules);
      for (const auto& [order, k] : part.seen) sum.seen[order] += k;
    }
    EXPECT_EQ(sum.schedules, whole.schedules) << n << " shards";
    EXPECT_EQ(sum.seen, whole.seen) << n << " shards";
    // The split spreads the work: no shard runs most of it.
    EXPECT_LT(busiest, whole.schedules * 3 / 4) << n << " shards";
  }
}

TEST_P(ShardUnion, PlantedBugIsFoundByExactlyTheShardsThatOwnIt) {
  const bool dpor = GetParam();
  std::string order;
  const auto body = programs::lock_orders(tasks(), 2, &order, bad());
  // How many executions of the unsharded search hit the bug.
  std::uint64_t failing = 0;
  detail::search_outcomes(search(dpor), body, [&](const std::string& o) { failing += o != "ok"; });
  if (dpor) {
    EXPECT_EQ(failing, 1u);  // one execution per lock order
  } else {
    EXPECT_GE(failing, 1u);
  }
  const unsigned n = 4;
  std::uint64_t failing_in_shards = 0;
  unsigned shards_failing = 0;
  for (unsigned i = 0; i < n; ++i) {
    std::uint64_t here = 0;
    detail::search_outcomes(search(dpor, i, n), body, [&](const std::string& o) { here += o != "ok"; });
    failing_in_shards += here;
    const Report r = explore(search(dpor, i, n), body);
    EXPECT_EQ(r.ok(), here == 0) << r.to_string();
    if (!r.ok()) {
      ++shards_failing;
      EXPECT_EQ(r.failure()->kind, FailureKind::assertion);
      EXPECT_THAT(r.stats().assurance, HasSubstr("stopped at the first failure"));
      EXPECT_THAT(r.stats().assurance, HasSubstr("for shard " + std::to_string(i) + " of 4"));
      // The token replays without any shard: it is a plain schedule.
      const Report again = explore(Options{.mode = Mode::replay, .replay = r.failure()->schedule}, body);
      ASSERT_FALSE(again.ok());
      EXPECT_EQ(again.failure()->kind, FailureKind::assertion);
    } else {
      EXPECT_TRUE(r.stats().complete);
      EXPECT_THAT(r.stats().assurance, HasSubstr("complete for shard " + std::to_string(i) + " of 4"));
    }
  }
  EXPECT_EQ(failing_in_shards, failing);
  if (dpor) {
    EXPECT_EQ(shards_failing, 1u);
  } else {
    EXPECT_GE(shards_failing, 1u);
  }
}

INSTANTIATE_TEST_SUITE_P(PlainAndReduced, ShardUnion, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Dpor" : "Dfs"; });

TEST(ShardUnion, TinyTreeBelongsToShardZero) {
  // Two options in all: too narrow to split among 8 shards, so shard 0 runs both.
  std::uint64_t total = 0;
  for (unsigned i = 0; i < 8; ++i) {
    const Report r = explore(search(false, i, 8), [] { (void)choose(2); });
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.stats().schedules, i == 0 ? 2u : 0u) << i;
    total += r.stats().schedules;
  }
  EXPECT_EQ(total, 2u);
}

TEST(ShardSplit, SplitDependsOnTheShardCountOnly) {
  // Every shard draws the line at the same node and owns each option exactly once.
  for (const unsigned n : {2u, 5u}) {
    for (std::uint32_t label = 0; label < 50; ++label) {
      int owners = 0;
      for (unsigned i = 0; i < n; ++i) {
        sched::ShardSplit s(i, n);
        s.begin();
        EXPECT_EQ(s.role(3), sched::ShardSplit::Role::above);
        s.pass(3, 1);
        EXPECT_EQ(s.role(10), sched::ShardSplit::Role::split);
        owners += s.owns(s.path(), label) ? 1 : 0;
      }
      EXPECT_EQ(owners, 1) << label;
    }
  }
}

TEST(ShardOption, ParsesIndexOverCount) {
  const Shard s = detail::parse_shard("2/5");
  EXPECT_EQ(s.index, 2u);
  EXPECT_EQ(s.count, 5u);
}

TEST(ShardOption, RejectsMalformedShardsNamingTheForm) {
  for (const char* bad : {"5/5", "1/0", "x/4", "3", "1/", "/4", "-1/4", "0/70000"}) {
    try {
      (void)detail::parse_shard(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_THAT(e.what(), HasSubstr("WEFT_SHARD")) << bad;
      EXPECT_THAT(e.what(), HasSubstr("i/n")) << bad;
    }
  }
}

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr) ::setenv(name, value, 1);
    else ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(ShardOption, BazelShardsComeFromTestShardVariablesAndTouchTheStatusFile) {
  const std::string status = std::string(std::getenv("TEST_TMPDIR") ? std::getenv("TEST_TMPDIR") : "/tmp") +
                             "/weft_shard_status";
  std::filesystem::remove(status);
  ScopedEnv a("WEFT_SHARD", "bazel"), b("TEST_TOTAL_SHARDS", "3"), c("TEST_SHARD_INDEX", "1"),
      d("GTEST_TOTAL_SHARDS", nullptr), e("TEST_SHARD_STATUS_FILE", status.c_str());
  const Options o = Options::from_env();
  EXPECT_EQ(o.shard.index, 1u);
  EXPECT_EQ(o.shard.count, 3u);
  EXPECT_TRUE(std::filesystem::exists(status));
}

TEST(ShardOption, BazelShardingWithGoogleTestAlsoShardingIsAnError) {
  ScopedEnv a("WEFT_SHARD", "bazel"), b("TEST_TOTAL_SHARDS", "3"), c("TEST_SHARD_INDEX", "1"),
      d("GTEST_TOTAL_SHARDS", "3");
  try {
    (void)Options::from_env();
    ADD_FAILURE() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("GoogleTest also shards"));
    EXPECT_THAT(e.what(), HasSubstr("weft_test()"));
  }
}

TEST(ShardOption, BazelWithoutShardsIsOneShard) {
  ScopedEnv a("WEFT_SHARD", "bazel"), b("TEST_TOTAL_SHARDS", nullptr);
  EXPECT_EQ(Options::from_env().shard.count, 1u);
}

}  // namespace
}  // namespace weft
