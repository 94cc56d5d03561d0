// Mutex: Go's sync.Mutex with std names, so std::lock_guard, std::unique_lock and
// std::scoped_lock work. No owner: any task may unlock, a task may end holding it.
#pragma once

#include <cstdint>
#include <source_location>

#include "harness/detail/sync_object.h"

namespace weft {

class Mutex : detail::SyncObject {
 public:
  // Throws std::logic_error outside explore.
  Mutex();

  // Blocks until the mutex is free (re-locking a held mutex blocks, as in Go).
  void lock(std::source_location where = std::source_location::current());
  // Hands the mutex to the oldest waiter, if any. Panics if it is not locked.
  void unlock(std::source_location where = std::source_location::current());
  // Takes the mutex if free; never blocks (a failed attempt is a poll).
  bool try_lock(std::source_location where = std::source_location::current());

  using SyncObject::id;
  // For the engine's enabled-only model: whether lock() would not block.
  static bool lock_ready(const void* self) noexcept { return !static_cast<const Mutex*>(self)->locked_; }

 private:
  static std::string describe(const void* self, std::uint32_t id);
  bool locked_ = false;
  sched::Task* holder_ = nullptr;
  sched::WaitQueue waiters_;
  std::int32_t freed_at_ = -1;  // the event of the last unlock that freed it (exhaustive search)
};

}  // namespace weft
