// Pattern: a caller that waits without a timeout.
//
// Real code: a handler hands a request to a worker and waits for the answer,
//     go([=] { result.send(call_dependency()); });
//     return *result.recv();
// Why it leaks: the worker is stuck on a dependency that never answers, so the caller
// waits forever too, and with it whoever waits on the caller. Under weft the body
// itself never returns: a deadlock.
// Canonical fix: bound the call: with_timeout(ctx, d), select on the result and on
// ctx.done(); the worker also selects on ctx.done(), and sends on a result channel
// buffered for one, so that it never blocks even when the caller has given up.
#pragma once

namespace weft::examples::no_timeout_caller {

void leaky();  // the caller waits forever for a hung worker: a deadlock
void fixed();  // the caller gives up at its deadline; the worker too

extern const unsigned kWaitLine;        // the caller's receive, with no timeout
extern const unsigned kDependencyLine;  // where the worker hangs

}  // namespace weft::examples::no_timeout_caller
