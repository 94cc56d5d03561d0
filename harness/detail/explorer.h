// One explore() call's machinery: the engine, its runtime glue and the options it
// runs under; runs single executions under any strategy.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "harness/detail/outcome.h"
#include "harness/detail/runtime.h"
#include "harness/detail/shrink.h"
#include "harness/explore.h"
#include "harness/options.h"
#include "harness/report.h"
#include "scheduler/engine.h"
#include "scheduler/event_log.h"
#include "scheduler/strategy.h"

namespace weft::detail {

// Every registered ExecutionObserver (explore.h), in order.
std::vector<ExecutionObserver*>& observers();

class Explorer {
 public:
  Explorer(const Options& options, std::function<void()> body, std::source_location where)
      : options_(options), body_(std::move(body)), where_(where), runtime_(engine_) {
    config_.max_steps = options.max_steps;
    config_.stack_size = detail::stack_size_from_env();
    config_.leak_ticks = detail::leak_ticks_from_env();
  }

  // Runs one execution under `strategy` and classifies it; `traced` (if set) gets the
  // trace of a traced run.
  Outcome run_once(sched::Strategy& strategy, std::uint64_t index, bool tracing,
                   std::optional<Failure>* traced = nullptr);
  // The shrinker's runs (shrink.h) for a failure with `signature`.
  ShrinkRunner shrink_runner(std::string signature);

  const sched::Schedule& schedule() const { return schedule_; }
  const sched::Measure& measure() const { return measure_; }
  const sched::EventLog& log() const { return log_; }
  bool step_bound_hit() const { return step_bound_hit_; }
  std::uint64_t total_steps() const { return total_steps_; }

 private:
  Options options_;
  std::function<void()> body_;
  std::source_location where_;
  sched::Engine engine_;
  Runtime runtime_;
  sched::EngineConfig config_;
  sched::Schedule schedule_;
  sched::Measure measure_;
  sched::EventLog log_;
  bool step_bound_hit_ = false;
  std::uint64_t total_steps_ = 0;
};

}  // namespace weft::detail
