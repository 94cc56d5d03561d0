#include "harness/waitgroup.h"

#include <string>

namespace weft {

WaitGroup::WaitGroup() : SyncObject(detail::ObjKind::waitgroup, "WaitGroup", &WaitGroup::describe) {}

void WaitGroup::add(int n, std::source_location where) {
  auto& rt = detail::Runtime::get("WaitGroup::add");
  if (rt.inert()) return;
  rt.point(detail::Op::wg_add, id_, where);
  // Decrements that stay non-negative commute with each other, even the one that
  // releases the waiters: they acquire the counter when they resume (event_log.h).
  const bool commutes = n < 0 && counter_ + n >= 0;
  rt.touch(id_, commutes ? sched::Access::add : sched::Access::write);
  counter_ += n;
  if (counter_ < 0) detail::panic("sync: negative WaitGroup counter", where);
  if (counter_ == 0) detail::wake_all(rt, waiters_);
}

void WaitGroup::done(std::source_location where) { add(-1, where); }

void WaitGroup::wait(std::source_location where) {
  auto& rt = detail::Runtime::get("WaitGroup::wait");
  if (rt.inert()) return;
  rt.point(detail::Op::wg_wait, id_, where);
  if (counter_ != 0) {
    waiters_.push(rt.self());
    rt.block(WaitKind::waitgroup_wait, id_, where);
  }
  rt.touch(id_, sched::Access::acquire);
}

std::string WaitGroup::describe(const void* self, std::uint32_t id) {
  auto* w = static_cast<const WaitGroup*>(self);
  return "waitgroup#" + std::to_string(id) + " (counter " + std::to_string(w->counter_) + ")";
}

}  // namespace weft
