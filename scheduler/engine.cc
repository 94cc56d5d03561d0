#include "scheduler/engine.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace weft::sched {

Engine::Engine() : stacks_(EngineConfig{}.stack_size) {
  runnable_.reserve(64);
  candidates_.reserve(64);
  choices_.reserve(1024);
}

Engine::~Engine() = default;

// ---------------------------------------------------------------- running

void Engine::run(const EngineConfig& config, Strategy& strategy, std::function<void()> body,
                 std::source_location where) {
  config_ = config;
  if (config_.log != nullptr) {
    config_.enabled_only = true;
    config_.log->clear();
  }
  strategy_ = &strategy;
  stacks_.resize(config.stack_size);
  task_count_ = done_count_ = 0;
  pollers_ = 0;
  order_.clear();
  runnable_.clear();
  choices_.clear();
  trace_.clear();
  measure_ = Measure{};
  end_ = EndReason::running;
  main_done_ = unwinding_ = false;
  error_ = nullptr;
  error_task_ = nullptr;
  failure_pending_ = false;
  objects_ = 0;
  fires_since_exit_ = 0;
  clock_.reset();
  current_ = this;
  tl_active_log = config_.log;

  Task& main = spawn(nullptr, "", std::move(body), where);
  if (config_.log != nullptr) {
    // Main's first event is a node of the search like any other.
    bool runnable = false;
    if (decide_enabled(nullptr, runnable, 0, false) == kPrune) end(EndReason::pruned);
  }
  running_ = &main;
  main.last_ran = 0;
  Fiber::switch_to(engine_fiber_, main.fiber);
  arrived();
  if (failure_pending_ && end_ != EndReason::pruned && end_ != EndReason::diverged) end_ = EndReason::failed;
  if (config_.log != nullptr && clock_.pending() != 0 && end_ != EndReason::pruned) {
    // Timers still pending when the execution ended could have fired earlier: the
    // search sees one more clock event touching what they would have, so that races
    // with it are reversed (an execution is maximal only once its clock is done too).
    config_.log->begin(kClockThread, -1);
    config_.log->add(kClockKey, Access::write);
    clock_.for_each_pending([&](std::uint32_t object) {
      if (object != 0) config_.log->add(object, Access::write);
    });
  }
}

void Engine::finish() {
  unwinding_ = true;
  tl_active_log = nullptr;
  // Newest first: children were created after their parents, so they go first.
  for (std::size_t i = task_count_; i-- > 0;) {
    Task& t = *tasks_[i];
    if (t.state == TaskState::done) continue;
    if (!t.started) {
      t.state = TaskState::done;
      ++done_count_;
      t.fn = nullptr;
      stacks_.release(t.stack);
      t.stack = {};
      continue;
    }
    t.unwind = true;
    running_ = &t;
    Fiber::switch_to(engine_fiber_, t.fiber);
    arrived();
  }
  running_ = nullptr;
  runnable_.clear();
  clock_.reset();
  // Execution-owned objects go last: unwound tasks may still have used them.
  while (!owned_.empty()) {
    auto [p, destroy] = owned_.back();
    owned_.pop_back();
    destroy(p);
  }
  unwinding_ = false;
  current_ = nullptr;
}

Schedule Engine::schedule() const {
  Schedule s;
  s.enabled_only = config_.enabled_only;
  std::vector<std::uint32_t> slot(task_count_, std::numeric_limits<std::uint32_t>::max());
  s.choices.reserve(choices_.size());
  for (Choice c : choices_) {
    if (c.kind == ChoiceKind::task) {
      if (slot[c.value] == std::numeric_limits<std::uint32_t>::max()) {
        slot[c.value] = static_cast<std::uint32_t>(s.tasks.size());
        s.tasks.push_back(tasks_[c.value]->id);
      }
      c.value = slot[c.value];
    }
    s.choices.push_back(c);
  }
  return s;
}

// ---------------------------------------------------------------- tasks

Task& Engine::spawn(Task* parent, std::string name, std::function<void()> fn,
                    std::source_location where) {
  if (parent == nullptr && task_count_ > 0) parent = running_;
  if (task_count_ == tasks_.size()) tasks_.push_back(std::make_unique<Task>());
  Task& t = *tasks_[task_count_];
  t.index = static_cast<std::uint32_t>(task_count_++);
  order_.push_back(&t);
  t.parent = parent;
  t.children = 0;
  if (parent) {
    t.id = parent->id;
    t.id += '.';
    t.id += std::to_string(++parent->children);
  } else {
    t.id = "main";
  }
  t.name = std::move(name);
  t.spawned_at = where;
  t.state = TaskState::runnable;
  t.wait = WaitInfo{0, 0, where};
  t.epoch = 0;
  t.wake_token = 0;
  t.last_ran = measure_.steps;
  t.yielded_at = 0;
  t.pending_op = 0;
  t.pending_object = 0;
  t.pending_detail = nullptr;
  t.pending_fp.clear();
  t.at_point = false;
  t.committing = false;
  t.cause = config_.log != nullptr ? config_.log->current() : -1;
  access(kLifeKey, Access::add);
  t.started = t.unwind = t.swallowed_unwind = t.unwind_deferred = false;
  t.fn = std::move(fn);
  t.stack = stacks_.acquire();
  t.fiber.create(t.stack, &Engine::task_entry, &t);
  runnable_.push_back(&t);  // newest has the largest index: order is kept
  return t;
}

void Engine::task_entry(void* arg) noexcept {
  Task* t = static_cast<Task*>(arg);
  Engine* e = current_;
  e->arrived();
  t->started = true;
  if (e->config_.log != nullptr && !t->unwind) e->begin_task_event(*t);
  if (!t->unwind) {
    try {
      t->fn();
      if (t->unwind && !t->unwind_deferred) t->swallowed_unwind = true;
    } catch (const Unwind&) {
      // The execution ended while this task was parked: expected.
    } catch (...) {
      if (!e->unwinding_ && e->end_ == EndReason::running && !e->failure_pending_) {
        e->error_ = std::current_exception();
        e->error_task_ = t;
        if (e->config_.log != nullptr) e->failed_logged();
        else e->end_ = EndReason::failed;
      }
    }
  }
  try {
    t->fn = nullptr;  // captured state dies on the task's own stack, shims still usable
  } catch (...) {
  }
  e->exit_current();
}

void Engine::exit_current() noexcept {
  Task* t = running_;
  t->state = TaskState::done;
  ++done_count_;
  clear_poll(*t);
  remove_runnable(*t);
  if (t->index == 0) main_done_ = true;
  fires_since_exit_ = 0;
  if (!unwinding_) {
    access(kClockKey, Access::add);  // the ticker-leak rule counts exits between firings
    access(kLifeKey, Access::add);
  }
  if (config_.tracing && !unwinding_) {
    trace_.push_back(TraceStep{TraceStep::Kind::exit, measure_.steps, t->index, 0, 0, t->wait.where, false, {}});
  }
  zombie_ = t;
  Task* next = nullptr;
  if (!unwinding_ && end_ == EndReason::running) next = pick_next(t, false);
  if (next == nullptr) {
    running_ = nullptr;
    Fiber::exit_to(t->fiber, engine_fiber_);
  }
  running_ = next;
  next->last_ran = measure_.steps;
  ++measure_.switches;
  Fiber::exit_to(t->fiber, next->fiber);
}

void Engine::arrived() noexcept {
  if (zombie_ != nullptr) {
    stacks_.release(zombie_->stack);
    zombie_->stack = {};
    zombie_ = nullptr;
  }
}

void Engine::remove_runnable(Task& t) noexcept {
  auto it = std::lower_bound(runnable_.begin(), runnable_.end(), &t,
                             [](const Task* a, const Task* b) { return a->index < b->index; });
  if (it != runnable_.end() && *it == &t) runnable_.erase(it);
}

// ---------------------------------------------------------------- switching

void Engine::switch_to(Task& next) noexcept {
  Task* cur = running_;
  running_ = &next;
  next.last_ran = measure_.steps;
  ++measure_.switches;
  Fiber::switch_to(cur ? cur->fiber : engine_fiber_, next.fiber);
  arrived();
}

bool Engine::park_at_point(bool may_unwind) {
  Task* cur = running_;
  running_ = nullptr;
  Fiber::switch_to(cur->fiber, engine_fiber_);
  arrived();
  // Only finish() resumes a task parked here, to unwind it.
  if (may_unwind) throw Unwind{};
  cur->unwind_deferred = true;
  return false;
}

void Engine::park() {
  Task* cur = running_;
  running_ = nullptr;
  Fiber::switch_to(cur->fiber, engine_fiber_);
  arrived();
  // Only finish() resumes a task parked here, to unwind it.
  throw Unwind{};
}

void Engine::end(EndReason r) noexcept {
  if (end_ == EndReason::running) end_ = r;
}

// ---------------------------------------------------------------- shim entry points

void Engine::point(std::uint8_t op, std::uint32_t object, const std::source_location& where, bool may_unwind) {
  if (unwinding_) {
    if (may_unwind && running_ != nullptr && running_->unwind_deferred) throw Unwind{};
    return;
  }
  Task* cur = running_;
  ++measure_.steps;
  cur->pending_op = op;
  cur->wait = WaitInfo{0, object, where};
  if (measure_.steps > config_.max_steps) {
    end(EndReason::step_budget);
    if (!park_at_point(may_unwind)) return;
  }
  if (config_.enabled_only) [[unlikely]] {
    cur->pending_object = object;
    cur->at_point = true;
    if (config_.log != nullptr) {
      cur->pending_fp.clear();
      if (pending_ != nullptr) pending_(ready_ctx_, *cur, cur->pending_fp);
    }
  }
  if (runnable_.size() > 1 || clock_.pending() != 0 || config_.log != nullptr) {
    Task* next = pick_next(cur, true);
    if (next == nullptr && !park_at_point(may_unwind)) return;
    if (next != nullptr && next != cur) {
      switch_to(*next);
      if (cur->unwind) {
        if (may_unwind) throw Unwind{};
        cur->unwind_deferred = true;
        return;
      }
    }
  }
  if (config_.enabled_only) [[unlikely]] {
    cur->at_point = false;
    if (config_.log != nullptr) {
      begin_task_event(*cur);
      const std::int8_t kind = op_access_ != nullptr ? op_access_[op & 63] : -1;
      if (kind >= 0 && object != 0) access(object, static_cast<Access>(kind));
    }
  }
  clear_poll(*cur);
  if (config_.tracing) {
    trace_.push_back(TraceStep{TraceStep::Kind::op, measure_.steps, cur->index, op, object,
                               display_where_.value_or(where), cur->preempted_in, {}});
    display_where_.reset();
  }
  cur->preempted_in = false;
}

std::uintptr_t Engine::block(const WaitInfo& wait) {
  if (unwinding_) return 0;
  Task* cur = running_;
  cur->state = TaskState::blocked;
  clear_poll(*cur);
  cur->wait = wait;
  cur->wake_token = 0;
  remove_runnable(*cur);
  // Blocking enables the wakes of this task as an unlock enables a lock, and wakes
  // compete as locks do (see event_log.h): the wake is not ordered after the block.
  access(task_key(cur->index), Access::unlock);
  if (config_.tracing) {
    trace_.push_back(TraceStep{TraceStep::Kind::block, measure_.steps, cur->index, cur->pending_op,
                               wait.object, display_where_.value_or(wait.where), false, {}});
    display_where_.reset();
  }
  // Firing a timer may wake this very task (sleep): then it simply goes on.
  Task* next = pick_next(cur, false);
  if (next == nullptr) park();
  if (next != cur) {
    switch_to(*next);
    if (cur->unwind) throw Unwind{};
  }
  if (config_.log != nullptr) begin_task_event(*cur);
  cur->preempted_in = false;
  return cur->wake_token;
}

void Engine::wake(Task& t, std::uintptr_t token) noexcept {
  if (t.state != TaskState::blocked) return;
  t.state = TaskState::runnable;
  t.committing = false;
  t.wake_token = token;
  ++t.epoch;  // every other registration of this wait is now stale
  t.wait.kind = 0;
  if (config_.log != nullptr) {
    config_.log->add(task_key(t.index), Access::lock);
    t.cause = config_.log->current();
  }
  auto it = std::lower_bound(runnable_.begin(), runnable_.end(), &t,
                             [](const Task* a, const Task* b) { return a->index < b->index; });
  runnable_.insert(it, &t);
  if (config_.tracing) {
    trace_.push_back(TraceStep{TraceStep::Kind::wake, measure_.steps, t.index, 0, t.wait.object,
                               t.wait.where, false, (running_ && !firing_) ? "by " + running_->id : std::string("by a timer")});
  }
}

void Engine::note(std::string text) {
  if (!trace_.empty()) {
    std::string& n = trace_.back().note;
    if (!n.empty()) n += ", ";
    n += text;
  }
}

std::size_t Engine::choose(ChoiceKind kind, std::uint8_t op, std::size_t n) {
  if (unwinding_ || n <= 1) return 0;
  Decision d;
  d.kind = kind;
  d.op = op;
  d.options = static_cast<std::uint32_t>(n);
  const std::uint32_t r = pick(*strategy_, d);
  if (r >= n) {
    end(EndReason::diverged);
    park();
  }
  record(kind, r, d.options, op);
  if (r != 0) ++measure_.deviations;
  return r;
}

void Engine::failed_logged() {
  // Under reduction the execution goes on after its first failure, which stays its
  // outcome: the search must see what the other tasks would have done, to explore the
  // orders where they act before the failure (the failing event conflicts with all).
  failure_pending_ = true;
  config_.log->add(kEndKey, Access::write);
}

void Engine::fail(std::exception_ptr error) {
  if (config_.log != nullptr && end_ == EndReason::running) {
    if (!failure_pending_) {
      error_ = std::move(error);
      error_task_ = running_;
      failed_logged();
    }
    for (;;) block(running_->wait);  // this task stops here; nothing wakes it
  }
  if (end_ == EndReason::running) {
    error_ = std::move(error);
    error_task_ = running_;
    end_ = EndReason::failed;
  }
  park();
}

void Engine::begin_task_event(Task& t) {
  config_.log->begin(t.index, t.cause);
  t.cause = -1;
}

void Engine::own(void* object, void (*destroy)(void*)) { owned_.emplace_back(object, destroy); }

}  // namespace weft::sched
