// RapidCheck meets weft: a property whose body runs under weft with its schedule drawn
// as a RapidCheck value, so RapidCheck shrinks the inputs and the schedule together and
// the counterexample shows the minimal input next to the minimal interleaving.
//
//   WEFT_RC_PROP(Pool, NeverLeaks, (const std::vector<int>& jobs, unsigned workers)) {
//     run_pool(jobs, workers);   // runs as the main task of one weft execution
//   }
//
// Each test case draws the inputs, then a schedule (weft::prop::Schedule: one number per
// decision, 0 = the default choice), runs the body once, and fails with weft's report
// (failure, trace, replay token) if the execution fails: a leak, a deadlock, a failed
// WEFT_ASSERT / EXPECT_* / RC_ASSERT. `RC_PARAMS="reproduce=..."` (printed by
// RapidCheck) replays the same inputs and schedule exactly. Draw every input as a
// parameter (or with `*gen` before prop::check), never inside the body: weft runs the
// body more than once (shrinking, the report's replays), and each run must see the
// same inputs.
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <functional>
#include <ostream>
#include <utility>
#include <vector>

#include "harness/weft.h"

namespace weft::prop {

// A drawn schedule: the decisions that leave the default, each as (decision number,
// offset from the default option); every other decision takes the default. Sparse, so
// that RapidCheck dropping a deviation leaves the others where they were, and moving
// one towards (0, 1) makes it earlier and nearer the default.
struct Schedule {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> deviations;
  // One offset per decision (0: the default), as sched::DrawnStrategy takes them.
  std::vector<std::uint32_t> dense() const;
};
void showValue(const Schedule& s, std::ostream& os);

// A few deviations, mostly early in the execution (shrinks towards none).
::rc::Gen<Schedule> schedules();

// Runs `body` once under `schedule`, with Options::from_env() for budgets (its mode is
// ignored); fails the RapidCheck case with the report if the execution fails. Must
// be called inside a RapidCheck property, not inside an explored task.
void check(const Schedule& schedule, std::function<void()> body);

// Runs a property by hand, silently, with a fixed seed, and returns RapidCheck's result:
// for tests that expect a property to fail and check what it shrank to. `reproduce`
// (a FailureResult's, by test id "property") replays that failure.
::rc::detail::TestResult run_property(const ::rc::detail::Property& property, std::uint64_t seed, int max_success,
                                      const ::rc::detail::Reproduce* reproduce = nullptr);
template <class Testable>
::rc::detail::TestResult run_property(Testable testable, std::uint64_t seed, int max_success,
                                      const ::rc::detail::Reproduce* reproduce = nullptr) {
  return run_property(::rc::detail::toProperty(std::move(testable)), seed, max_success, reproduce);
}

namespace detail {
// The testable behind WEFT_RC_PROP: draws the inputs (as RapidCheck deduces them from
// `impl`'s parameters), then a schedule, then runs impl under weft.
template <class... Args>
auto under_weft(void (*impl)(Args...)) {
  return [impl](Args... args) {
    const Schedule schedule = *schedules();
    check(schedule, [&] { impl(args...); });
  };
}
}  // namespace detail

}  // namespace weft::prop

// Defines a GoogleTest test running a RapidCheck property under weft (see above).
#define WEFT_RC_PROP(Suite, Name, ArgList)                                                     \
  static void weft_rc_prop_##Suite##_##Name ArgList;                                           \
  TEST(Suite, Name) {                                                                          \
    ::rc::detail::checkGTest(::weft::prop::detail::under_weft(&weft_rc_prop_##Suite##_##Name)); \
  }                                                                                            \
  static void weft_rc_prop_##Suite##_##Name ArgList
