// First answer wins: a caller asks several replicas and takes the fastest answer. The
// others send on an unbuffered channel nobody reads any more, and block forever.
// Fix: buffer the channel by the number of senders, so every send completes.
#include "examples/patterns.h"
#include "harness/weft.h"

namespace weft::examples::first_wins {

constexpr int kReplicas = 3;

static int query(std::size_t capacity) {
  auto answers = make_chan<int>(capacity);
  for (int i = 0; i < kReplicas; ++i) {
    go("replica", [answers, i] {
      answers.send(100 + i);  // LEAK: losers block here once the caller has left
    });
  }
  return *answers.recv();
}

void leaky() { WEFT_ASSERT(query(0) >= 100); }
void fixed() { WEFT_ASSERT(query(kReplicas) >= 100); }

}  // namespace weft::examples::first_wins
