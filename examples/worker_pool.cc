// A pool of workers sends results on an unbuffered channel; the reader stops at the
// first failed job and returns, and the workers still holding results block forever.
// Fix: buffer the results channel by the number of jobs.
#include "examples/patterns.h"
#include "harness/weft.h"

namespace weft::examples::worker_pool {

constexpr int kJobs = 4;
constexpr int kWorkers = 2;

struct Result {
  int job;
  bool ok;
};

static bool process(std::size_t results_capacity) {
  auto jobs = make_chan<int>(kJobs);
  auto results = make_chan<Result>(results_capacity);
  for (int w = 0; w < kWorkers; ++w) {
    go("worker", [jobs, results] {
      for (int j : jobs) {
        results.send(Result{j, j != 0});  // LEAK: nobody reads after the first failure
      }
    });
  }
  for (int j = 0; j < kJobs; ++j) jobs.send(j);
  jobs.close();
  for (int i = 0; i < kJobs; ++i) {
    if (!results.recv()->ok) return false;  // job 0 fails: stop reading
  }
  return true;
}

void leaky() { WEFT_ASSERT(!process(0)); }
void fixed() { WEFT_ASSERT(!process(kJobs)); }

}  // namespace weft::examples::worker_pool
