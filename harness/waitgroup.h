// WaitGroup: Go's sync.WaitGroup.
#pragma once

#include <source_location>

#include "harness/detail/sync_object.h"

namespace weft {

class WaitGroup : detail::SyncObject {
 public:
  WaitGroup();  // throws std::logic_error outside explore

  // Adds n (may be negative) to the counter; at zero every waiter is released.
  // Panics if the counter goes negative.
  void add(int n = 1, std::source_location where = std::source_location::current());
  // add(-1).
  void done(std::source_location where = std::source_location::current());
  // Blocks until the counter is zero.
  void wait(std::source_location where = std::source_location::current());

  using SyncObject::id;
  // For the engine's enabled-only model: whether wait() would not block.
  static bool wait_ready(const void* self) noexcept { return static_cast<const WaitGroup*>(self)->counter_ == 0; }

 private:
  static std::string describe(const void* self, std::uint32_t id);
  long counter_ = 0;
  sched::WaitQueue waiters_;
};

}  // namespace weft
