#include "examples/properties/pool.h"

#include "harness/weft.h"

namespace weft::examples::pool {

static int run(const std::vector<int>& jobs, unsigned workers, std::size_t results_cap) {
  auto queue = make_chan<int>(jobs.size());
  for (const int j : jobs) queue.send(j);
  queue.close();
  auto results = make_chan<int>(results_cap);
  for (unsigned w = 0; w < workers; ++w) {
    go("worker", [queue, results] {
      for (const int job : queue) results.send(job < 0 ? job : job / 2);
    });
  }
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const int r = *results.recv();
    if (r < 0) return r;  // stops early: the remaining results are never read
  }
  return 0;
}

const unsigned kResultSendLine = __LINE__ - 10;  // the results.send ten lines up

int first_failure_leaky(const std::vector<int>& jobs, unsigned workers) { return run(jobs, workers, 0); }
int first_failure_fixed(const std::vector<int>& jobs, unsigned workers) { return run(jobs, workers, jobs.size()); }

}  // namespace weft::examples::pool
