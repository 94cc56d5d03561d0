// Choices drawn from outside, one number per decision (properties/rapidcheck.h draws
// them as a RapidCheck value): 0 is the default choice (no preemption, no early
// timer, first case), d > 0 the d-th option after it, wrapping around. So a
// RapidCheck shrink of a draw towards 0, or of the list towards shorter (past its end
// every choice is the default), is a simpler schedule.
#pragma once

#include <cstdint>
#include <vector>

#include "scheduler/decision.h"

namespace weft::sched {

class DrawnStrategy {
 public:
  explicit DrawnStrategy(std::vector<std::uint32_t> draws) : draws_(std::move(draws)) {}
  void begin(std::uint64_t) noexcept { pos_ = 0; }
  std::uint32_t pick(const Decision& d) noexcept {
    const std::uint32_t v = pos_ < draws_.size() ? draws_[pos_] : 0;
    ++pos_;
    return static_cast<std::uint32_t>((d.preferred + static_cast<std::uint64_t>(v)) % d.options);
  }

 private:
  std::vector<std::uint32_t> draws_;
  std::size_t pos_ = 0;
};

}  // namespace weft::sched
