#include "harness/once.h"

#include <string>

namespace weft {

Once::Once() : SyncObject(detail::ObjKind::once, "Once", &Once::describe) {}

void Once::finish(detail::Runtime& rt) {
  running_ = false;
  done_ = true;
  detail::wake_all(rt, waiters_);
}

void Once::call(const std::function<void()>& fn, std::source_location where) {
  auto& rt = detail::Runtime::get("Once::call");
  if (rt.inert()) return;
  rt.point(detail::Op::once_call, id_, where);
  if (done_) return;
  if (running_) {
    waiters_.push(rt.self());
    rt.block(WaitKind::once_wait, id_, where);
    return;
  }
  running_ = true;
  try {
    fn();
  } catch (...) {
    finish(rt);
    throw;
  }
  finish(rt);
}

std::string Once::describe(const void* self, std::uint32_t id) {
  auto* o = static_cast<const Once*>(self);
  return "once#" + std::to_string(id) + (o->done_ ? " (done)" : o->running_ ? " (running)" : " (not called)");
}

}  // namespace weft
