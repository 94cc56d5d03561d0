// What one execution came to, in report terms; built while its tasks are still parked.
#pragma once

#include <string>
#include <vector>

#include "harness/detail/runtime.h"
#include "harness/options.h"
#include "harness/report.h"

namespace weft::detail {

struct Outcome {
  bool failed = false;
  bool pruned = false;            // cut short by the search as redundant: no outcome
  FailureKind kind = FailureKind::exception;
  std::string message;
  std::vector<TaskReport> tasks;  // unfinished tasks (those not in Options::ignore)
  std::vector<std::string> sites; // raw "id@wait@file:line" of each, before display mapping

  // Identifies "the same failure": kind plus stuck tasks by identity and wait site, or
  // the failed check. Used to prove a failure deterministic (and by shrinking).
  std::string signature() const;
};

// Classifies the ended execution; call before Engine::finish().
Outcome classify(sched::Engine& engine, Runtime& rt, const Options& options, const std::string& divergence);

// Adds what unwinding revealed (a task that swallowed weft's unwinding exception);
// call after Engine::finish().
void note_unwinding(Outcome& outcome, sched::Engine& engine);

// Trace of a traced execution in report form.
std::vector<TraceEntry> make_trace(const sched::Engine& engine, const Runtime& rt);

// "the pattern and its canonical fix" for an unfinished task, or "".
std::string hint_for(const TaskReport& task, FailureKind kind, bool ticker_only);

// A std::source_location for a file and line found in a stack frame (libstdc++ layout).
std::source_location make_location(const std::string& file, unsigned line, const std::string& function);

}  // namespace weft::detail
