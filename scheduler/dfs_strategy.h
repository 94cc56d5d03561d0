// Plain depth-first search over the whole choice tree, without reduction: each
// execution follows the previous one up to its deepest choice that has an alternative
// left, takes that alternative, and goes on with default choices. Alternatives are
// tried default first (no preemption, no early timer, first case), so executions with
// few deviations come first. The exhaustive mode's baseline (`dpor=false`) and its
// reference for soundness tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "scheduler/decision.h"

namespace weft::sched {

class DfsStrategy {
 public:
  void begin(std::uint64_t) noexcept {
    pos_ = 0;
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
      return nth(n.tried, n.preferred, n.options);
    }
    stack_.push_back(Node{0, d.options, d.preferred});
    ++pos_;
    return d.preferred;
  }

  // After an execution: prepares the next one. False once the whole tree is explored.
  bool advance() noexcept {
    stack_.resize(pos_);  // an execution that ended early made no deeper choices
    while (!stack_.empty() && stack_.back().tried + 1 >= stack_.back().options) stack_.pop_back();
    if (stack_.empty()) return false;
    ++stack_.back().tried;
    return true;
  }

  // Empty unless the last execution diverged from its prefix.
  const std::string& divergence() const noexcept { return divergence_; }

 private:
  struct Node {
    std::uint32_t tried;      // alternatives taken so far, minus one
    std::uint32_t options;
    std::uint32_t preferred;  // the default, tried first
  };
  // The k-th alternative in search order: the default, then the others in index order.
  static std::uint32_t nth(std::uint32_t k, std::uint32_t preferred, std::uint32_t) noexcept {
    if (k == 0) return preferred;
    return k <= preferred ? k - 1 : k;
  }

  std::vector<Node> stack_;
  std::size_t pos_ = 0;
  std::string divergence_;
};

}  // namespace weft::sched
