#include "examples/nil_channel.h"

#include "harness/weft.h"

namespace weft::examples::nil_channel {

struct Future {
  Chan<int> ready;  // nil unless made
};

// The producer never blocks: if the value cannot be delivered now, it is dropped.
static void deliver(const Future& f, int value) { (void)select(send_case(f.ready, value), default_case()); }

const unsigned kRecvLine = __LINE__ + 1;  // the receive on the next line
static int await(const Future& f) { return *f.ready.recv(); }

static void run(Future& f) {
  go("consumer", [&f] { WEFT_ASSERT(await(f) == 42); });
  deliver(f, 42);
}

void leaky() {
  auto& f = make<Future>();  // shared with the consumer, which may outlive the body
  run(f);
}

void fixed() {
  auto& f = make<Future>();
  f.ready = make_chan<int>(1);  // one slot: the single delivery always fits
  run(f);
}

}  // namespace weft::examples::nil_channel
