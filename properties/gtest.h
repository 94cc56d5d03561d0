// GoogleTest meets weft. WEFT_TEST(Suite, Name) { body } runs body as the main task of
// explore(Options::from_env()) and fails the test with the report. EXPECT_*/ASSERT_*
// inside explored tasks fail the execution that hit them (kind `assertion`).
// Tests that expect a failure call explore() and match the Report:
//   EXPECT_THAT(weft::explore(opts, body), weft::FailsWith(weft::FailureKind::leak));
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <ostream>

#include "harness/weft.h"

namespace weft {
namespace testing {
// Runs `body` under Options::from_env() (seed derived from "Suite.Name" unless
// WEFT_SEED is set) and reports a failure to GoogleTest with the full weft report.
void run_weft_test(const char* suite, const char* name, std::function<void()> body);
}  // namespace testing

// Matches a Report that failed with `kind`; on mismatch the explanation is the report.
class FailsWithMatcher {
 public:
  using is_gtest_matcher = void;
  explicit FailsWithMatcher(FailureKind kind) : kind_(kind) {}
  bool MatchAndExplain(const Report& r, std::ostream* os) const {
    const bool ok = r.failure() != nullptr && r.failure()->kind == kind_;
    if (!ok && os != nullptr) *os << "the report is:\n" << r.to_string();
    return ok;
  }
  void DescribeTo(std::ostream* os) const { *os << "fails with " << to_string(kind_); }
  void DescribeNegationTo(std::ostream* os) const { *os << "does not fail with " << to_string(kind_); }

 private:
  FailureKind kind_;
};
inline FailsWithMatcher FailsWith(FailureKind kind) { return FailsWithMatcher(kind); }

// Lets GoogleTest print a Report (EXPECT_TRUE(report.ok()) << report is also fine).
inline void PrintTo(const Report& r, std::ostream* os) { *os << r.to_string(); }

}  // namespace weft

#define WEFT_TEST(Suite, Name)                                                       \
  static void weft_test_body_##Suite##_##Name();                                     \
  TEST(Suite, Name) {                                                                \
    ::weft::testing::run_weft_test(#Suite, #Name, &weft_test_body_##Suite##_##Name); \
  }                                                                                  \
  static void weft_test_body_##Suite##_##Name()
