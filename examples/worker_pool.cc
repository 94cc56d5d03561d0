#include "examples/worker_pool.h"

#include <cstddef>

#include "harness/weft.h"

namespace weft::examples::worker_pool {

struct Result {
  int job;
  bool ok;
};

const unsigned kSendLine = __LINE__ + 1;  // the send on the next line
static void deliver(const Chan<Result>& results, int job) { results.send(Result{job, job != 0}); }

static Chan<int> queue_jobs() {
  auto jobs = make_chan<int>(kJobs);
  for (int j = 0; j < kJobs; ++j) jobs.send(j);
  jobs.close();
  return jobs;
}

// Reads results until the first failure; false if there was one.
static bool read_until_error(const Chan<Result>& results) {
  for (int i = 0; i < kJobs; ++i) {
    if (!results.recv()->ok) return false;  // stop at the first error
  }
  return true;
}

void leaky() {
  auto jobs = queue_jobs();
  auto results = make_chan<Result>();  // unbuffered
  for (int w = 0; w < kWorkers; ++w) {
    go("worker", [jobs, results] {
      for (int j : jobs) deliver(results, j);
    });
  }
  WEFT_ASSERT(!read_until_error(results));
}

void fixed() {
  auto jobs = queue_jobs();
  auto results = make_chan<Result>(kJobs);  // room for every result: no send blocks
  auto& wg = make<WaitGroup>();             // outlives the body, like the workers
  wg.add(kWorkers);
  for (int w = 0; w < kWorkers; ++w) {
    go("worker", [jobs, results, &wg] {
      for (int j : jobs) deliver(results, j);
      wg.done();
    });
  }
  go("closer", [results, &wg] {
    wg.wait();
    results.close();  // the pool, not the reader, ends the results stream
  });
  WEFT_ASSERT(!read_until_error(results));
}

}  // namespace weft::examples::worker_pool
