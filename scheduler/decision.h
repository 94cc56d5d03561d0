// One choice point as a strategy sees it.
#pragma once

#include <cstdint>
#include <span>

#include "scheduler/schedule.h"
#include "scheduler/task.h"

namespace weft::sched {

struct Decision {
  ChoiceKind kind = ChoiceKind::task;  // task: tasks then timers; select / choose: plain indices
  std::uint8_t op = 0;                 // operation of the step being decided
  std::span<Task* const> tasks{};      // task candidates (kind == task), fairness-filtered
  std::uint32_t timers = 0;            // due-timer options after the tasks (kind == task)
  std::span<Task* const> runnable{};   // every runnable task, enabled or not (kind == task)
  std::uint32_t options = 0;           // tasks.size() + timers, or the select/choose width
  std::uint32_t preferred = 0;         // the default: no preemption, no timer, first case
  // The preferred task is the running one and could go on: choosing another task
  // preempts it (a timer firing does not: the running task goes on after it).
  bool current = false;
};

// Returned by a strategy that cannot follow the program (a replay that diverged).
inline constexpr std::uint32_t kDiverged = 0xffffffffu;
// Returned by a search strategy that cuts the execution short as redundant.
inline constexpr std::uint32_t kPrune = 0xfffffffeu;

}  // namespace weft::sched
