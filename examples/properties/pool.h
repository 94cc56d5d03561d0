// A bounded worker pool, written to be checked by a RapidCheck property under weft:
// the job list and the worker count are generated, and so is the schedule.
#pragma once

#include <vector>

namespace weft::examples::pool {

// `workers` tasks halve the jobs and send the results; the consumer reads results
// until it meets a negative one (a failed job) and returns it. Leaky: the results
// channel is unbuffered, so once the consumer stops early, every worker with a result
// still to hand over blocks in send forever. Fixed: results are buffered for every job.
int first_failure_leaky(const std::vector<int>& jobs, unsigned workers);
int first_failure_fixed(const std::vector<int>& jobs, unsigned workers);
// The line of the workers' results.send in pool.cc, where the leaky pool's workers stay.
extern const unsigned kResultSendLine;

}  // namespace weft::examples::pool
