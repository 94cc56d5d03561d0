// A struct's channel field was never made: a default-constructed Chan is nil, and a
// send on it blocks forever (Go's nil channel).
// Fix: make the channel before use.
#include "examples/patterns.h"
#include "harness/weft.h"

namespace weft::examples::nil_channel {

struct Job {
  Chan<int> result;  // nil until made
};

static void run(Job& job) {
  go("worker", [result = job.result] {
    result.send(42);  // LEAK: a nil channel blocks forever
  });
}

void leaky() {
  auto& job = make<Job>();
  run(job);
}

void fixed() {
  auto& job = make<Job>();
  job.result = make_chan<int>(1);
  run(job);
  WEFT_ASSERT(*job.result.recv() == 42);
}

}  // namespace weft::examples::nil_channel
