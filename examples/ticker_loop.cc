#include "examples/ticker_loop.h"

#include <chrono>

#include "harness/weft.h"

namespace weft::examples::ticker_loop {

using namespace std::chrono_literals;

// The leaky refresher: nothing in the loop can end it.
static void refresh_forever(int& refreshes) {
  Ticker tick(10ms);
  for (;;) {
    (void)tick.c().recv();
    ++refreshes;
  }
}
const unsigned kTickerLine = __LINE__ - 6;  // the Ticker six lines up
const unsigned kRecvLine = kTickerLine + 2;  // the receive in the loop

void leaky() {
  auto& refreshes = make<int>(0);  // the refresher outlives the body
  go("refresher", [&refreshes] { refresh_forever(refreshes); });
  sleep(25ms);  // the owner's work; then it returns and forgets the refresher
}

void fixed() {
  auto [ctx, cancel] = with_cancel(Context());
  auto exited = make_chan<Unit>();
  go("refresher", [ctx, exited] {
    Ticker tick(10ms);
    int refreshes = 0;
    for (;;) {
      if (select(recv_case(tick.c()), recv_case(ctx.done())) == 1) break;
      ++refreshes;
    }
    tick.stop();
    exited.close();
  });
  sleep(25ms);
  cancel();             // the owner shuts down …
  (void)exited.recv();  // … and waits for the refresher to return
}

}  // namespace weft::examples::ticker_loop
