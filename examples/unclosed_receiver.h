// Pattern: a receiver on a channel nobody closes.
//
// Real code: a consumer drains a work queue with a range loop,
//     go([items] { for (int v : items) handle(v); });
// while the producer sends its items and returns.
// Why it leaks: the range loop ends only when the channel is closed. The producer
// never closes it (it does not know it must, or it returns early on an error path),
// so the consumer waits in receive forever.
// Canonical fix: give the consumer a way out that the owner controls: it selects on
// ctx.done() as well, and the owner cancels (and waits for it) when it is done; or
// the producer, the channel's only sender, closes it when it has sent everything.
#pragma once

namespace weft::examples::unclosed_receiver {

void leaky();  // the consumer waits in receive forever: a leak
void fixed();  // the consumer selects on ctx.done(); the owner cancels and waits

extern const unsigned kRangeLine;  // the consumer's range loop, where it waits

}  // namespace weft::examples::unclosed_receiver
