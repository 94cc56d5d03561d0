// What explore() returns: a verdict, statistics, and for a failure everything needed
// to understand and replay it. Values only; no test framework is called.
#pragma once

#include <cstdint>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include "harness/wait_kind.h"

namespace weft {

enum class FailureKind : std::uint8_t {
  leak, deadlock, livelock, panic, assertion, exception, nondeterminism,
};
std::string_view to_string(FailureKind k) noexcept;

struct TaskReport {
  std::string id;                   // stable identity, e.g. "main.2.1"
  std::string name;                 // as given to go(name, fn), else ""
  WaitKind wait = WaitKind::running;
  std::string object;               // e.g. "chan#3 (unbuffered, len 0)", "mutex#1 held by main.2"
  std::source_location spawned_at, waiting_at;
  std::vector<std::string> stack;   // frames of the traced re-run, innermost first
  std::string hint;                 // the leak pattern and its canonical fix, if recognised
};

struct Measure {
  std::uint64_t preemptions = 0;
  std::uint64_t switches = 0;
  std::uint64_t timer_firings = 0;
  std::uint64_t deviations = 0;
  std::uint64_t steps = 0;
};

struct TraceEntry {
  std::uint64_t step = 0;
  std::string task;                 // task id ("" for a timer firing)
  std::string operation;            // "chan send", "timer fired", …
  std::string object;
  std::string result;               // "blocked", "woke", "received", …
  std::source_location where;
  bool preempted = false;
  std::string to_string() const;
};

struct Failure {
  FailureKind kind = FailureKind::exception;
  std::string message;              // one-line cause
  std::string schedule;             // replay token
  std::vector<TaskReport> tasks;    // every unfinished task
  std::vector<TraceEntry> trace;    // the failing execution, step by step
  std::string replay_command;       // the exact command line that replays it
  Measure measure() const { return measure_; }
  std::uint64_t shrink_replays = 0; // replays shrinking took to reach this schedule
  std::string to_string() const;    // the human report
  Measure measure_{};
};

struct Stats {
  std::uint64_t schedules = 0;      // executions run
  std::uint64_t steps = 0;          // total over all executions
  bool complete = false;            // the whole space was covered (exhaustive)
  std::string assurance;            // e.g. "sampled 1000 (random, seed 42)"
  std::uint64_t redundant = 0;      // exhaustive: executions cut short by sleep sets (not in schedules)
  std::uint64_t step_bound_hits = 0;  // executions that reached Options::max_steps
  std::vector<std::uint64_t> preemptions;  // [k] = schedules with k preemptions
  std::uint64_t other_shards = 0;   // exhaustive, sharded: executions run only to find this shard's share
};

class Report {
 public:
  bool ok() const noexcept { return !failure_.has_value(); }
  const Failure* failure() const noexcept { return failure_ ? &*failure_ : nullptr; }
  const Stats& stats() const noexcept { return stats_; }
  std::string to_string() const;

  // Built by explore().
  Report(Stats stats, std::optional<Failure> failure)
      : stats_(std::move(stats)), failure_(std::move(failure)) {}

 private:
  Stats stats_;
  std::optional<Failure> failure_;
};

}  // namespace weft
