// Follows a recorded schedule choice by choice; past its end, takes the default
// choice. A recorded choice that does not fit the program stops the execution.
#pragma once

#include <cstdint>
#include <string>

#include "scheduler/decision.h"
#include "scheduler/schedule.h"

namespace weft::sched {

class ReplayStrategy {
 public:
  explicit ReplayStrategy(Schedule s) : schedule_(std::move(s)) {}
  void begin(std::uint64_t) noexcept {
    pos_ = 0;
    divergence_.clear();
  }
  std::uint32_t pick(const Decision& d);

  // Empty unless the last execution diverged; then "at choice N: expected …, actual …".
  const std::string& divergence() const noexcept { return divergence_; }
  const Schedule& schedule() const noexcept { return schedule_; }
  bool exhausted() const noexcept { return pos_ >= schedule_.choices.size(); }

 private:
  Schedule schedule_;
  std::size_t pos_ = 0;
  std::string divergence_;
};

}  // namespace weft::sched
