#include "harness/group.h"

#include <exception>
#include <string>

#include "harness/detail/sync_object.h"
#include "harness/task.h"

namespace weft {
namespace detail {

struct GroupState {
  Context ctx;
  CancelFunc cancel;
  std::exception_ptr first;
  long running = 0;
  int limit = 0;
  Chan<Unit> slots;  // a token per running task when limited
  sched::WaitQueue waiters;
  std::uint32_t id = 0;
  std::uint64_t serial = 0;

  ~GroupState() { Runtime::forget_if_current(id, serial); }

  static std::string describe(const void* self, std::uint32_t id) {
    auto* g = static_cast<const GroupState*>(self);
    return "group#" + std::to_string(id) + " (" + std::to_string(g->running) + " running)";
  }
};

}  // namespace detail

Group::Group(const Context& parent, std::source_location where) {
  (void)where;
  auto& rt = detail::Runtime::get("Group");
  s_ = new detail::GroupState;
  rt.engine().own(s_, [](void* p) { delete static_cast<detail::GroupState*>(p); });
  s_->id = rt.add_object(detail::ObjKind::group, s_, &detail::GroupState::describe);
  s_->serial = rt.serial();
  auto [ctx, cancel] = with_cancel(parent);
  s_->ctx = ctx;
  s_->cancel = cancel;
}

Context Group::context() const { return s_->ctx; }

void Group::set_limit(int n) {
  auto& rt = detail::Runtime::get("Group::set_limit");
  (void)rt;
  if (s_->running > 0) detail::panic("errgroup: set_limit called while tasks of the group are running",
                                     std::source_location::current());
  s_->limit = n;
  s_->slots = n > 0 ? make_chan<Unit>(static_cast<std::size_t>(n)) : Chan<Unit>();
}

void Group::go(std::function<void()> fn, std::source_location where) {
  auto& rt = detail::Runtime::get("Group::go");
  if (rt.inert()) return;
  rt.point(detail::Op::group_go, s_->id, where);
  detail::GroupState* g = s_;
  if (g->limit > 0) g->slots.send(Unit{}, where);  // blocks while the group is full
  ++g->running;
  weft::go([g, fn = std::move(fn)] {
    try {
      fn();
    } catch (const sched::Unwind&) {
      throw;  // the execution is ending: not the task's failure
    } catch (...) {
      // Which failure wait() rethrows is decided here, with no scheduling point of its
      // own: logged as a write of the group, so the reduced search also lets another
      // failing task come first.
      detail::Runtime::get("Group task").touch(g->id, sched::Access::write);
      if (!g->first) {
        g->first = std::current_exception();
        g->cancel();
      }
    }
    auto& rt = detail::Runtime::get("Group task");
    if (g->limit > 0) g->slots.recv();
    // wait() reads the count: as for WaitGroup, decrements commute, and a waiter they
    // release acquires the count when it resumes.
    rt.touch(g->id, sched::Access::add);
    if (--g->running == 0) detail::wake_all(rt, g->waiters);
  }, where);
}

void Group::wait(std::source_location where) {
  auto& rt = detail::Runtime::get("Group::wait");
  if (rt.inert()) return;
  rt.point(detail::Op::group_wait, s_->id, where);
  if (s_->running > 0) {
    s_->waiters.push(rt.self());
    rt.block(WaitKind::group_wait, s_->id, where);
  }
  rt.touch(s_->id, sched::Access::acquire);
  s_->cancel(where);
  if (s_->first) std::rethrow_exception(s_->first);
}

}  // namespace weft
