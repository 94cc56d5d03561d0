// A consumer ranges over a channel that the producer never closes: once the producer
// is done, the consumer waits forever.
// Fix: the consumer also selects on ctx.done(), and the owner cancels when done.
#include "examples/patterns.h"
#include "harness/weft.h"

namespace weft::examples::unclosed_receiver {

void leaky() {
  auto items = make_chan<int>(4);
  auto& sum = make<int>(0);
  go("consumer", [items, &sum] {
    for (int v : items) sum += v;  // LEAK: nobody closes items
  });
  for (int i = 1; i <= 3; ++i) items.send(i);
}

void fixed() {
  auto items = make_chan<int>(4);
  auto [ctx, cancel] = with_cancel(Context());
  auto done = make_chan<Unit>();
  go("consumer", [items, ctx, done] {
    int sum = 0;
    for (;;) {
      std::optional<int> v;
      if (select(recv_case(items, v), recv_case(ctx.done())) == 1) break;
      sum += *v;
    }
    done.close();
  });
  for (int i = 1; i <= 3; ++i) items.send(i);
  cancel();
  (void)done.recv();
}

}  // namespace weft::examples::unclosed_receiver
