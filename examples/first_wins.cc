#include "examples/first_wins.h"

#include <cstddef>

#include "harness/weft.h"

namespace weft::examples::first_wins {

// A replica answers once (tasks named "replica" in reports).
const unsigned kSendLine = __LINE__ + 1;  // the send on the next line
static void answer(const Chan<int>& answers, int i) { answers.send(100 + i); }

static int query(std::size_t capacity) {
  auto answers = make_chan<int>(capacity);
  for (int i = 0; i < kReplicas; ++i) {
    go("replica", [answers, i] { answer(answers, i); });
  }
  return *answers.recv();  // the first answer wins; nobody receives the others
}

void leaky() { WEFT_ASSERT(query(0) >= 100); }
void fixed() { WEFT_ASSERT(query(kReplicas) >= 100); }

}  // namespace weft::examples::first_wins
