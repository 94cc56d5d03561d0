#include "harness/detail/outcome.h"

#include <cxxabi.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <deque>
#include <exception>
#include <memory>
#include <set>
#include <typeinfo>

#include "harness/detail/stack.h"
#include "harness/panic.h"

namespace weft::detail {
namespace {

std::string where_str(const std::source_location& w) {
  return std::string(w.file_name()) + ":" + std::to_string(w.line());
}

std::string task_label(const TaskReport& t) {
  return t.name.empty() ? t.id : t.id + " \"" + t.name + "\"";
}

std::string current_exception_type() {
  const std::type_info* ti = abi::__cxa_current_exception_type();
  if (ti == nullptr) return "unknown exception";
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(ti->name(), nullptr, nullptr, &status),
                                              std::free);
  return status == 0 && name ? name.get() : ti->name();
}

// When a lock is taken through std::lock_guard, the location is inside <mutex>; the
// traced stack tells the user's line.
void locate_in_user_code(TaskReport& r) {
  if (!is_system_file(r.waiting_at.file_name())) return;
  for (const std::string& s : r.stack) {
    const Frame f = parse_frame(s);
    if (!f.file.empty() && f.line != 0 && !is_system_file(f.file)) {
      r.waiting_at = make_location(f.file, f.line, f.function);
      return;
    }
  }
}

}  // namespace

std::source_location make_location(const std::string& file, unsigned line, const std::string& function) {
  // Mirrors libstdc++'s std::source_location::__impl; interned so it lives as long as
  // any report that points to it.
  struct Impl {
    const char* file;
    const char* function;
    unsigned line;
    unsigned column;
  };
  static_assert(sizeof(std::source_location) == sizeof(const Impl*));
  static std::set<std::string> strings;
  static std::deque<Impl> impls;
  const char* f = strings.insert(file).first->c_str();
  const char* fn = strings.insert(function).first->c_str();
  impls.push_back(Impl{f, fn, line, 0});
  return std::bit_cast<std::source_location>(&impls.back());
}

std::string Outcome::signature() const {
  std::string s(to_string(kind));
  if (kind == FailureKind::leak || kind == FailureKind::deadlock || kind == FailureKind::livelock) {
    std::vector<std::string> parts = sites;
    std::sort(parts.begin(), parts.end());
    for (const auto& p : parts) s += "|" + p;
  } else {
    s += "|" + message;
  }
  return s;
}

std::string hint_for(const TaskReport& t, FailureKind kind, bool ticker_only) {
  if (ticker_only) {
    return "a loop woken only by a Ticker nobody stops: stop the ticker when done (ticker.stop()) and "
           "return on ctx.done() (call cancel when the owner shuts down)";
  }
  const bool leak = kind == FailureKind::leak;
  switch (t.wait) {
    case WaitKind::chan_send:
      return leak ? "sender outlived every receiver: buffer the channel by the number of senders, or "
                    "select on ctx.done()"
                  : "send that no receiver takes: receive on another task, or buffer the channel";
    case WaitKind::chan_recv:
      return leak ? "receiver on a channel nobody sends on or closes: close the channel when the producer "
                    "is done, or select on ctx.done()"
                  : "caller waits without a timeout: use with_timeout and select on ctx.done(), and give "
                    "the worker a buffered result channel so it never blocks";
    case WaitKind::nil_chan:
      return "operation on a nil channel blocks forever: create it with make_chan<T>() before use (a nil "
             "channel only makes sense to disable a select case)";
    case WaitKind::select:
      return leak ? "select with no case that can ever be ready: add a case on ctx.done() and call cancel "
                    "when the owner shuts down"
                  : "select with no case that can ever be ready: add a timeout (after(d) or "
                    "with_timeout) or a ctx.done() case";
    case WaitKind::mutex_lock:
    case WaitKind::rwmutex_lock:
      return "mutex held across a blocking operation or never unlocked: release it before blocking "
             "(narrow the scoped lock), and unlock on every path";
    case WaitKind::rwmutex_rlock:
      return "read lock requested while a writer waits (RWMutex prefers writers): never take the read "
             "lock recursively; release it before anything that may wait for a writer";
    case WaitKind::condvar_wait:
      return "CondVar.wait with no notify to come: change the condition and notify under the lock, and "
             "wait in a loop on the predicate";
    case WaitKind::waitgroup_wait:
      return "WaitGroup.wait whose counter never reaches zero: call done() on every path (RAII guard) "
             "and add() before starting the task";
    case WaitKind::once_wait:
      return "Once.call entered again while its function runs (recursion or a cycle)";
    case WaitKind::group_wait:
      return "Group.wait on a task that never returns: pass group.context() to the tasks and return on "
             "ctx.done()";
    case WaitKind::sleep:
      return "sleeping task: bound the sleep with a context (select on ctx.done() and after(d))";
    case WaitKind::running:
      return leak ? "task never blocks (a for { select { default: } } spin, or polling): block on "
                    "ctx.done() instead of polling"
                  : "";
  }
  return "";
}

Outcome classify(sched::Engine& engine, Runtime& rt, const Options& options, const std::string& divergence) {
  Outcome o;
  using sched::EndReason;
  const EndReason end = engine.end_reason();
  const bool ticker_only = end == EndReason::ticker_leak;
  auto unfinished = [&](bool skip_ignored) {
    o.sites.clear();
    std::vector<TaskReport> out;
    for (const sched::Task* t : engine.tasks()) {
      if (t->state == sched::TaskState::done) continue;
      if (skip_ignored && !t->name.empty() &&
          std::find(options.ignore.begin(), options.ignore.end(), t->name) != options.ignore.end()) {
        continue;
      }
      TaskReport r;
      r.id = t->id;
      r.name = t->name;
      const bool blocked = t->state == sched::TaskState::blocked;
      r.wait = blocked ? static_cast<WaitKind>(t->wait.kind) : WaitKind::running;
      r.object = t->wait.object ? rt.describe(t->wait.object) : std::string();
      r.spawned_at = t->spawned_at;
      r.waiting_at = t->wait.where;
      r.stack = rt.stack_of(t->index);
      o.sites.push_back(r.id + "@" + std::string(to_string(r.wait)) + "@" + where_str(r.waiting_at));
      locate_in_user_code(r);
      out.push_back(std::move(r));
    }
    return out;
  };

  switch (end) {
    case EndReason::running:
    case EndReason::all_done:
      return o;
    case EndReason::pruned:
      o.pruned = true;
      return o;
    case EndReason::diverged:
      o.failed = true;
      o.kind = FailureKind::nondeterminism;
      o.message = "the schedule no longer matches the program: " +
                  (divergence.empty() ? std::string("a choice was out of range") : divergence);
      return o;
    case EndReason::failed: {
      o.failed = true;
      const std::string who = engine.error_task() ? engine.error_task()->id : std::string("?");
      try {
        std::rethrow_exception(engine.error());
      } catch (const Panic& p) {
        o.kind = FailureKind::panic;
        o.message = "panic in task " + who + ": " + p.what() + " at " + where_str(p.where());
      } catch (const AssertionFailure& a) {
        o.kind = FailureKind::assertion;
        o.message = std::string(a.what()) + " (task " + who + ")";
      } catch (const std::exception& e) {
        o.kind = FailureKind::exception;
        o.message = "task " + who + " threw " + current_exception_type() + ": " + e.what();
      } catch (...) {
        o.kind = FailureKind::exception;
        o.message = "task " + who + " threw " + current_exception_type();
      }
      o.tasks = unfinished(false);
      return o;
    }
    case EndReason::stuck:
    case EndReason::step_budget:
    case EndReason::ticker_leak:
      break;
  }
  const bool main_done = engine.main_done();
  o.tasks = unfinished(main_done);
  if (main_done && o.tasks.empty()) return o;  // only ignored tasks outlived the body
  o.failed = true;
  o.kind = !main_done ? (end == EndReason::step_budget ? FailureKind::livelock : FailureKind::deadlock)
                      : FailureKind::leak;
  for (TaskReport& t : o.tasks) t.hint = hint_for(t, o.kind, ticker_only);
  const TaskReport& first = o.tasks.front();
  const std::string first_desc = task_label(first) + " " +
                                 (first.wait == WaitKind::running ? std::string("still running")
                                                                  : "blocked on " + std::string(to_string(first.wait))) +
                                 (first.object.empty() ? "" : " (" + first.object + ")") + " at " +
                                 where_str(first.waiting_at);
  const std::string count = std::to_string(o.tasks.size()) + (o.tasks.size() == 1 ? " task" : " tasks");
  switch (o.kind) {
    case FailureKind::leak:
      if (end == EndReason::ticker_leak) {
        std::string by;
        for (const std::string& d : rt.describe_all(ObjKind::ticker)) by += (by.empty() ? "" : ", ") + d;
        if (by.empty()) by = "timers";
        o.message = count + " still running after the body returned, woken only by " + by + " (" +
                    std::to_string(engine.measure().timer_firings) + " firings, none ending a task); " + first_desc;
      } else if (end == EndReason::step_budget) {
        o.message = count + " never terminated after the body returned (step budget of " +
                    std::to_string(options.max_steps) + " steps ran out); " + first_desc;
      } else {
        o.message = count + " blocked forever after the body returned; " + first_desc;
      }
      break;
    case FailureKind::deadlock:
      o.message = "the body is blocked and nothing can ever wake it; " + first_desc;
      break;
    default:
      o.message = "the step budget (" + std::to_string(options.max_steps) +
                  " steps) ran out before the body returned: tasks keep running without progress; " + first_desc +
                  " (raise WEFT_MAX_STEPS if the body is just long)";
      break;
  }
  return o;
}

void note_unwinding(Outcome& outcome, sched::Engine& engine) {
  for (const sched::Task* t : engine.tasks()) {
    if (!t->swallowed_unwind) continue;
    const std::string note = "task " + t->id +
                             " swallowed weft's unwinding exception: a catch (...) must rethrow it";
    if (outcome.failed) {
      outcome.message += "; " + note;
    } else {
      outcome.failed = true;
      outcome.kind = FailureKind::exception;
      outcome.message = note;
    }
  }
}

std::vector<TraceEntry> make_trace(const sched::Engine& engine, const Runtime& rt) {
  static constexpr const char* kKinds[] = {"chan",  "mutex", "rwmutex", "condvar", "waitgroup", "once",
                                           "atomic", "timer", "ticker",  "context", "group"};
  std::vector<TraceEntry> out;
  const auto tasks = engine.tasks();
  std::uint64_t n = 0;
  for (const sched::TraceStep& s : engine.trace()) {
    TraceEntry e;
    e.step = ++n;
    e.where = s.where;
    e.preempted = s.preempted;
    if (s.object != 0) {
      e.object = std::string(kKinds[static_cast<int>(rt.kind_of(s.object))]) + "#" + std::to_string(s.object);
    }
    switch (s.kind) {
      case sched::TraceStep::Kind::op:
        e.task = tasks[s.task]->id;
        e.operation = std::string(op_name(s.op));
        e.result = s.note;
        break;
      case sched::TraceStep::Kind::block:
        e.task = tasks[s.task]->id;
        e.operation = std::string(op_name(s.op));
        e.result = s.note.empty() ? "blocked" : "blocked, " + s.note;
        break;
      case sched::TraceStep::Kind::wake:
        e.task = tasks[s.task]->id;
        e.operation = "woken";
        e.result = s.note;
        e.where = {};
        break;
      case sched::TraceStep::Kind::timer:
        e.operation = "timer fired";
        e.result = s.note;
        break;
      case sched::TraceStep::Kind::exit:
        e.task = tasks[s.task]->id;
        e.operation = "exit";
        e.result = "terminated";
        e.where = {};
        break;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace weft::detail
