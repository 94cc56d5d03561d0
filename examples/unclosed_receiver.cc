#include "examples/unclosed_receiver.h"

#include <optional>

#include "harness/weft.h"

namespace weft::examples::unclosed_receiver {

// The leaky consumer: sums items until the channel is closed, which never happens.
const unsigned kRangeLine = __LINE__ + 1;  // the range loop on the next line
static void sum_until_closed(const Chan<int>& items, int& sum) { for (int v : items) sum += v; }

void leaky() {
  auto items = make_chan<int>(4);
  auto& sum = make<int>(0);  // outlives the body: the consumer may still write it
  go("consumer", [items, &sum] { sum_until_closed(items, sum); });
  for (int i = 1; i <= 3; ++i) items.send(i);
  // Returns without close(items): the consumer's loop has no end.
}

void fixed() {
  auto items = make_chan<int>(4);
  auto [ctx, cancel] = with_cancel(Context());
  auto exited = make_chan<Unit>();
  go("consumer", [items, ctx, exited] {
    int sum = 0;
    for (;;) {
      std::optional<int> v;
      if (select(recv_case(items, v), recv_case(ctx.done())) == 1) break;  // the owner left
      sum += *v;
    }
    WEFT_ASSERT(sum >= 0 && sum <= 6);
    exited.close();
  });
  for (int i = 1; i <= 3; ++i) items.send(i);
  cancel();               // tell the consumer to stop …
  (void)exited.recv();    // … and wait until it has
}

}  // namespace weft::examples::unclosed_receiver
