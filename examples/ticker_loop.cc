// A background refresher wakes on a Ticker forever. Nothing stops it when its owner
// is gone: it is alive only because the ticker keeps waking it.
// Fix: stop the ticker and return on ctx.done(); the owner cancels and waits.
#include "examples/patterns.h"
#include "harness/weft.h"

namespace weft::examples::ticker_loop {

using namespace std::chrono_literals;

void leaky() {
  auto& refreshes = make<int>(0);
  go("refresher", [&refreshes] {
    Ticker tick(10ms);
    for (;;) {
      (void)tick.c().recv();  // LEAK: woken only by its own ticker
      ++refreshes;
    }
  });
  sleep(25ms);
}

void fixed() {
  auto [ctx, cancel] = with_cancel(Context());
  auto done = make_chan<Unit>();
  go("refresher", [ctx, done] {
    Ticker tick(10ms);
    for (;;) {
      if (select(recv_case(tick.c()), recv_case(ctx.done())) == 1) break;
    }
    tick.stop();
    done.close();
  });
  sleep(25ms);
  cancel();
  (void)done.recv();
}

}  // namespace weft::examples::ticker_loop
