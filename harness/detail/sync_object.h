// Common base of the synchronisation objects: an identity in the execution, released
// when the object dies. Not copyable or movable (tasks hold references to it).
#pragma once

#include "harness/detail/runtime.h"

namespace weft::detail {

class SyncObject {
 public:
  SyncObject(const SyncObject&) = delete;
  SyncObject& operator=(const SyncObject&) = delete;
  std::uint32_t id() const noexcept { return id_; }

 protected:
  SyncObject(ObjKind kind, const char* what, DescribeFn describe) {
    auto& rt = Runtime::get(what);
    id_ = rt.add_object(kind, this, describe);
    serial_ = rt.serial();
  }
  ~SyncObject() { Runtime::forget_if_current(id_, serial_); }

  std::uint32_t id_ = 0;
  std::uint64_t serial_ = 0;
};

// Wakes every live waiter of q.
inline void wake_all(Runtime& rt, sched::WaitQueue& q) {
  while (auto w = q.take()) {
    rt.engine().wake(*w->task);
  }
}

}  // namespace weft::detail
