// Pattern: for { select { default: } } — a poller that never blocks.
//
// Real code: a background task polls a channel so that it "never blocks",
//     for (;;) { select(recv_case(events, v), default_case()); /* handle v if any */ }
// Why it leaks: it never blocks, so it can never be told anything. When the owner
// stops sending and returns, nothing ends the loop: it spins forever, burning a core
// in production. weft reports it as still running when the step budget runs out.
// Canonical fix: replace the default with a case on ctx.done() and block; the owner
// cancels (and waits for the task) when it is done.
#pragma once

namespace weft::examples::spin_default {

void leaky();  // the poller spins forever after the body returns: a leak
void fixed();  // the poller blocks on events or ctx.done(); the owner cancels and waits

extern const unsigned kPollLine;  // the select with a default, where the poller spins

}  // namespace weft::examples::spin_default
