// WEFT_TEST and GoogleTest checks inside explored tasks.
#include "properties/gtest.h"

#include <gtest/gtest-spi.h>

namespace {

using ::testing::HasSubstr;

WEFT_TEST(WeftTest, PassingBodyRunsUnderExplore) {
  auto ch = weft::make_chan<int>(1);
  weft::go([ch] { ch.send(5); });
  EXPECT_EQ(*ch.recv(), 5);
}

TEST(WeftTest, ExpectInsideATaskFailsThatExecution) {
  const weft::Report r = weft::explore(weft::Options{.seed = 2, .iterations = 200}, [] {
    auto& x = weft::make<int>(0);
    auto& wg = weft::make<weft::WaitGroup>();
    wg.add(2);
    for (int i = 0; i < 2; ++i) {
      weft::go([&x, &wg] {
        const int v = x;
        weft::yield();
        x = v + 1;
        wg.done();
      });
    }
    wg.wait();
    EXPECT_EQ(x, 2) << "lost update";
  });
  EXPECT_THAT(r, weft::FailsWith(weft::FailureKind::assertion));
  ASSERT_NE(r.failure(), nullptr);
  EXPECT_THAT(r.failure()->message, HasSubstr("lost update"));
  EXPECT_THAT(r.failure()->message, HasSubstr("gtest_test.cc"));
  EXPECT_THAT(r.failure()->replay_command, HasSubstr("--test_filter=WeftTest.ExpectInsideATaskFailsThatExecution"));
}

TEST(WeftTest, WeftTestFailsTheTestWithTheReport) {
  // A leaking body run the way WEFT_TEST runs it fails the enclosing test.
  EXPECT_NONFATAL_FAILURE(weft::testing::run_weft_test("Leaky", "Body",
                                                       [] {
                                                         auto ch = weft::make_chan<int>();
                                                         weft::go("sender", [ch] { ch.send(1); });
                                                       }),
                          "weft: LEAK");
}

}  // namespace
