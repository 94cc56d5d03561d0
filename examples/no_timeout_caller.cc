#include "examples/no_timeout_caller.h"

#include <chrono>
#include <optional>

#include "harness/weft.h"

namespace weft::examples::no_timeout_caller {

using namespace std::chrono_literals;

// A dependency that never answers (a hung connection): nobody ever sends on it.
const unsigned kDependencyLine = __LINE__ + 1;  // the receive on the next line
static int call_dependency(const Chan<int>& dependency) { return *dependency.recv(); }

const unsigned kWaitLine = __LINE__ + 1;  // the receive on the next line
static int wait_for(const Chan<int>& result) { return *result.recv(); }

void leaky() {
  auto dependency = make_chan<int>();
  auto result = make_chan<int>();
  go("worker", [dependency, result] { result.send(call_dependency(dependency) * 2); });
  (void)wait_for(result);  // no timeout: as long as the worker takes
}

void fixed() {
  auto dependency = make_chan<int>();
  auto result = make_chan<int>(1);  // the worker can always deliver, even too late
  auto [ctx, cancel] = with_timeout(Context(), 1s);
  go("worker", [ctx, dependency, result] {
    std::optional<int> v;
    if (select(recv_case(dependency, v), recv_case(ctx.done())) == 0) result.send(*v * 2);
  });
  std::optional<int> answer;
  const std::size_t which = select(recv_case(result, answer), recv_case(ctx.done()));
  cancel();  // release the context's resources on every path
  WEFT_ASSERT(which == 1 && ctx.err() == ContextError::deadline_exceeded);
}

}  // namespace weft::examples::no_timeout_caller
