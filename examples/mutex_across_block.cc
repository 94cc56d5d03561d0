// A publisher holds the state lock while it hands an update to a subscriber over an
// unbuffered channel; the subscriber needs the same lock before it reads. Whoever
// gets the lock first waits for the other forever.
// Fix: copy what is needed under the lock, release it, then block.
#include <mutex>

#include "examples/patterns.h"
#include "harness/weft.h"

namespace weft::examples::mutex_across_block {

struct State {
  Mutex mu;
  int version = 0;
};

void leaky() {
  auto& st = make<State>();
  auto updates = make_chan<int>();
  auto& wg = make<WaitGroup>();
  wg.add(2);
  go("publisher", [&st, updates, &wg] {
    std::lock_guard<Mutex> lock(st.mu);  // LEAK-LOCK
    updates.send(++st.version);          // LEAK: blocks holding the lock
    wg.done();
  });
  go("subscriber", [&st, updates, &wg] {
    std::lock_guard<Mutex> lock(st.mu);  // LEAK-LOCK
    (void)updates.recv();
    wg.done();
  });
  wg.wait();
}

void fixed() {
  auto& st = make<State>();
  auto updates = make_chan<int>();
  auto& wg = make<WaitGroup>();
  wg.add(2);
  go("publisher", [&st, updates, &wg] {
    int v;
    {
      std::lock_guard<Mutex> lock(st.mu);
      v = ++st.version;
    }
    updates.send(v);
    wg.done();
  });
  go("subscriber", [&st, updates, &wg] {
    const int v = *updates.recv();
    {
      std::lock_guard<Mutex> lock(st.mu);
      WEFT_ASSERT(v <= st.version);
    }
    wg.done();
  });
  wg.wait();
}

}  // namespace weft::examples::mutex_across_block
