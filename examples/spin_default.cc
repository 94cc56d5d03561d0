// A poller loops on `select { case v := <-ch: ...; default: }`: it never blocks, so it
// never notices that nobody will send again, and spins forever.
// Fix: block on the channel and on ctx.done() instead of polling; the owner cancels.
#include "examples/patterns.h"
#include "harness/weft.h"

namespace weft::examples::spin_default {

void leaky() {
  auto events = make_chan<int>(1);
  go("poller", [events] {
    for (;;) {
      std::optional<int> v;
      if (select(recv_case(events, v), default_case()) == 0) continue;  // LEAK: spins
    }
  });
  events.send(1);
}

void fixed() {
  auto events = make_chan<int>(1);
  auto [ctx, cancel] = with_cancel(Context());
  auto done = make_chan<Unit>();
  go("poller", [events, ctx, done] {
    for (;;) {
      std::optional<int> v;
      if (select(recv_case(events, v), recv_case(ctx.done())) == 1) break;
    }
    done.close();
  });
  events.send(1);
  cancel();
  (void)done.recv();
}

}  // namespace weft::examples::spin_default
