// Once: Go's sync.Once. A second caller blocks until the first call has returned.
#pragma once

#include <functional>
#include <source_location>

#include "harness/detail/sync_object.h"

namespace weft {

class Once : detail::SyncObject {
 public:
  Once();  // throws std::logic_error outside explore

  // Runs fn if no call has run it yet; otherwise waits for that call to finish. If fn
  // throws, the Once is still done (as Go) and the exception reaches this caller.
  void call(const std::function<void()>& fn, std::source_location where = std::source_location::current());

  using SyncObject::id;

 private:
  static std::string describe(const void* self, std::uint32_t id);
  void finish(detail::Runtime& rt);
  bool running_ = false;
  bool done_ = false;
  sched::WaitQueue waiters_;
};

}  // namespace weft
