// Pattern: a ticker-driven loop nobody stops.
//
// Real code: a background refresher (metrics flush, cache refresh, heartbeat)
//     go([] { Ticker t(10ms); for (;;) { t.c().recv(); refresh(); } });
// Why it leaks: it never returns. It does block, but its own ticker wakes it again and
// again, so it looks alive; after its owner is gone it runs forever, holding what it
// captured. weft reports a task that, after the body returned, is woken only by a
// Ticker (WEFT_LEAK_TICKS firings in a row, no task ending meanwhile).
// Canonical fix: the loop also selects on ctx.done() and returns, stopping its ticker
// (ticker.stop()); the owner cancels and waits for the loop when it shuts down.
#pragma once

namespace weft::examples::ticker_loop {

void leaky();  // the refresher ticks forever after the body returns: a leak
void fixed();  // the refresher returns on ctx.done() and stops its ticker

extern const unsigned kTickerLine;  // where the refresher creates its Ticker
extern const unsigned kRecvLine;    // the receive on the ticker's channel

}  // namespace weft::examples::ticker_loop
