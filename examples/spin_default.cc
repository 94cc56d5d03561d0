#include "examples/spin_default.h"

#include <optional>

#include "harness/weft.h"

namespace weft::examples::spin_default {

// One poll: takes an event if one is ready, else the default. Never blocks.
const unsigned kPollLine = __LINE__ + 1;  // the select on the next line
static bool poll(const Chan<int>& events) { return select(recv_case(events), default_case()) == 0; }

void leaky() {
  auto events = make_chan<int>(1);
  auto& handled = make<int>(0);
  go("poller", [events, &handled] {
    for (;;) {
      if (poll(events)) ++handled;  // nothing to do? poll again
    }
  });
  events.send(1);
}

void fixed() {
  auto events = make_chan<int>(1);
  auto [ctx, cancel] = with_cancel(Context());
  auto exited = make_chan<Unit>();
  go("poller", [events, ctx, exited] {
    for (;;) {
      std::optional<int> v;
      if (select(recv_case(events, v), recv_case(ctx.done())) == 1) break;  // blocks
    }
    exited.close();
  });
  events.send(1);
  cancel();
  (void)exited.recv();
}

}  // namespace weft::examples::spin_default
