// Plain depth-first search over the whole choice tree, without reduction: each
// execution follows the previous one up to its deepest choice that has an alternative
// left, takes that alternative, and goes on with default choices. Alternatives are
// tried default first (no preemption, no early timer, first case), so executions with
// few deviations come first. The exhaustive mode's baseline (`dpor=false`) and its
// reference for soundness tests.
//
// Under a preemption bound b, a node reached after b preemptions offers only the
// running task's continuation (and timers): executions with more preemptions are
// never started. Under sharding (shard.h) a split node offers only this shard's
// options.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scheduler/decision.h"
#include "scheduler/shard.h"

namespace weft::sched {

class DfsStrategy {
 public:
  explicit DfsStrategy(std::optional<unsigned> preemption_bound = std::nullopt, ShardSplit shard = {})
      : bound_(preemption_bound), shard_(shard) {}

  void begin(std::uint64_t) noexcept {
    pos_ = 0;
    preemptions_ = 0;
    shard_.begin();
    divergence_.clear();
  }

  std::uint32_t pick(const Decision& d) {
    if (pos_ < stack_.size()) {
      Node& n = stack_[pos_];
      if (n.options != d.options) {
        // The program is not deterministic: the same prefix offered other choices.
        divergence_ = "at choice " + std::to_string(pos_ + 1) + " the earlier execution had " +
                      std::to_string(n.options) + " options, this one " + std::to_string(d.options);
        return kDiverged;
      }
      ++pos_;
      return passed(n, d, nth(n.tried, n.preferred, n.options));
    }
    Node n{0, d.options, d.preferred, false, false, 0, shard_.path()};
    if (d.kind == ChoiceKind::task && d.options > 1) {
      n.tasks = static_cast<std::uint32_t>(d.tasks.size());
      n.bounded = bound_ && d.current && preemptions_ >= *bound_;
      n.split = shard_.role(d.options) == ShardSplit::Role::split;
    }
    // The first allowed option in search order; none: the subtree is another shard's.
    while (n.tried < n.options && !allowed(n, nth(n.tried, n.preferred, n.options))) ++n.tried;
    if (n.tried == n.options) return kPrune;
    stack_.push_back(n);
    ++pos_;
    return passed(n, d, nth(n.tried, n.preferred, n.options));
  }

  // After an execution: prepares the next one. False once the whole tree is explored.
  bool advance() noexcept {
    stack_.resize(pos_);  // an execution that ended early made no deeper choices
    while (!stack_.empty()) {
      Node& n = stack_.back();
      while (++n.tried < n.options) {
        if (allowed(n, nth(n.tried, n.preferred, n.options))) return true;
      }
      stack_.pop_back();
    }
    return false;
  }

  bool bounded() const noexcept { return bound_.has_value(); }
  // False if the last execution belongs to another shard (see ShardSplit::ended_here).
  bool counted() const noexcept { return shard_.ended_here(); }
  // Empty unless the last execution diverged from its prefix.
  const std::string& divergence() const noexcept { return divergence_; }
  // How much of the tree is done, from 0 to 1: each node's finished alternatives,
  // weighted by the share of the tree its parent path stands for.
  double progress() const noexcept {
    double done = 0, share = 1;
    for (const Node& n : stack_) {
      share /= n.options;
      done += share * n.tried;
    }
    return done;
  }

 private:
  struct Node {
    std::uint32_t tried;      // alternatives taken so far, minus one
    std::uint32_t options;
    std::uint32_t preferred;  // the default, tried first
    bool bounded;             // the preemption bound is reached: only the running task goes on
    bool split;               // a shard split node: only this shard's options
    std::uint32_t tasks;      // task options (the rest are timers)
    std::uint64_t path;       // names a split node's options for ShardSplit::owns
  };
  bool allowed(const Node& n, std::uint32_t option) const noexcept {
    if (n.bounded && option != n.preferred && option < n.tasks) return false;
    return !n.split || shard_.owns(n.path, option);
  }
  // The k-th alternative in search order: the default, then the others in index order.
  static std::uint32_t nth(std::uint32_t k, std::uint32_t preferred, std::uint32_t) noexcept {
    if (k == 0) return preferred;
    return k <= preferred ? k - 1 : k;
  }
  // Bookkeeping for a task node that took `option`: preemptions and the shard walk.
  std::uint32_t passed(const Node& n, const Decision& d, std::uint32_t option) noexcept {
    if (d.kind != ChoiceKind::task || d.options < 2) return option;
    if (d.current && option != d.preferred && option < n.tasks) ++preemptions_;
    shard_.pass(d.options, option);
    return option;
  }

  std::optional<unsigned> bound_;
  ShardSplit shard_;
  std::vector<Node> stack_;
  std::size_t pos_ = 0;
  unsigned preemptions_ = 0;
  std::string divergence_;
};

}  // namespace weft::sched
