// A task (goroutine) as the engine sees it: identity, state, what it waits on.
#pragma once

#include <cstdint>
#include <functional>
#include <source_location>
#include <string>

#include <vector>

#include "scheduler/event_log.h"
#include "scheduler/fiber.h"
#include "scheduler/stack_pool.h"

namespace weft::sched {

// Thrown into a task that is still blocked when its execution ends, so its
// destructors run. User code must let it pass (catch (...) must rethrow).
// Deliberately not a std::exception: `catch (const std::exception&)` must not stop it.
struct Unwind {};

enum class TaskState : std::uint8_t {
  runnable,  // in Engine::runnable_ (possibly the running task)
  blocked,   // in some object's wait queue, or parked forever (nil channel)
  done,      // its function returned or threw; its stack is back in the pool
};

// What a blocked task waits on. `kind` and `object` are the harness's codes; the
// engine only stores them for reports.
struct WaitInfo {
  std::uint8_t kind = 0;
  std::uint32_t object = 0;
  std::source_location where{};
};

struct Task {
  std::uint32_t index = 0;         // creation order within the execution (0 = main)
  Task* parent = nullptr;
  std::uint32_t children = 0;      // spawn ordinal counter for this task's children
  std::string id;                  // stable identity: "main", "main.2", "main.2.1"
  std::string name;                // as given to go(name, fn), else ""
  std::source_location spawned_at{};
  TaskState state = TaskState::runnable;
  WaitInfo wait{};                 // valid while blocked; last operation while runnable
  std::uint64_t epoch = 0;         // bumped at every block: stale wake-ups compare unequal
  std::uintptr_t wake_token = 0;   // set by the waker, returned by Engine::block
  std::uint64_t last_ran = 0;      // step at which it last ran (fairness)
  std::uint64_t yielded_at = 0;    // step of its last poll; 0 = has not polled since running
  std::uint8_t pending_op = 0;     // operation of its next step (for decisions and replay)
  std::uint32_t pending_object = 0;  // object of that operation (enabled-only model)
  const void* pending_detail = nullptr;  // the harness's own account of it (a select's channels)
  // What that operation would touch, if the model can disable it (while logging events):
  // a race with it is a race even if it never runs in this execution (dpor.cc).
  std::vector<AccessRec> pending_fp;
  std::int32_t cause = -1;         // event that spawned or woke it, for its next event (search)
  bool at_point = false;           // parked in point(): its pending operation has not run yet
  bool committing = false;         // chosen to block because nothing can run (enabled-only model)
  bool started = false;
  bool preempted_in = false;       // last switched to by a preemption (marks its next traced step)
  bool unwind = false;             // execution ended: throw Unwind where it is parked
  bool swallowed_unwind = false;   // its function returned normally while being unwound
  bool unwind_deferred = false;    // resumed to unwind at a point that must not throw (an
                                   // unlock in a guard's destructor): unwound at its next point
  std::function<void()> fn;
  Fiber fiber;
  Stack stack{};
};

}  // namespace weft::sched
