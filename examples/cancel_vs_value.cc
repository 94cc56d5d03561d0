// A worker assumes that once its context is cancelled, select picks ctx.done(). But
// when a job is also ready, select chooses among ready cases at random (Go does too),
// so the worker may process jobs after it was cancelled.
// Fix: after taking a value, check ctx.err() before acting on it.
#include "examples/patterns.h"
#include "harness/weft.h"

namespace weft::examples::cancel_vs_value {

static void run(bool check_after_select) {
  auto jobs = make_chan<int>(2);
  jobs.send(1);
  jobs.send(2);
  auto [ctx, cancel] = with_cancel(Context());
  cancel();  // cancelled before the worker even starts
  auto& processed = make<int>(0);
  auto done = make_chan<Unit>();
  go("worker", [jobs, ctx, done, check_after_select, &processed] {
    for (;;) {
      std::optional<int> job;
      if (select(recv_case(ctx.done()), recv_case(jobs, job)) == 0) break;
      if (check_after_select && ctx.err() != ContextError::none) break;
      ++processed;
    }
    done.close();
  });
  (void)done.recv();
  WEFT_ASSERT(processed == 0);  // LEAK: work done after cancellation
}

void leaky() { run(false); }
void fixed() { run(true); }

}  // namespace weft::examples::cancel_vs_value
