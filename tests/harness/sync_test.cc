// Mutex, RWMutex, CondVar, WaitGroup, Once and Atomic: the Go rules DESIGN.md lists,
// each checked over explored schedules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>
#include <shared_mutex>
#include <string>

#include "harness/weft.h"

namespace weft {
namespace {

using ::testing::HasSubstr;

Options opts(std::uint64_t iterations = 300) {
  return Options{.mode = Mode::random, .seed = 11, .iterations = iterations};
}

// Yields until some task is blocked with this wait reason (fairness lets it run).
void await_blocked(const std::string& reason) {
  while (dump_tasks().find("[" + reason + "]") == std::string::npos) yield();
}

// ---------------------------------------------------------------- Mutex

TEST(Mutex, ExcludesAndWorksWithStdLocks) {
  Report r = explore(opts(), [] {
    auto& m = make<Mutex>();
    auto& inside = make<Atomic<int>>(0);
    auto& wg = make<WaitGroup>();
    for (int t = 0; t < 3; ++t) {
      wg.add(1);
      go([&] {
        for (int k = 0; k < 2; ++k) {
          std::lock_guard<Mutex> g(m);
          WEFT_ASSERT(inside.fetch_add(1) == 0);
          inside.fetch_sub(1);
        }
        {
          std::unique_lock<Mutex> u(m);
          WEFT_ASSERT(inside.load() == 0);
        }
        {
          std::scoped_lock s(m);
          WEFT_ASSERT(inside.load() == 0);
        }
        wg.done();
      });
    }
    wg.wait();
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Mutex, HasNoOwnerSoAnotherTaskMayUnlock) {
  Report r = explore(opts(), [] {
    auto& m = make<Mutex>();
    m.lock();
    go("unlocker", [&m] { m.unlock(); });
    m.lock();  // re-locking blocks until the other task unlocks: not an error
    m.unlock();
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Mutex, TryLockFailsWhileHeld) {
  Report r = explore(opts(), [] {
    Mutex m;
    m.lock();
    WEFT_ASSERT(!m.try_lock());
    m.unlock();
    WEFT_ASSERT(m.try_lock());
    m.unlock();
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(Mutex, UnlockOfUnlockedMutexPanics) {
  Report r = explore(opts(1), [] {
    Mutex m;
    m.unlock();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::panic);
  EXPECT_THAT(r.failure()->message, HasSubstr("unlock of unlocked mutex"));
}

TEST(Mutex, TaskEndingWithTheLockIsNamedAsHolder) {
  Report r = explore(opts(1), [] {
    auto& m = make<Mutex>();
    auto done = make_chan<Unit>();
    go("forgetful", [&m, done] {
      m.lock();
      done.close();  // returns holding the lock
    });
    (void)done.recv();
    m.lock();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::deadlock) << r.to_string();
  ASSERT_EQ(r.failure()->tasks.size(), 1u);
  EXPECT_EQ(r.failure()->tasks[0].wait, WaitKind::mutex_lock);
  EXPECT_THAT(r.failure()->tasks[0].object, HasSubstr("held by main.1"));
}

// ---------------------------------------------------------------- RWMutex

TEST(RWMutex, ReadersShareTheLock) {
  Report r = explore(opts(), [] {
    auto& rw = make<RWMutex>();
    auto meet = make_chan<int>();
    go("reader", [&rw, meet] {
      std::shared_lock<RWMutex> g(rw);
      meet.send(1);  // only completes if main holds its read lock at the same time
    });
    std::shared_lock<RWMutex> g(rw);
    WEFT_ASSERT(meet.recv() == std::optional<int>(1));
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(RWMutex, WriterExcludesReadersAndWriters) {
  Report r = explore(opts(), [] {
    auto& rw = make<RWMutex>();
    auto& readers = make<Atomic<int>>(0);
    auto& writers = make<Atomic<int>>(0);
    auto& wg = make<WaitGroup>();
    for (int i = 0; i < 2; ++i) {
      wg.add(2);
      go("writer", [&] {
        rw.lock();
        WEFT_ASSERT(writers.fetch_add(1) == 0 && readers.load() == 0);
        writers.fetch_sub(1);
        rw.unlock();
        wg.done();
      });
      go("reader", [&] {
        rw.lock_shared();
        readers.fetch_add(1);
        WEFT_ASSERT(writers.load() == 0);
        readers.fetch_sub(1);
        rw.unlock_shared();
        wg.done();
      });
    }
    wg.wait();
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

// Go's rule: a pending writer blocks every new reader, even one that already holds a
// read lock, so a recursive read lock deadlocks once a writer waits.
TEST(RWMutex, PendingWriterBlocksRecursiveReader) {
  Report r = explore(opts(50), [] {
    auto& rw = make<RWMutex>();
    rw.lock_shared();
    go("writer", [&rw] {
      rw.lock();
      rw.unlock();
    });
    await_blocked("RWMutex.lock");
    rw.lock_shared();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::deadlock) << r.to_string();
  ASSERT_EQ(r.failure()->tasks.size(), 2u) << r.to_string();
  EXPECT_EQ(r.failure()->tasks[0].id, "main");
  EXPECT_EQ(r.failure()->tasks[0].wait, WaitKind::rwmutex_rlock);
  EXPECT_EQ(r.failure()->tasks[1].name, "writer");
  EXPECT_EQ(r.failure()->tasks[1].wait, WaitKind::rwmutex_lock);
}

TEST(RWMutex, TryLocksAndMisuse) {
  Report ok = explore(opts(), [] {
    RWMutex rw;
    WEFT_ASSERT(rw.try_lock_shared());
    WEFT_ASSERT(!rw.try_lock());
    rw.unlock_shared();
    WEFT_ASSERT(rw.try_lock());
    WEFT_ASSERT(!rw.try_lock_shared());
    rw.unlock();
  });
  EXPECT_TRUE(ok.ok()) << ok.to_string();

  Report bad = explore(opts(1), [] {
    RWMutex rw;
    rw.unlock_shared();
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.failure()->kind, FailureKind::panic);
  EXPECT_THAT(bad.failure()->message, HasSubstr("unlock_shared of unlocked RWMutex"));
}

// ---------------------------------------------------------------- CondVar

TEST(CondVar, ProducerConsumerWithPredicate) {
  Report r = explore(opts(), [] {
    auto& m = make<Mutex>();
    auto& cv = make<CondVar>();
    auto& queue = make<int>(0);
    go("producer", [&] {
      for (int i = 0; i < 3; ++i) {
        std::lock_guard<Mutex> g(m);
        ++queue;
        cv.notify_one();
      }
    });
    int taken = 0;
    while (taken < 3) {
      std::unique_lock<Mutex> lk(m);
      cv.wait(lk, [&] { return queue > 0; });
      --queue;
      ++taken;
    }
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(CondVar, NotifyWithNoWaiterIsLost) {
  Report r = explore(opts(1), [] {
    auto& m = make<Mutex>();
    auto& cv = make<CondVar>();
    cv.notify_all();  // nobody waits yet: lost
    go("waiter", [&] {
      std::unique_lock<Mutex> lk(m);
      cv.wait(lk);
    });
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::leak) << r.to_string();
  ASSERT_EQ(r.failure()->tasks.size(), 1u);
  EXPECT_EQ(r.failure()->tasks[0].name, "waiter");
  EXPECT_EQ(r.failure()->tasks[0].wait, WaitKind::condvar_wait);
}

TEST(CondVar, WaitsOnTheReadSideOfAnRWMutex) {
  Report r = explore(opts(), [] {
    auto& rw = make<RWMutex>();
    auto& cv = make<CondVar>();
    auto& ready = make<bool>(false);
    go("setter", [&] {
      rw.lock();
      ready = true;
      rw.unlock();
      cv.notify_all();  // without holding the lock: allowed
    });
    std::shared_lock<RWMutex> lk(rw);
    cv.wait(lk, [&] { return ready; });
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

// ---------------------------------------------------------------- WaitGroup

TEST(WaitGroup, WaitReturnsWhenCounterReachesZero) {
  Report r = explore(opts(), [] {
    WaitGroup wg;
    wg.wait();  // zero: returns at once
    auto& n = make<Atomic<int>>(0);
    wg.add(3);
    for (int i = 0; i < 3; ++i) {
      go([&n, &wg] {
        n.fetch_add(1);
        wg.done();
      });
    }
    wg.wait();
    WEFT_ASSERT(n.load() == 3);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

TEST(WaitGroup, NegativeCounterPanics) {
  Report r = explore(opts(1), [] {
    WaitGroup wg;
    wg.done();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::panic);
  EXPECT_THAT(r.failure()->message, HasSubstr("negative WaitGroup counter"));
}

TEST(WaitGroup, ForgottenDoneIsADeadlockAtTheWait) {
  unsigned line = 0;
  Report r = explore(opts(1), [&] {
    WaitGroup wg;
    wg.add(2);
    go([&wg] { wg.done(); });
    line = __LINE__ + 1;
    wg.wait();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure()->kind, FailureKind::deadlock) << r.to_string();
  ASSERT_EQ(r.failure()->tasks.size(), 1u);
  EXPECT_EQ(r.failure()->tasks[0].wait, WaitKind::waitgroup_wait);
  EXPECT_EQ(r.failure()->tasks[0].waiting_at.line(), line);
}

// ---------------------------------------------------------------- Once

TEST(Once, SecondCallerBlocksUntilTheFirstReturns) {
  Report r = explore(opts(), [] {
    auto& once = make<Once>();
    auto& calls = make<Atomic<int>>(0);
    auto& initialised = make<Atomic<bool>>(false);
    auto& wg = make<WaitGroup>();
    for (int i = 0; i < 3; ++i) {
      wg.add(1);
      go([&] {
        once.call([&] {
          calls.fetch_add(1);
          yield();  // others reach call() meanwhile and must wait
          initialised.store(true);
        });
        WEFT_ASSERT(initialised.load());
        wg.done();
      });
    }
    wg.wait();
    WEFT_ASSERT(calls.load() == 1);
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

// ---------------------------------------------------------------- Atomic

TEST(Atomic, OperationsFollowTheirContracts) {
  Report r = explore(opts(1), [] {
    Atomic<int> a(5);
    WEFT_ASSERT(a.exchange(7) == 5);
    int expected = 6;
    WEFT_ASSERT(!a.compare_exchange(expected, 9));
    WEFT_ASSERT(expected == 7);  // a failed exchange reports the current value
    WEFT_ASSERT(a.compare_exchange(expected, 9));
    WEFT_ASSERT(a.fetch_add(3) == 9);
    WEFT_ASSERT(a.fetch_sub(2) == 12);
    WEFT_ASSERT(a.load() == 10);
    int x = 0;
    Atomic<int*> p(nullptr);
    p.store(&x);
    WEFT_ASSERT(p.load() == &x);
    Atomic<bool> b;
    WEFT_ASSERT(!b.exchange(true) && b.load());
  });
  EXPECT_TRUE(r.ok()) << r.to_string();
}

// Every operation is a scheduling point: a load/store increment loses updates in
// some schedule, a fetch_add never does.
TEST(Atomic, SplitIncrementLosesAnUpdateFetchAddDoesNot) {
  auto counter = [](bool split) {
    return [split] {
      auto& n = make<Atomic<int>>(0);
      auto& wg = make<WaitGroup>();
      for (int t = 0; t < 2; ++t) {
        wg.add(1);
        go([&n, &wg, split] {
          if (split) {
            n.store(n.load() + 1);
          } else {
            n.fetch_add(1);
          }
          wg.done();
        });
      }
      wg.wait();
      WEFT_ASSERT(n.load() == 2);
    };
  };
  Report lost = explore(opts(), counter(true));
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.failure()->kind, FailureKind::assertion) << lost.to_string();
  Report kept = explore(opts(), counter(false));
  EXPECT_TRUE(kept.ok()) << kept.to_string();
}

}  // namespace
}  // namespace weft

namespace weft {
namespace {

// An execution can end (a failure elsewhere, a search cutting it short) while a task
// is parked at the unlock inside a std::lock_guard's destructor, which is noexcept:
// unwinding that task must not throw through it.
TEST(MutexGuard, ExecutionsEndingWhileATaskIsAtAGuardedUnlock) {
  auto guarded = [] {
    auto& m = make<Mutex>();
    auto& n = make<Atomic<int>>(0);
    auto& wg = make<WaitGroup>();
    wg.add(2);
    for (int i = 0; i < 2; ++i) {
      go([&] {
        {
          std::lock_guard<Mutex> g(m);
          n.fetch_add(1);
        }
        wg.done();
      });
    }
    wg.wait();
    WEFT_ASSERT(n.load() == 2);
  };
  const Report reduced = explore(Options{.mode = Mode::exhaustive, .dpor = true}, guarded);
  EXPECT_TRUE(reduced.ok()) << reduced.to_string();
  EXPECT_TRUE(reduced.stats().complete);

  // Another task fails while this one may be parked at its guarded unlock.
  const Report failing = explore(Options{.mode = Mode::random, .seed = 3, .iterations = 200}, [] {
    auto& m = make<Mutex>();
    go("guard", [&m] {
      for (int i = 0; i < 3; ++i) {
        std::lock_guard<Mutex> g(m);
      }
    });
    go("checker", [] { WEFT_ASSERT(false); });
  });
  ASSERT_FALSE(failing.ok());
  EXPECT_EQ(failing.failure()->kind, FailureKind::assertion) << failing.to_string();
}

}  // namespace
}  // namespace weft
