#include "harness/detail/runtime.h"

#include "harness/chan.h"
#include "harness/mutex.h"
#include "harness/waitgroup.h"

#include <stdexcept>
#include <string>

#include "harness/detail/stack.h"
#include "harness/panic.h"

namespace weft::detail {
namespace {
const std::vector<std::string> kNoStack;
}  // namespace

namespace {
bool op_ready(void* rt, const sched::Task& t) { return static_cast<const Runtime*>(rt)->ready(t); }
void op_pending(void* rt, const sched::Task& t, std::vector<sched::AccessRec>& out) {
  static_cast<const Runtime*>(rt)->pending(t, out);
}
}  // namespace

Runtime::Runtime(sched::Engine& e) noexcept : engine_(e), previous_(tl_) {
  tl_ = this;
  engine_.set_model(&op_ready, &op_pending, this, op_access_table());
}

bool Runtime::ready(const sched::Task& t) const noexcept {
  const std::uint8_t op = t.pending_op;
  if (op == static_cast<std::uint8_t>(Op::select) && t.pending_detail != nullptr) {
    const auto* s = static_cast<const RecvSelect*>(t.pending_detail);
    for (std::size_t i = 0; i < s->n; ++i) {
      if (s->chans[i] != nullptr && s->chans[i]->recv_enabled()) return true;
    }
    return false;
  }
  const std::uint32_t id = t.pending_object;
  if (id == 0 || id > objects_.size() || objects_[id - 1].state == nullptr) return true;
  const Object& o = objects_[id - 1];
  if (op == static_cast<std::uint8_t>(Op::chan_recv) && o.kind == ObjKind::chan) {
    return static_cast<const ChanCore*>(o.state)->recv_enabled();
  }
  if (op == static_cast<std::uint8_t>(Op::mutex_lock) && o.kind == ObjKind::mutex) return Mutex::lock_ready(o.state);
  if (op == static_cast<std::uint8_t>(Op::wg_wait) && o.kind == ObjKind::waitgroup) {
    return WaitGroup::wait_ready(o.state);
  }
  return true;
}

void Runtime::pending(const sched::Task& t, std::vector<sched::AccessRec>& out) const {
  const std::uint8_t op = t.pending_op;
  if (op == static_cast<std::uint8_t>(Op::select)) {
    if (const auto* s = static_cast<const RecvSelect*>(t.pending_detail)) {
      for (std::size_t i = 0; i < s->n; ++i) {
        if (s->chans[i] != nullptr) out.push_back({s->chans[i]->id, sched::Access::lock});
      }
    }
    return;
  }
  // The operations ready() may refuse, touching their object as the access table says.
  if (t.pending_object == 0) return;
  if (op == static_cast<std::uint8_t>(Op::chan_recv) || op == static_cast<std::uint8_t>(Op::mutex_lock) ||
      op == static_cast<std::uint8_t>(Op::wg_wait)) {
    out.push_back({t.pending_object, static_cast<sched::Access>(op_access_table()[op])});
  }
}

Runtime::~Runtime() { tl_ = previous_; }

void Runtime::outside(const char* what) {
  throw std::logic_error(std::string("weft: ") + what +
                         " used outside weft::explore: weft's shims only work inside an explored "
                         "body (weft::explore(options, body) or a WEFT_TEST)");
}

Runtime* Runtime::current() noexcept {
  return sched::Engine::current() != nullptr ? tl_ : nullptr;
}

void Runtime::begin_execution() {
  ++serial_;
  objects_.clear();
  for (auto& s : stacks_) s.clear();
}

std::uint32_t Runtime::add_object(ObjKind kind, const void* state, DescribeFn describe) {
  const std::uint32_t id = engine_.new_object();
  if (objects_.size() < id) objects_.resize(id, Object{kind, nullptr, nullptr});
  objects_[id - 1] = Object{kind, state, describe};
  return id;
}

void Runtime::forget(std::uint32_t id) noexcept {
  if (id >= 1 && id <= objects_.size()) objects_[id - 1].state = nullptr;
}

void Runtime::forget_if_current(std::uint32_t id, std::uint64_t serial) noexcept {
  if (tl_ != nullptr && tl_->serial_ == serial) tl_->forget(id);
}

ObjKind Runtime::kind_of(std::uint32_t id) const noexcept {
  return (id >= 1 && id <= objects_.size()) ? objects_[id - 1].kind : ObjKind::chan;
}

std::string Runtime::describe(std::uint32_t id) const {
  if (id == 0 || id > objects_.size()) return {};
  const Object& o = objects_[id - 1];
  if (o.state == nullptr || o.describe == nullptr) return "object#" + std::to_string(id) + " (destroyed)";
  return o.describe(o.state, id);
}

// In the traced re-run an operation reached through a std header (std::lock_guard)
// is attributed to the user's line, found on the task's stack.
void Runtime::traced_point(Op op, std::uint32_t object, const std::source_location& where, bool may_unwind) {
  if (!engine_.inert() && is_system_file(where.file_name())) {
    if (auto at = user_location()) engine_.display_next_step_at(*at);
  }
  engine_.point(static_cast<std::uint8_t>(op), object, where, may_unwind);
}

std::vector<std::string> Runtime::describe_all(ObjKind kind) const {
  std::vector<std::string> out;
  for (std::uint32_t id = 1; id <= objects_.size(); ++id) {
    const Object& o = objects_[id - 1];
    if (o.kind == kind && o.state != nullptr) out.push_back(o.describe(o.state, id));
  }
  return out;
}

std::uintptr_t Runtime::block(WaitKind kind, std::uint32_t object, const std::source_location& where) {
  if (engine_.tracing()) {
    const std::uint32_t t = engine_.self().index;
    if (stacks_.size() <= t) stacks_.resize(t + 1);
    stacks_[t] = capture_stack();
    if (is_system_file(where.file_name())) {
      if (auto at = user_location()) engine_.display_next_step_at(*at);
    }
  }
  return engine_.block(sched::WaitInfo{static_cast<std::uint8_t>(kind), object, where});
}

void Runtime::block_forever(WaitKind kind, std::uint32_t object, const std::source_location& where) {
  for (;;) block(kind, object, where);  // nothing ever wakes it; unwinding throws out
}

const std::vector<std::string>& Runtime::stack_of(std::uint32_t task) const {
  return task < stacks_.size() ? stacks_[task] : kNoStack;
}

void panic(std::string message, const std::source_location& where) {
  throw Panic(std::move(message), where);
}

}  // namespace weft::detail
