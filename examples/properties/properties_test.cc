// The worker pool and the pipeline as RapidCheck properties under weft: the leaky
// versions fail, and RapidCheck with weft shrinks each to its minimal input and
// interleaving; the fixed versions pass every generated input and schedule.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "examples/properties/pipeline.h"
#include "examples/properties/pool.h"
#include "properties/rapidcheck.h"

namespace weft::examples {
namespace {

using ::testing::HasSubstr;

// Runs a property by hand (fixed seed) and returns its failure; fails the test if it passed.
template <class Testable>
::rc::detail::FailureResult failure_of(Testable property) {
  const ::rc::detail::TestResult result = prop::run_property(std::move(property), 20261123, 500);
  if (!result.is<::rc::detail::FailureResult>()) {
    ADD_FAILURE() << "the property passed";
    return {};
  }
  return result.get<::rc::detail::FailureResult>();
}

// Jobs: a short list of small numbers; -1 is a failed job (inRange shrinks towards its
// lower bound, so a minimal list is made of failed jobs).
auto jobs() { return ::rc::gen::container<std::vector<int>>(::rc::gen::inRange(-1, 10)); }

TEST(PoolProperty, LeakyPoolShrinksToOneFailedJobFollowedByAnother) {
  const auto f = failure_of([] {
    const std::vector<int> js = *jobs();
    const unsigned workers = *::rc::gen::inRange(1u, 5u);
    prop::check(*prop::schedules(), [&] { (void)pool::first_failure_leaky(js, workers); });
  });
  ASSERT_EQ(f.counterExample.size(), 3u);
  EXPECT_EQ(f.counterExample[0].second, "[-1, -1]");  // a failed job, then one more
  EXPECT_EQ(f.counterExample[1].second, "1");        // one worker is enough
  EXPECT_EQ(f.counterExample[2].second, "every decision the default");
  EXPECT_THAT(f.description, HasSubstr("weft: LEAK"));
  EXPECT_THAT(f.description, HasSubstr("\"worker\" blocked on chan send"));
  EXPECT_THAT(f.description, HasSubstr("examples/properties/pool.cc:" + std::to_string(pool::kResultSendLine)));
  EXPECT_THAT(f.description, HasSubstr(", 0 preemptions,"));
}

WEFT_RC_PROP(PoolProperty, FixedPoolNeverLeaks, (const std::vector<int>& js, unsigned workers)) {
  const unsigned w = 1 + workers % 4;
  const int got = pool::first_failure_fixed(js, w);
  int expected = 0;
  for (const int j : js) {
    if (j < 0) {
      expected = j;
      break;
    }
  }
  // Workers race, so the first failure read may be any failed job; it is one.
  if (expected == 0) RC_ASSERT(got == 0);
  else RC_ASSERT(got < 0);
}

TEST(PipelineProperty, LeakyPipelineShrinksToNoStageOneItemNoneTaken) {
  const auto f = failure_of([] {
    const unsigned stages = *::rc::gen::inRange(0u, 4u);
    const unsigned items = *::rc::gen::inRange(1u, 6u);
    const unsigned take = *::rc::gen::inRange(0u, items + 1);
    prop::check(*prop::schedules(), [=] { pipeline::run_leaky(stages, items, take); });
  });
  ASSERT_EQ(f.counterExample.size(), 4u);
  EXPECT_EQ(f.counterExample[0].second, "0");  // stages
  EXPECT_EQ(f.counterExample[1].second, "1");  // items
  EXPECT_EQ(f.counterExample[2].second, "0");  // taken before the cancel
  EXPECT_THAT(f.description, HasSubstr("weft: LEAK"));
  EXPECT_THAT(f.description, HasSubstr("\"source\" blocked on chan send"));
  EXPECT_THAT(f.description,
              HasSubstr("examples/properties/pipeline.cc:" + std::to_string(pipeline::kSendLine)));
}

WEFT_RC_PROP(PipelineProperty, FixedPipelineNeverLeaks, (unsigned stages, unsigned items, unsigned take)) {
  // Inputs are parameters: the body may run more than once (shrinking, the report's
  // replays), so it must not draw values itself.
  const unsigned n = 1 + items % 5;
  pipeline::run_fixed(stages % 4, n, take % (n + 1));
}

}  // namespace
}  // namespace weft::examples
