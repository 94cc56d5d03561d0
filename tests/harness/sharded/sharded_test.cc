// Runs as each of 3 Bazel shards (see BUILD): weft, not GoogleTest, divides the work.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "harness/weft.h"
#include "properties/gtest.h"

namespace weft {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

TEST(BazelShards, EveryCaseRunsOnEveryShardAndWeftTakesItsShare) {
  ASSERT_EQ(env("TEST_TOTAL_SHARDS"), "3") << "run through bazel test";
  // weft's main took GoogleTest's case sharding away, which would otherwise run this
  // case on one shard only.
  EXPECT_EQ(env("GTEST_TOTAL_SHARDS"), "");
  const Options o = Options::from_env();
  EXPECT_EQ(o.mode, Mode::exhaustive);
  EXPECT_EQ(o.shard.count, 3u);
  EXPECT_EQ(std::to_string(o.shard.index), env("TEST_SHARD_INDEX"));
}

TEST(BazelShards, ThisShardsSearchIsItsShareOfTheWhole) {
  // Three tasks racing for one mutex twice each: 90 lock orders. This shard explores
  // its share completely; the sum over shards is the whole (shard_test checks that in
  // one process, for every shard).
  auto body = [] {
    auto& m = make<Mutex>();
    auto& wg = make<WaitGroup>();
    wg.add(3);
    for (int t = 0; t < 3; ++t) {
      go([&] {
        for (int r = 0; r < 2; ++r) {
          m.lock();
          m.unlock();
        }
        wg.done();
      });
    }
    wg.wait();
  };
  Options o = Options::from_env();
  o.dpor = true;
  const Report share = explore(o, body);
  ASSERT_TRUE(share.ok()) << share.to_string();
  EXPECT_TRUE(share.stats().complete);
  EXPECT_THAT(share.stats().assurance, ::testing::HasSubstr("for shard " + env("TEST_SHARD_INDEX") + " of 3"));
  EXPECT_LT(share.stats().schedules, 90u);
}

// Under the macro's WEFT_SHARD=bazel, a WEFT_TEST's search is this shard's share.
WEFT_TEST(BazelShards, WeftTestSearchesItsShare) {
  auto ch = make_chan<int>(1);
  go([ch] { ch.send(1); });
  WEFT_ASSERT(ch.recv() == 1);
}

}  // namespace
}  // namespace weft
