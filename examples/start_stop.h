// Pattern: an owner whose stop() does not stop.
//
// Real code: a Server (a cache, a connection pool, a metrics exporter) starts a
// background loop in start() and is expected to end it in stop(). The loop serves
// requests until its context is cancelled.
// Why it leaks: stop() only flips a flag (or closes a socket) and returns. The loop,
// parked in select on requests and ctx.done(), never hears of it: nobody cancels the
// context, and nobody waits for the loop, so the process "shuts down" with the loop
// still alive (and tests that start and stop servers pile them up).
// Canonical fix: stop() cancels the context and then waits on a channel the loop
// closes when it exits, so that when stop() returns the loop is gone.
#pragma once

namespace weft::examples::start_stop {

void leaky();  // Server::stop_leaky() returns with the loop still parked: a leak
void fixed();  // Server::stop() cancels and waits: a clean shutdown

extern const unsigned kSelectLine;  // the loop's select, where it stays parked

}  // namespace weft::examples::start_stop
