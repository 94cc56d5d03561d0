#include "harness/detail/explorer.h"

#include <utility>

namespace weft::detail {

std::vector<ExecutionObserver*>& observers() {
  static std::vector<ExecutionObserver*> list;
  return list;
}

Outcome Explorer::run_once(sched::Strategy& strategy, std::uint64_t index, bool tracing,
                           std::optional<Failure>* traced) {
  config_.tracing = tracing;
  auto* dpor = std::get_if<sched::DporStrategy>(&strategy);
  auto* replay = std::get_if<sched::ReplayStrategy>(&strategy);
  config_.log = dpor != nullptr ? &log_ : nullptr;
  auto* dfs = std::get_if<sched::DfsStrategy>(&strategy);
  // A preemption bound counts switches away from a task that could go on; in the
  // enabled-only model a task about to block on a held mutex cannot, so both
  // exhaustive searches count (and bound) preemptions the same way (CHESS's).
  auto* guided = std::get_if<sched::GuidedStrategy>(&strategy);
  config_.enabled_only = dpor != nullptr || (dfs != nullptr && dfs->bounded()) ||
                         (replay != nullptr && replay->schedule().enabled_only) ||
                         (guided != nullptr && guided->wishes().enabled_only);
  sched::begin_execution(strategy, index);
  runtime_.begin_execution();
  for (auto* o : detail::observers()) o->on_execution_begin();
  engine_.run(config_, strategy, body_, where_);
  std::string divergence;
  if (replay != nullptr) divergence = replay->divergence();
  if (dfs != nullptr) divergence = dfs->divergence();
  if (dpor != nullptr) {
    divergence = dpor->divergence();
    dpor->analyze();
  }
  step_bound_hit_ = engine_.end_reason() == sched::EndReason::step_budget;
  Outcome out = detail::classify(engine_, runtime_, options_, divergence);
  if (traced != nullptr) {
    Failure f;
    f.trace = detail::make_trace(engine_, runtime_);
    *traced = std::move(f);
  }
  measure_ = engine_.measure();
  engine_.finish();
  detail::note_unwinding(out, engine_);
  for (auto* o : detail::observers()) {
    std::string msg = o->on_execution_end();
    if (!msg.empty() && !out.failed) {
      out.failed = true;
      out.kind = FailureKind::assertion;
      out.message = std::move(msg);
    }
  }
  // Only a failure needs its schedule by task identity; building it for every
  // passing execution would cost more than a short execution itself.
  if (out.failed) schedule_ = engine_.schedule();
  total_steps_ += measure_.steps;
  return out;
}

ShrinkRunner Explorer::shrink_runner(std::string signature) {
  ShrinkRunner r;
  auto same = [this, signature](const Outcome& out) { return out.failed && out.signature() == signature; };
  r.guided = [this, same](const sched::Schedule& wishes) {
    sched::Strategy strategy{sched::GuidedStrategy(wishes)};
    Attempt a;
    const Outcome out = run_once(strategy, 0, false);
    a.same = same(out);
    if (a.same) {
      a.schedule = schedule_;
      const sched::Measure& m = measure_;
      a.measure = Measure{m.preemptions, m.switches, m.timer_firings, m.deviations, m.steps};
      a.deviated = std::get<sched::GuidedStrategy>(strategy).deviated();
    }
    return a;
  };
  r.bounded = [this, same](unsigned bound, std::uint64_t runs, std::uint64_t* used, bool* complete) {
    sched::Strategy strategy{sched::DfsStrategy(bound)};
    Attempt a;
    *complete = false;
    for (*used = 0; *used < runs;) {
      const Outcome out = run_once(strategy, *used, false);
      ++*used;
      if (same(out)) {
        a.same = true;
        a.schedule = schedule_;
        return a;
      }
      if (!std::get<sched::DfsStrategy>(strategy).advance()) {
        *complete = true;
        break;
      }
    }
    return a;
  };
  return r;
}

}  // namespace weft::detail
