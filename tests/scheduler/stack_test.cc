// Fiber stacks: a guard page below each, reuse across executions, sizes as asked.
#include <gtest/gtest.h>

#include "scheduler/stack_pool.h"

namespace weft::sched {
namespace {

TEST(StackPool, StacksAreReusedAndSizedAsAsked) {
  StackPool pool(64 * 1024);
  Stack a = pool.acquire();
  EXPECT_EQ(a.size, 64u * 1024);
  static_cast<char*>(a.bottom)[0] = 1;                // the whole usable range is writable
  static_cast<char*>(a.top())[-1] = 1;
  pool.release(a);
  Stack b = pool.acquire();
  EXPECT_EQ(b.bottom, a.bottom);                       // pooled, not mapped again
  pool.release(b);
  pool.resize(128 * 1024);
  Stack c = pool.acquire();
  EXPECT_EQ(c.size, 128u * 1024);
  pool.release(c);
}

TEST(StackPoolDeathTest, OverflowHitsTheGuardPage) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  StackPool pool(64 * 1024);
  Stack s = pool.acquire();
  EXPECT_DEATH({ static_cast<volatile char*>(s.bottom)[-1] = 1; }, "");
  pool.release(s);
}

}  // namespace
}  // namespace weft::sched
