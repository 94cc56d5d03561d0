#include "harness/condvar.h"

#include <string>

namespace weft {

CondVar::CondVar() : SyncObject(detail::ObjKind::condvar, "CondVar", &CondVar::describe) {}

void CondVar::notify_one(std::source_location where) {
  auto& rt = detail::Runtime::get("CondVar::notify_one");
  if (rt.inert()) return;
  rt.point(detail::Op::cond_notify, id_, where);
  if (auto w = waiters_.take()) {
    rt.engine().wake(*w->task);
  }
}

void CondVar::notify_all(std::source_location where) {
  auto& rt = detail::Runtime::get("CondVar::notify_all");
  if (rt.inert()) return;
  rt.point(detail::Op::cond_notify, id_, where);
  detail::wake_all(rt, waiters_);
}

std::string CondVar::describe(const void* self, std::uint32_t id) {
  auto* c = static_cast<const CondVar*>(self);
  return "condvar#" + std::to_string(id) + " (" + std::to_string(c->waiters_.live_count()) + " waiting)";
}

}  // namespace weft
