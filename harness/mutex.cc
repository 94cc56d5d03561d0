#include "harness/mutex.h"

#include <string>

namespace weft {

Mutex::Mutex() : SyncObject(detail::ObjKind::mutex, "Mutex", &Mutex::describe) {}

void Mutex::lock(std::source_location where) {
  auto& rt = detail::Runtime::get("Mutex::lock");
  if (rt.inert()) return;
  rt.point(detail::Op::mutex_lock, id_, where);
  if (!locked_) {
    locked_ = true;
    holder_ = &rt.self();
    rt.engine().enabled_by(freed_at_);
    return;
  }
  waiters_.push(rt.self());
  rt.block(WaitKind::mutex_lock, id_, where);  // unlock() made us the holder
}

void Mutex::unlock(std::source_location where) {
  auto& rt = detail::Runtime::get("Mutex::unlock");
  if (rt.inert()) return;
  rt.point(detail::Op::mutex_unlock, id_, where, /*may_unwind=*/false);  // runs in guards' destructors
  if (!locked_) detail::panic("sync: unlock of unlocked mutex", where);
  if (auto w = waiters_.take()) {
    holder_ = w->task;  // direct handoff: FIFO, no barging
    rt.engine().wake(*w->task);
    return;
  }
  locked_ = false;
  holder_ = nullptr;
  freed_at_ = rt.engine().event();
}

bool Mutex::try_lock(std::source_location where) {
  auto& rt = detail::Runtime::get("Mutex::try_lock");
  if (rt.inert()) return false;
  rt.point(detail::Op::mutex_try_lock, id_, where);
  if (!locked_) {
    locked_ = true;
    holder_ = &rt.self();
    return true;
  }
  rt.engine().poll();
  return false;
}

std::string Mutex::describe(const void* self, std::uint32_t id) {
  auto* m = static_cast<const Mutex*>(self);
  std::string s = "mutex#" + std::to_string(id);
  s += m->locked_ ? " held by " + (m->holder_ ? m->holder_->id : std::string("?")) : std::string(" (unlocked)");
  if (const std::size_t n = m->waiters_.live_count()) s += ", " + std::to_string(n) + " waiting";
  return s;
}

}  // namespace weft
