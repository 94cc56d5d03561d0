#include "harness/context.h"

#include <algorithm>
#include <string>
#include <vector>

namespace weft {
namespace detail {

// One node of the cancellation tree; execution-owned, since a pending deadline timer
// or a child may outlive every handle.
struct ContextState {
  Chan<Unit> done;
  ContextError err = ContextError::none;
  ContextState* parent = nullptr;
  std::vector<ContextState*> children;
  std::optional<Duration> deadline;
  sched::TimerId timer{};
  std::uint32_t id = 0;
  std::uint64_t serial = 0;

  ~ContextState() { Runtime::forget_if_current(id, serial); }

  // Closes done, cancels the subtree and leaves the parent. No scheduling point, so
  // a deadline timer may call it.
  void cancel(Runtime& rt, ContextError why) {
    rt.touch(id, sched::Access::write);
    if (err != ContextError::none) return;
    err = why;
    rt.touch(sched::kClockKey, sched::Access::write);
    rt.engine().clock().cancel(timer);
    done.close_nowait();
    for (ContextState* c : std::vector<ContextState*>(children)) c->cancel(rt, why);
    children.clear();
    if (parent != nullptr) {
      auto& sib = parent->children;
      sib.erase(std::remove(sib.begin(), sib.end(), this), sib.end());
    }
  }

  static void expire(void* self) {
    static_cast<ContextState*>(self)->cancel(Runtime::get("context deadline"), ContextError::deadline_exceeded);
  }

  static std::string describe(const void* self, std::uint32_t id) {
    auto* c = static_cast<const ContextState*>(self);
    std::string s = "context#" + std::to_string(id);
    s += c->err == ContextError::none ? " (live)" : c->err == ContextError::canceled ? " (canceled)" : " (deadline exceeded)";
    return s;
  }
};

ContextState* new_child(Runtime& rt, ContextState* parent) {
  auto* c = new ContextState;
  rt.engine().own(c, [](void* p) { delete static_cast<ContextState*>(p); });
  c->id = rt.add_object(ObjKind::context, c, &ContextState::describe);
  c->serial = rt.serial();
  c->done = make_chan<Unit>();
  c->parent = parent;
  if (parent != nullptr) {
    rt.touch(parent->id, sched::Access::write);
    c->deadline = parent->deadline;
    if (parent->err != ContextError::none) c->cancel(rt, parent->err);
    else parent->children.push_back(c);
  }
  return c;
}

}  // namespace detail

Chan<Unit> Context::done() const { return s_ ? s_->done : Chan<Unit>(); }

ContextError Context::err(std::source_location where) const {
  if (!s_) return ContextError::none;
  auto& rt = detail::Runtime::get("Context::err");
  if (!rt.inert()) rt.point(detail::Op::ctx_err, s_->id, where);
  return s_->err;
}

std::optional<TimePoint> Context::deadline() const {
  if (!s_ || !s_->deadline) return std::nullopt;
  return TimePoint(*s_->deadline);
}

void CancelFunc::operator()(std::source_location where) const {
  if (!s_) return;
  auto& rt = detail::Runtime::get("CancelFunc");
  if (rt.inert()) return;
  rt.point(detail::Op::ctx_cancel, s_->id, where);
  s_->cancel(rt, ContextError::canceled);
}

std::pair<Context, CancelFunc> with_cancel(const Context& parent, std::source_location where) {
  (void)where;
  auto& rt = detail::Runtime::get("with_cancel");
  detail::ContextState* c = detail::new_child(rt, parent.s_);
  return {Context(c), CancelFunc(c)};
}

std::pair<Context, CancelFunc> with_deadline(const Context& parent, TimePoint tp, std::source_location where) {
  (void)where;
  auto& rt = detail::Runtime::get("with_deadline");
  detail::ContextState* c = detail::new_child(rt, parent.s_);
  const Duration at = tp.time_since_epoch();
  if (c->err == ContextError::none && (!c->deadline || at < *c->deadline)) {
    // An earlier deadline than the parent's is this context's own; a later one is moot.
    c->deadline = at;
    if (at <= rt.engine().clock().now()) {
      c->cancel(rt, ContextError::deadline_exceeded);
    } else {
      c->timer = rt.engine().clock().add(at, &detail::ContextState::expire, c, c->done.id());
    }
  }
  return {Context(c), CancelFunc(c)};
}

std::pair<Context, CancelFunc> with_timeout(const Context& parent, Duration d, std::source_location where) {
  auto& rt = detail::Runtime::get("with_timeout");
  return with_deadline(parent, TimePoint(rt.engine().clock().now() + d), where);
}

}  // namespace weft
