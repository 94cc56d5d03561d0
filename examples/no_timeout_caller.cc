// A caller waits for a worker's answer with no timeout; the worker is stuck on a
// dependency that never answers, so the caller hangs too.
// Fix: give the call a deadline (with_timeout), select on ctx.done(), and give the
// worker a buffered result channel so it can finish even after the caller left.
#include "examples/patterns.h"
#include "harness/weft.h"

namespace weft::examples::no_timeout_caller {

using namespace std::chrono_literals;

void leaky() {
  auto dependency = make_chan<int>();  // never answers
  auto result = make_chan<int>();
  go("worker", [dependency, result] { result.send(*dependency.recv() * 2); });
  (void)result.recv();  // LEAK: waits forever
}

void fixed() {
  auto dependency = make_chan<int>();  // never answers
  auto result = make_chan<int>(1);
  auto [ctx, cancel] = with_timeout(Context(), 1s);
  go("worker", [ctx, dependency, result] {
    std::optional<int> v;
    if (select(recv_case(dependency, v), recv_case(ctx.done())) == 0) result.send(*v * 2);
  });
  std::optional<int> answer;
  const std::size_t which = select(recv_case(result, answer), recv_case(ctx.done()));
  WEFT_ASSERT(which == 1 && ctx.err() == ContextError::deadline_exceeded);
  cancel();
}

}  // namespace weft::examples::no_timeout_caller
