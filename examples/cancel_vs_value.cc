#include "examples/cancel_vs_value.h"

#include <optional>

#include "harness/weft.h"

namespace weft::examples::cancel_vs_value {

// Handling a job is only allowed while the context is live.
const unsigned kAssertLine = __LINE__ + 1;  // the check on the next line
static void handle(const Context& ctx, int job) { WEFT_ASSERT(ctx.err() == ContextError::none && job > 0); }

static void work(const Context& ctx, const Chan<int>& jobs, bool check_after_select) {
  for (;;) {
    std::optional<int> job;
    if (select(recv_case(ctx.done()), recv_case(jobs, job)) == 0) return;  // "cancel wins"
    if (check_after_select && ctx.err() != ContextError::none) return;    // the fix
    handle(ctx, *job);
  }
}

static void run(bool check_after_select) {
  auto jobs = make_chan<int>(2);
  jobs.send(1);
  jobs.send(2);
  auto [ctx, cancel] = with_cancel(Context());
  cancel();  // shut down before the worker even starts: both cases are ready
  auto exited = make_chan<Unit>();
  go("worker", [ctx, jobs, exited, check_after_select] {
    work(ctx, jobs, check_after_select);
    exited.close();
  });
  (void)exited.recv();
}

void leaky() { run(false); }
void fixed() { run(true); }

}  // namespace weft::examples::cancel_vs_value
