// PCT (Burckhardt et al., ASPLOS 2010): every task gets a random priority; the
// highest-priority candidate runs; at d-1 random change points the running task's
// priority drops below all initial ones. A bug of depth d is found with probability
// at least 1/(n·k^(d-1)). The clock is one more "task" with its own priority, so
// timer placement is scheduled the same way; select/choose choices are uniform.
//
// The step count k is learnt from the first kWarmup executions, which choose
// uniformly at random (they are fair, so they end even when a ticker keeps one task
// busy forever). Past 2k steps an execution goes on with a fair tail of uniform
// choices: strict priorities would starve a task behind one that never blocks (a loop
// fed by a ticker), and the search must not report that as a livelock.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "scheduler/decision.h"
#include "scheduler/rng.h"

namespace weft::sched {

class PctStrategy {
 public:
  PctStrategy(std::uint64_t seed, unsigned depth) noexcept : seed_(seed), depth_(depth ? depth : 1), rng_(seed) {}

  void begin(std::uint64_t execution) {
    // The step estimate: the longest warm-up execution, or PCT execution that ended
    // before its fair tail.
    if (!tail_) estimate_ = std::max(estimate_, steps_);
    warmup_ = execution < kWarmup;
    tail_ = false;
    steps_ = 0;
    rng_ = Rng(mix_seed(seed_, execution));
    priority_.clear();
    clock_priority_ = next_initial();
    change_points_.clear();
    for (unsigned i = 1; i < depth_; ++i) change_points_.push_back(1 + rng_.below(estimate_));
  }

  std::uint32_t pick(const Decision& d) {
    if (d.kind == ChoiceKind::select || d.kind == ChoiceKind::choose) {
      return static_cast<std::uint32_t>(rng_.below(d.options));
    }
    ++steps_;
    if (!warmup_ && steps_ > 2 * estimate_) tail_ = true;
    if (warmup_ || tail_) return static_cast<std::uint32_t>(rng_.below(d.options));
    const std::uint32_t best = pick_highest(d);
    // At a change point the chosen one drops below every initial priority, and the
    // next best runs instead.
    for (std::size_t c = 0; c < change_points_.size(); ++c) {
      if (change_points_[c] != steps_) continue;
      const std::uint64_t low = c + 1;
      if (best < d.tasks.size()) priority_of(d.tasks[best]->index) = low;
      else clock_priority_ = low;
      return pick_highest(d);
    }
    return best;
  }

 private:
  std::uint64_t next_initial() { return depth_ + 1 + rng_.below(std::uint64_t{1} << 40); }
  std::uint64_t& priority_of(std::uint32_t task) {
    if (priority_.size() <= task) priority_.resize(task + 1, 0);
    if (priority_[task] == 0) priority_[task] = next_initial();
    return priority_[task];
  }
  std::uint32_t pick_highest(const Decision& d) {
    std::uint32_t best = 0;
    std::uint64_t best_priority = 0;
    for (std::uint32_t i = 0; i < d.options; ++i) {
      const std::uint64_t p = i < d.tasks.size() ? priority_of(d.tasks[i]->index) : clock_priority_;
      if (i == 0 || p > best_priority) {
        best = i;
        best_priority = p;
      }
    }
    return best;
  }

  std::uint64_t seed_;
  unsigned depth_;
  Rng rng_;
  std::vector<std::uint64_t> priority_;  // by task creation index; 0 = not yet drawn
  std::uint64_t clock_priority_ = 0;
  std::vector<std::uint64_t> change_points_;
  static constexpr std::uint64_t kWarmup = 4;
  std::uint64_t steps_ = 0;
  std::uint64_t estimate_ = 1;
  bool warmup_ = true;
  bool tail_ = false;
};

}  // namespace weft::sched
