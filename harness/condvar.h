// CondVar: a condition variable over any lockable (std::unique_lock<Mutex>,
// std::shared_lock<RWMutex>, Mutex&, or RWMutex& meaning its write side). A notify
// with no waiter is lost; notifying without the lock is allowed.
#pragma once

#include <source_location>

#include "harness/detail/sync_object.h"

namespace weft {

class CondVar : detail::SyncObject {
 public:
  CondVar();  // throws std::logic_error outside explore

  // Unlocks `lock`, blocks until notified, then locks it again.
  template <class Lockable>
  void wait(Lockable& lock, std::source_location where = std::source_location::current()) {
    auto& rt = detail::Runtime::get("CondVar::wait");
    if (rt.inert()) return;
    rt.point(detail::Op::cond_wait, id_, where);
    waiters_.push(rt.self());
    lock.unlock();  // unique_lock, shared_lock, Mutex and RWMutex all spell it so
    rt.block(WaitKind::condvar_wait, id_, where);
    lock.lock();
  }
  // Waits until pred() holds (checked under the lock, before each wait).
  template <class Lockable, class Pred>
  void wait(Lockable& lock, Pred pred, std::source_location where = std::source_location::current()) {
    while (!pred()) wait(lock, where);
  }
  // Wakes the oldest waiter, if any.
  void notify_one(std::source_location where = std::source_location::current());
  // Wakes every waiter.
  void notify_all(std::source_location where = std::source_location::current());

  using SyncObject::id;

 private:
  static std::string describe(const void* self, std::uint32_t id);
  sched::WaitQueue waiters_;
};

}  // namespace weft
