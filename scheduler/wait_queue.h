// The one wait primitive every blocking shim is built on: a FIFO of parked tasks.
// A task may sit in several queues at once (select); the first wake bumps its epoch,
// which makes every other entry stale, so stale entries are skipped, never woken.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>

#include "scheduler/task.h"

namespace weft::sched {

struct Waiter {
  Task* task = nullptr;
  std::uint64_t epoch = 0;
  void* slot = nullptr;       // where the waker delivers or finds a value (shim-defined)
  std::uintptr_t tag = 0;     // shim-defined, e.g. the select case index

  bool live() const noexcept { return task->state == TaskState::blocked && task->epoch == epoch; }
};

class WaitQueue {
 public:
  // Registers the running task; call Engine::block afterwards.
  void push(Task& t, void* slot = nullptr, std::uintptr_t tag = 0) {
    q_.push_back(Waiter{&t, t.epoch, slot, tag});
  }
  // The oldest live waiter, or nullptr. Drops stale entries on the way.
  Waiter* front() noexcept {
    while (!q_.empty() && !q_.front().live()) q_.pop_front();
    return q_.empty() ? nullptr : &q_.front();
  }
  // Removes and returns the oldest live waiter (a copy: the entry itself is gone).
  std::optional<Waiter> take() noexcept {
    if (front() == nullptr) return std::nullopt;
    Waiter w = q_.front();
    q_.pop_front();
    return w;
  }
  bool empty() noexcept { return front() == nullptr; }
  // Live waiters, for reports ("who else touches it").
  std::size_t live_count() const noexcept {
    std::size_t n = 0;
    for (const Waiter& w : q_) n += w.live() ? 1 : 0;
    return n;
  }
  template <class F>
  void for_each_live(F&& f) const {
    for (const Waiter& w : q_)
      if (w.live()) f(w);
  }
  void clear() noexcept { q_.clear(); }

 private:
  std::deque<Waiter> q_;
};

}  // namespace weft::sched
