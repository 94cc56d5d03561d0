// Pattern: a worker pool whose reader stops early.
//
// Real code: N workers take jobs from a queue and send results on an unbuffered
// channel; the reader returns at the first failed result:
//     for (int i = 0; i < jobs; ++i) if (!results.recv()->ok) return error;
// Why it leaks: after the reader has returned, every worker that still has a result
// blocks in send() forever (and the jobs it has not taken stay queued).
// Canonical fix: buffer the results channel by the number of jobs (or keep draining
// it), and let the pool own its shutdown: a WaitGroup counts the workers and a closer
// task closes the results channel when the last one is done.
#pragma once

namespace weft::examples::worker_pool {

inline constexpr int kJobs = 4;     // job 0 fails
inline constexpr int kWorkers = 2;

void leaky();  // workers stay blocked on the results channel: a leak
void fixed();  // results buffered by the job count; WaitGroup + close end the pool

extern const unsigned kSendLine;  // the worker's send of a result

}  // namespace weft::examples::worker_pool
