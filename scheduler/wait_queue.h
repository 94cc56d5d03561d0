// The one wait primitive every blocking shim is built on: a FIFO of parked tasks.
// A task may sit in several queues at once (select); the first wake bumps its epoch,
// which makes every other entry stale, so stale entries are skipped, never woken.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "scheduler/event_log.h"
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
  // The oldest live waiter, or nullptr; valid until the queue next changes. Drops
  // stale entries on the way.
  Waiter* front() noexcept {
    while (head_ < q_.size() && !q_[head_].live()) {
      // Seeing a stale registration reads its task's wait state: the operation that
      // woke that task decided what this one finds.
      if (tl_active_log != nullptr) [[unlikely]] tl_active_log->add(task_key(q_[head_].task->index), Access::read);
      pop();
    }
    return head_ < q_.size() ? &q_[head_] : nullptr;
  }
  // Removes and returns the oldest live waiter (a copy: the entry itself is gone).
  std::optional<Waiter> take() noexcept {
    if (front() == nullptr) return std::nullopt;
    Waiter w = q_[head_];
    pop();
    return w;
  }
  bool empty() noexcept { return front() == nullptr; }
  // Whether anybody live waits; unlike empty(), neither drops stale entries nor logs
  // (for the readiness oracle, which only looks).
  bool any_live() const noexcept {
    for (std::size_t i = head_; i < q_.size(); ++i) {
      if (q_[i].live()) return true;
    }
    return false;
  }
  // Live waiters, for reports ("who else touches it").
  std::size_t live_count() const noexcept {
    std::size_t n = 0;
    for (std::size_t i = head_; i < q_.size(); ++i) n += q_[i].live() ? 1 : 0;
    return n;
  }
  template <class F>
  void for_each_live(F&& f) const {
    for (std::size_t i = head_; i < q_.size(); ++i)
      if (q_[i].live()) f(q_[i]);
  }
  void clear() noexcept {
    q_.clear();
    head_ = 0;
  }

 private:
  // Not a std::deque: that allocates on construction, and every Mutex, WaitGroup
  // and channel has queues, most of which never hold anybody.
  // Taken entries are dropped in bulk, so a queue that never drains stays small.
  void pop() noexcept {
    if (++head_ == q_.size()) {
      clear();
    } else if (head_ >= 32 && head_ * 2 >= q_.size()) {
      q_.erase(q_.begin(), q_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }
  std::vector<Waiter> q_;
  std::size_t head_ = 0;  // entries before it were taken
};

}  // namespace weft::sched
