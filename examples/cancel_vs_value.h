// Pattern: select assumed to prefer cancellation.
//
// Real code: a worker loops on
//     select(recv_case(ctx.done()), recv_case(jobs, job))
// and its author assumes that once ctx is cancelled, the ctx.done() case wins, so no
// job is ever processed after cancellation (a job after shutdown may write to a closed
// store, double-charge a customer, …).
// Why it fails: when several cases are ready, select picks one at random (Go does too;
// weft explores every choice). Cancelled with a job queued, the worker may take the
// job. Listing ctx.done() first changes nothing. The check in handle() (WEFT_ASSERT)
// fails in those schedules: an assertion failure, not a leak.
// Canonical fix: after taking a value, check ctx.err() before acting on it.
#pragma once

namespace weft::examples::cancel_vs_value {

void leaky();  // the worker handles a job after cancellation: an assertion failure
void fixed();  // the worker checks ctx.err() after select and drops the job

extern const unsigned kAssertLine;  // the check that no job is handled after cancel

}  // namespace weft::examples::cancel_vs_value
