#include "harness/detail/shrink.h"

#include <algorithm>
#include <tuple>

#include "scheduler/guided_strategy.h"

namespace weft::detail {

bool smaller(const Measure& a, const Measure& b) noexcept {
  return std::make_tuple(a.preemptions, a.switches, a.timer_firings + a.deviations, a.steps) <
         std::make_tuple(b.preemptions, b.switches, b.timer_firings + b.deviations, b.steps);
}

Shrunk shrink(const sched::Schedule& failing, const ShrinkRunner& run, std::uint64_t budget) {
  Shrunk out{failing, {}, 0};
  if (budget == 0) return out;
  Attempt best = run.guided(failing);
  out.replays = 1;
  if (!best.same) return out;
  // Phase 1: fewest preemptions, by bounded search (at most half the budget).
  const std::uint64_t phase1_end = out.replays + budget / 2;
  for (unsigned b = 0; b < best.measure.preemptions && out.replays < phase1_end; ++b) {
    std::uint64_t used = 0;
    bool complete = false;
    Attempt found = run.bounded(b, phase1_end - out.replays, &used, &complete);
    out.replays += used;
    if (found.same) {
      // Run it once as wished, for its deviations (it replays exactly).
      Attempt again = run.guided(found.schedule);
      ++out.replays;
      if (again.same && smaller(again.measure, best.measure)) best = std::move(again);
      break;
    }
  }

  // Phase 2: greedy edits, cheapest first: cuts, then single deviations removed.
  bool improved = true;
  while (improved && out.replays < budget) {
    improved = false;
    std::vector<std::size_t> at;
    for (std::size_t k = 0; k < best.deviated.size() && k < best.schedule.choices.size(); ++k) {
      if (best.deviated[k]) at.push_back(k);
    }
    auto attempt = [&](const sched::Schedule& wishes) {
      if (out.replays >= budget) return false;
      Attempt a = run.guided(wishes);
      ++out.replays;
      if (a.same && smaller(a.measure, best.measure)) {
        best = std::move(a);
        return true;
      }
      return false;
    };
    for (const std::size_t k : at) {
      sched::Schedule cut = best.schedule;
      cut.choices.resize(k);
      if (attempt(cut)) {
        improved = true;
        break;
      }
    }
    if (improved) continue;
    for (const std::size_t k : at) {
      sched::Schedule edited = best.schedule;
      edited.choices[k].value = sched::GuidedStrategy::kDefault;
      if (attempt(edited)) {
        improved = true;
        break;
      }
    }
  }
  out.schedule = best.schedule;
  out.measure = best.measure;
  return out;
}

}  // namespace weft::detail
