// The execution engine: runs every task of one execution as a fiber on this thread,
// asks the strategy at each choice point, keeps virtual time, and accounts for task
// termination. It knows nothing of channels or mutexes: shims in harness/ build on
// point / block / wake / poll and the clock.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <source_location>
#include <span>
#include <string>
#include <vector>

#include "scheduler/clock.h"
#include "scheduler/decision.h"
#include "scheduler/event_log.h"
#include "scheduler/schedule.h"
#include "scheduler/stack_pool.h"
#include "scheduler/strategy.h"
#include "scheduler/task.h"
#include "scheduler/trace.h"

namespace weft::sched {

struct EngineConfig {
  std::uint64_t max_steps = 100000;
  std::size_t stack_size = 256 * 1024;
  unsigned leak_ticks = 100;  // timer firings after main returned with no task ending
  bool tracing = false;       // record every step (the report's re-run), not just choices
  // Enabled-only model (exhaustive search and its replays): a task parked before an
  // operation that would block (a lock on a held mutex, a wait on a non-zero
  // WaitGroup, a receive nobody sends to) is not a candidate until the operation can
  // go through; when no task is enabled, such tasks block in creation order, as they
  // would have anyway.
  bool enabled_only = false;
  // When set (partial-order reduction): every event is a scheduling node, even a forced
  // one, and its accesses are logged here. Implies enabled_only.
  EventLog* log = nullptr;
};

enum class EndReason : std::uint8_t {
  running,      // not ended yet
  all_done,     // every task terminated
  stuck,        // no task can run and no pending timer can wake one
  step_budget,  // max_steps reached
  ticker_leak,  // after main returned, only timers kept tasks alive for leak_ticks firings
  failed,       // a task threw, or a check failed (see error())
  diverged,     // the strategy could not follow the program (replay)
  pruned,       // the search cut a redundant execution short (sleep sets, bounds)
};

struct Measure {
  std::uint64_t preemptions = 0;   // a runnable task was switched away from at a step
  std::uint64_t switches = 0;      // the running task changed
  std::uint64_t timer_firings = 0;
  std::uint64_t deviations = 0;    // timers fired early, select/choose away from the first
  std::uint64_t steps = 0;
};

// Operation code used by the engine's own steps (spawn is the harness's).
inline constexpr std::uint8_t kOpTimer = 63;

class Engine {
 public:
  Engine();
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // ---- driving executions (harness's explore loop) ----

  // Runs `body` as the main task until the execution ends. Tasks still alive stay
  // parked so their state can be inspected; call finish() next.
  void run(const EngineConfig& config, Strategy& strategy, std::function<void()> body,
           std::source_location where);
  // Unwinds tasks still alive (children before parents, newest first), then destroys
  // execution-owned objects. The engine is then ready for the next run().
  void finish();

  EndReason end_reason() const noexcept { return end_; }
  bool main_done() const noexcept { return main_done_; }
  // The first failure: an exception that escaped a task, or one passed to fail().
  std::exception_ptr error() const noexcept { return error_; }
  const Task* error_task() const noexcept { return error_task_; }
  const std::vector<Choice>& choices() const noexcept { return choices_; }
  const std::vector<TraceStep>& trace() const noexcept { return trace_; }
  const Measure& measure() const noexcept { return measure_; }
  std::span<Task* const> tasks() const noexcept { return {order_.data(), order_.size()}; }
  // Builds a schedule whose task choices name tasks by stable identity.
  Schedule schedule() const;

  // ---- used by shims, from inside a task ----

  // The engine running an execution on this thread, or nullptr outside explore.
  static Engine* current() noexcept { return current_; }
  Task& self() noexcept { return *running_; }
  // True while tasks are being unwound: shims must not block, schedule nor panic.
  // Not for a task whose unwinding was deferred: its shims go on to their points,
  // where the next one that may throw unwinds it.
  bool inert() const noexcept { return unwinding_ && !(running_ != nullptr && running_->unwind_deferred); }

  // A scheduling point before the running task performs `op` on `object`. Another
  // task may run, or a timer fire, before it returns. Throws Unwind if the
  // execution ends meanwhile, unless `may_unwind` is false (an unlock, which runs in
  // noexcept destructors of lock guards): then it returns, and the task is unwound at
  // its next point that may throw.
  void point(std::uint8_t op, std::uint32_t object, const std::source_location& where, bool may_unwind = true);
  // The running task polled without blocking (select default, failed try_lock,
  // yield): it is not chosen again while another enabled task has not run since.
  void poll() noexcept {
    if (config_.log != nullptr) [[unlikely]] config_.log->add(kFairKey, Access::write);
    if (running_->yielded_at == 0) ++pollers_;
    running_->yielded_at = measure_.steps + 1;
  }
  // Parks the running task until wake(); returns the waker's token. Register in a
  // WaitQueue first. Throws Unwind if the execution ends while parked.
  std::uintptr_t block(const WaitInfo& wait);
  // Makes a blocked task runnable; `token` is what its block() returns. Stale or
  // non-blocked tasks are ignored.
  void wake(Task& t, std::uintptr_t token = 0) noexcept;
  // Where the next traced step is shown to be (the user's line for an operation
  // reached through a std header); the engine keeps the raw location for checks.
  void display_next_step_at(const std::source_location& where) { display_where_ = where; }
  // Records a trace note on the latest step (only when tracing).
  void note(std::string text);
  bool tracing() const noexcept { return config_.tracing; }

  // Creates a runnable task (child of `parent`, or of the running task).
  Task& spawn(Task* parent, std::string name, std::function<void()> fn, std::source_location where);
  std::size_t live_tasks() const noexcept { return task_count_ - done_count_; }

  // An explored choice among n alternatives (select among ready cases, choose(n)).
  // Throws Unwind if the strategy stops the execution.
  std::size_t choose(ChoiceKind kind, std::uint8_t op, std::size_t n);

  // Ends the execution now with `error` as its failure (a failed check). Throws
  // Unwind when this task is later unwound, so it never returns.
  [[noreturn]] void fail(std::exception_ptr error);

  // A fresh object identity, stable within an execution (1, 2, …).
  std::uint32_t new_object() noexcept { return ++objects_; }

  // Execution-owned storage: destroyed after every task has been unwound.
  void own(void* object, void (*destroy)(void*));

  Clock& clock() noexcept { return clock_; }

  // ---- the harness's model of its operations (enabled-only model, event log) ----

  // Whether a task parked at a point (its pending_op on pending_object, with
  // pending_detail) is enabled: it would go through, or its blocking is what lets
  // another task go on (see Runtime::ready).
  using ReadyFn = bool (*)(void* ctx, const Task& t);
  // Appends to `out` what the pending operation of a task parked at a point would
  // touch, if `ready` may ever say no to it (nothing otherwise).
  using PendingFn = void (*)(void* ctx, const Task& t, std::vector<AccessRec>& out);
  // `op_access[op]`: how an operation touches its object (an Access, or -1 for not at
  // all); 64 entries. Both stay valid for the engine's lifetime.
  void set_model(ReadyFn ready, PendingFn pending, void* ctx, const std::int8_t* op_access) noexcept {
    ready_ = ready;
    pending_ = pending;
    ready_ctx_ = ctx;
    op_access_ = op_access;
  }
  // Records that the running event touches `key` (only while logging events).
  // A task that blocks because nothing else can ever run only reads what it touches
  // (see decide_enabled).
  void access(std::uint32_t key, Access kind) {
    if (config_.log != nullptr && !unwinding_) [[unlikely]] {
      config_.log->add(key, running_ != nullptr && running_->committing ? Access::read : kind);
    }
  }
  bool logging() const noexcept { return config_.log != nullptr; }
  // The running event's index in the log (-1 when not logging), and a record that its
  // operation was enabled by event e, which therefore precedes it (EventLog::after).
  std::int32_t event() const noexcept { return config_.log != nullptr ? config_.log->current() : -1; }
  void enabled_by(std::int32_t e) noexcept {
    if (config_.log != nullptr && !unwinding_) config_.log->after(e);
  }
  bool enabled_only() const noexcept { return config_.enabled_only; }

 private:
  static void task_entry(void* arg) noexcept;
  void arrived() noexcept;
  void switch_to(Task& next) noexcept;
  [[noreturn]] void exit_current() noexcept;
  // Leaves the running task parked and returns to the engine; throws Unwind when
  // finish() resumes it.
  [[noreturn]] void park();
  // Parks the running task at a point; false if it was resumed to unwind there and the
  // point must not throw (see point()).
  bool park_at_point(bool may_unwind);
  void end(EndReason r) noexcept;
  // Who runs next after `cur` (which may go on only if cur_runnable). Fires timers
  // as chosen; nullptr when the execution has ended.
  Task* pick_next(Task* cur, bool cur_runnable);
  Task* pick_next_slow(Task* cur, bool cur_runnable);  // timers, ends, divergence
  Task* chosen(Task* cur, bool cur_runnable, std::uint32_t r) noexcept;  // candidate r runs next
  void filter_fair();  // sets cands_: runnable tasks, minus pollers that must wait their turn
  std::uint32_t decide(Task* cur, bool cur_runnable, std::uint32_t timers);
  // decide() under the enabled-only model; `only_cur`: a forced node for cur.
  std::uint32_t decide_enabled(Task* cur, bool& cur_runnable, std::uint32_t timers, bool only_cur);
  bool enabled(const Task& t) const {
    return !t.at_point || ready_ == nullptr || ready_(ready_ctx_, t);
  }
  // A task takes control for a new event (logging only).
  void begin_task_event(Task& t);
  // No task can run: all blocked, or (enabled-only model) parked before a blocking op.
  bool none_enabled() const {
    if (!config_.enabled_only) return runnable_.empty();
    for (const Task* t : runnable_) {
      if (enabled(*t)) return false;
    }
    return true;
  }
  void failed_logged();
  void* fire_timer(std::size_t k);  // returns the timer's identity (its arg)
  void remove_runnable(Task& t) noexcept;
  void clear_poll(Task& t) noexcept {
    if (t.yielded_at != 0) {
      t.yielded_at = 0;
      --pollers_;
    }
  }
  void record(ChoiceKind kind, std::uint32_t value, std::uint32_t options, std::uint8_t op);
  // Records option r of a task decision over cands_ (a task, or a due timer after them).
  void record_task_choice(std::uint32_t r, std::uint32_t options, std::uint8_t op);
  // The decision among cands_ and `timers` due timers, its default worked out.
  Decision task_decision(const Task* cur, bool cur_runnable, std::uint32_t timers) const noexcept;

  inline static thread_local Engine* current_ = nullptr;

  EngineConfig config_{};
  Strategy* strategy_ = nullptr;
  StackPool stacks_;
  Fiber engine_fiber_;
  std::vector<std::unique_ptr<Task>> tasks_;  // reused across executions
  std::vector<Task*> order_;                  // this execution's tasks, by creation index
  std::size_t task_count_ = 0;
  std::size_t done_count_ = 0;
  std::vector<Task*> runnable_;     // in creation order
  std::vector<Task*> candidates_;   // scratch for decisions when some task polled
  std::vector<Task*> enabled_;      // scratch: enabled candidates (enabled-only model)
  ReadyFn ready_ = nullptr;
  PendingFn pending_ = nullptr;
  void* ready_ctx_ = nullptr;
  const std::int8_t* op_access_ = nullptr;
  std::span<Task* const> cands_;    // the candidates of the last decision
  std::size_t pollers_ = 0;         // tasks with yielded_at set: fairness filtering needed
  Task* running_ = nullptr;
  Task* zombie_ = nullptr;          // finished task whose stack is released on arrival
  Clock clock_;
  std::vector<Choice> choices_;
  std::vector<TraceStep> trace_;
  Measure measure_{};
  EndReason end_ = EndReason::running;
  bool main_done_ = false;
  bool unwinding_ = false;
  bool firing_ = false;
  std::optional<std::source_location> display_where_;  // inside a timer callback (wakes are the timer's, not the running task's)
  std::exception_ptr error_;
  bool failure_pending_ = false;  // logged executions run on after their first failure
  const Task* error_task_ = nullptr;
  std::uint32_t objects_ = 0;
  std::uint64_t fires_since_exit_ = 0;
  std::vector<void*> idle_timers_;      // scratch: timers that fired waking nobody
  std::vector<std::size_t> due_;        // scratch: positions of due timers
  std::vector<std::pair<void*, void (*)(void*)>> owned_;
};

}  // namespace weft::sched
