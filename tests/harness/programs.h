// Small programs with known schedule spaces, shared by the exhaustive-mode tests.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

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

// Every outcome of an exhaustive search, each with what the tasks observed (`seen`,
// which the body fills) unless the execution failed (the reduced search runs on past a
// failure), as the soundness property compares them.
inline std::set<std::string> observed_outcomes(bool dpor, const std::function<void()>& body,
                                               const std::vector<std::string>& seen) {
  std::set<std::string> all;
  const auto r = detail::search_outcomes(Options{.mode = Mode::exhaustive, .dpor = dpor}, body,
                                         [&](const std::string& outcome) {
                                           std::string s = outcome + " |";
                                           const bool failed = outcome.rfind("panic", 0) == 0 ||
                                                               outcome.rfind("assertion", 0) == 0 ||
                                                               outcome.rfind("exception", 0) == 0;
                                           if (!failed) {
                                             for (const std::string& x : seen) s += " " + x;
                                           }
                                           all.insert(std::move(s));
                                         });
  EXPECT_TRUE(r.complete);
  return all;
}

// Expects the reduced search to reach exactly the outcomes plain DFS reaches on body
// (observations included); returns plain DFS's, for the caller's own checks.
inline std::set<std::string> expect_reduction_matches_dfs(const std::function<void()>& body,
                                                          const std::vector<std::string>& seen) {
  const auto reduced = observed_outcomes(true, body, seen);
  const auto full = observed_outcomes(false, body, seen);
  EXPECT_EQ(reduced, full);
  return full;
}

}  // namespace weft::programs
