#include "examples/mutex_across_block.h"

#include <mutex>

#include "harness/weft.h"

namespace weft::examples::mutex_across_block {

struct State {
  Mutex mu;
  int version = 0;  // guarded by mu
};

// The leaky tasks: each blocks on the channel while holding the lock.
static void publish_holding_lock(State& st, const Chan<int>& updates) {
  std::lock_guard<Mutex> lock(st.mu);
  updates.send(++st.version);
}
const unsigned kPublisherLockLine = __LINE__ - 3;  // the lock_guard three lines up
const unsigned kPublisherSendLine = __LINE__ - 3;  // the send just below it

static void subscribe_holding_lock(State& st, const Chan<int>& updates) {
  std::lock_guard<Mutex> lock(st.mu);
  WEFT_ASSERT(*updates.recv() <= st.version);
}
const unsigned kSubscriberLockLine = __LINE__ - 3;  // the lock_guard three lines up
const unsigned kSubscriberRecvLine = __LINE__ - 3;  // the receive just below it

void leaky() {
  auto& st = make<State>();
  auto updates = make_chan<int>();
  auto& wg = make<WaitGroup>();
  wg.add(2);
  go("publisher", [&st, updates, &wg] {
    publish_holding_lock(st, updates);
    wg.done();
  });
  go("subscriber", [&st, updates, &wg] {
    subscribe_holding_lock(st, updates);
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
    }  // released before blocking
    updates.send(v);
    wg.done();
  });
  go("subscriber", [&st, updates, &wg] {
    const int v = *updates.recv();  // block first, with no lock held
    {
      std::lock_guard<Mutex> lock(st.mu);
      WEFT_ASSERT(v <= st.version);
    }
    wg.done();
  });
  wg.wait();
}

}  // namespace weft::examples::mutex_across_block
