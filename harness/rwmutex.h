// RWMutex: Go's sync.RWMutex. Writer-preferring: a pending lock() blocks every new
// lock_shared(), even from a task already holding a read lock; a writer's unlock()
// admits every reader queued at that moment. Works with std::shared_lock.
#pragma once

#include <source_location>

#include "harness/detail/sync_object.h"

namespace weft {

class RWMutex : detail::SyncObject {
 public:
  RWMutex();  // throws std::logic_error outside explore

  // Write side: blocks until no reader and no writer holds it.
  void lock(std::source_location where = std::source_location::current());
  // Panics if not write-locked.
  void unlock(std::source_location where = std::source_location::current());
  bool try_lock(std::source_location where = std::source_location::current());
  // Read side: blocks while a writer holds it or waits for it.
  void lock_shared(std::source_location where = std::source_location::current());
  // Panics if not read-locked.
  void unlock_shared(std::source_location where = std::source_location::current());
  bool try_lock_shared(std::source_location where = std::source_location::current());

  using SyncObject::id;

 private:
  static std::string describe(const void* self, std::uint32_t id);
  void admit_writer(detail::Runtime& rt);
  bool writer_ = false;
  sched::Task* writer_task_ = nullptr;
  unsigned readers_ = 0;
  unsigned writers_waiting_ = 0;
  sched::WaitQueue writers_, readers_q_;
};

}  // namespace weft
