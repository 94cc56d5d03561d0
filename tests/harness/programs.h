// Small programs with known schedule spaces, shared by the exhaustive-mode tests.
#pragma once

#include <string>

#include "harness/weft.h"

namespace weft::programs {

// n tasks × k rounds of lock; ++counter; unlock on one mutex; main checks the total.
inline auto mutex_counter(int n, int k) {
  return [n, k] {
    auto& m = make<Mutex>();
    auto& wg = make<WaitGroup>();
    auto& counter = make<int>(0);
    wg.add(n);
    for (int t = 0; t < n; ++t) {
      go([&, k] {
        for (int r = 0; r < k; ++r) {
          m.lock();
          ++counter;
          m.unlock();
        }
        wg.done();
      });
    }
    wg.wait();
    WEFT_ASSERT(counter == n * k);
  };
}

// Two tasks increment a shared atomic by load-then-store: one preemption between a
// load and its store loses an update, which main's check catches.
inline auto lost_update() {
  return [] {
    auto& n = make<Atomic<int>>(0);
    auto& wg = make<WaitGroup>();
    for (int t = 0; t < 2; ++t) {
      wg.add(1);
      go([&n, &wg] {
        n.store(n.load() + 1);
        wg.done();
      });
    }
    wg.wait();
    WEFT_ASSERT(n.load() == 2);
  };
}

// Tasks "a", "b", … each append their letter `rounds` times under one mutex; the
// order of appends (one of the lock orders) is left in `*order` for the caller. If
// `bad` is non-empty, main fails its check exactly when the order equals it.
inline auto lock_orders(int tasks, int rounds, std::string* order, std::string bad = "") {
  return [=] {
    auto& m = make<Mutex>();
    auto& wg = make<WaitGroup>();
    auto& log = make<std::string>();
    wg.add(tasks);
    for (int t = 0; t < tasks; ++t) {
      go([&, t] {
        for (int r = 0; r < rounds; ++r) {
          m.lock();
          log.push_back(static_cast<char>('a' + t));
          m.unlock();
        }
        wg.done();
      });
    }
    wg.wait();
    *order = log;
    WEFT_ASSERT(log != bad);
  };
}

}  // namespace weft::programs
