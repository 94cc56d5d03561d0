// Each system library weft depends on, exercised once.
#include <benchmark/benchmark.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <boost/context/fiber.hpp>
#include <boost/stacktrace.hpp>

namespace {

TEST(Toolchain, BoostContextRoundTrip) {
  int steps = 0;
  namespace ctx = boost::context;
  ctx::fiber f{[&steps](ctx::fiber&& back) {
    ++steps;
    back = std::move(back).resume();
    ++steps;
    return std::move(back);
  }};
  f = std::move(f).resume();
  EXPECT_EQ(steps, 1);
  f = std::move(f).resume();
  EXPECT_EQ(steps, 2);
}

TEST(Toolchain, StacktraceHasFramesWithLines) {
  boost::stacktrace::stacktrace st;
  ASSERT_GT(st.size(), 0u);
  bool some_line = false;
  for (const auto& f : st) some_line |= f.source_line() > 0;
  EXPECT_TRUE(some_line) << st;
}

TEST(Toolchain, RapidCheckRunsAProperty) {
  EXPECT_TRUE(rc::check("reverse twice is identity", [](std::vector<int> v) {
    auto w = v;
    std::reverse(w.begin(), w.end());
    std::reverse(w.begin(), w.end());
    RC_ASSERT(w == v);
  }));
}

TEST(Toolchain, GmockMatchers) { EXPECT_THAT(std::string("weft"), ::testing::HasSubstr("ef")); }

TEST(Toolchain, BenchmarkHeader) {
  int x = 42;
  benchmark::DoNotOptimize(x);
  EXPECT_EQ(x, 42);
}

}  // namespace
