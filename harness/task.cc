#include "harness/task.h"

#include <stdexcept>
#include <string>

#include "harness/panic.h"

namespace weft {

void go(std::function<void()> fn, std::source_location where) { go(std::string(), std::move(fn), where); }

void go(std::string name, std::function<void()> fn, std::source_location where) {
  auto& rt = detail::Runtime::get("go");
  if (rt.inert()) return;  // no new tasks while the execution is being unwound
  if (!fn) detail::panic("go: empty function", where);
  rt.point(detail::Op::spawn, 0, where);
  sched::Task& t = rt.engine().spawn(nullptr, std::move(name), std::move(fn), where);
  if (rt.tracing()) rt.note("spawned " + t.id);
}

void yield(std::source_location where) {
  auto& rt = detail::Runtime::get("yield");
  if (rt.inert()) return;
  rt.engine().poll();
  rt.point(detail::Op::yield, 0, where);
}

std::size_t choose(std::size_t n, std::source_location where) {
  auto& rt = detail::Runtime::get("choose");
  if (rt.inert()) return 0;
  if (n == 0) detail::panic("choose(0): there must be at least one alternative", where);
  rt.point(detail::Op::choose, 0, where);
  const std::size_t r =
      rt.engine().choose(sched::ChoiceKind::choose, static_cast<std::uint8_t>(detail::Op::choose), n);
  if (rt.tracing()) rt.note("chose " + std::to_string(r) + " of " + std::to_string(n));
  return r;
}

std::size_t live_tasks() {
  auto& rt = detail::Runtime::get("live_tasks");
  rt.touch(sched::kLifeKey, sched::Access::read);
  return rt.engine().live_tasks();
}

std::string dump_tasks() {
  auto& rt = detail::Runtime::get("dump_tasks");
  rt.touch(sched::kLifeKey, sched::Access::read);
  for (const sched::Task* t : rt.engine().tasks()) rt.touch(sched::task_key(t->index), sched::Access::read);
  std::string out;
  for (const sched::Task* t : rt.engine().tasks()) {
    if (t->state == sched::TaskState::done) continue;
    out += "task " + t->id;
    if (!t->name.empty()) out += " \"" + t->name + "\"";
    const auto kind = t->state == sched::TaskState::blocked ? static_cast<WaitKind>(t->wait.kind)
                                                             : WaitKind::running;
    out += " [";
    out += to_string(kind);
    out += "]";
    if (t->state == sched::TaskState::blocked && t->wait.object != 0) {
      out += " on " + rt.describe(t->wait.object);
    }
    out += " at " + std::string(t->wait.where.file_name()) + ":" + std::to_string(t->wait.where.line());
    out += ", spawned at " + std::string(t->spawned_at.file_name()) + ":" +
           std::to_string(t->spawned_at.line()) + "\n";
  }
  return out;
}

}  // namespace weft
