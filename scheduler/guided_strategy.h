// Follows a wished-for schedule as far as the program lets it: at each decision, the
// wished task (by identity), timer or case if it is among the options, else the
// default. Unlike ReplayStrategy it never diverges, so a shrinker can edit a failing
// schedule (drop a preemption, cut a tail) and run what the edit means; the engine
// records what actually ran, which then replays strictly.
#pragma once

#include <cstdint>
#include <vector>

#include "scheduler/decision.h"
#include "scheduler/schedule.h"

namespace weft::sched {

class GuidedStrategy {
 public:
  // A wish with this value asks for the default choice.
  static constexpr std::uint32_t kDefault = 0xffffffffu;

  explicit GuidedStrategy(Schedule wishes) : wishes_(std::move(wishes)) {}
  void begin(std::uint64_t) noexcept {
    pos_ = 0;
    deviated_.clear();
  }

  std::uint32_t pick(const Decision& d) {
    std::uint32_t r = d.preferred;
    if (pos_ < wishes_.choices.size()) {
      const Choice& w = wishes_.choices[pos_];
      if (w.value != kDefault) {
        if (w.kind == ChoiceKind::task && d.kind == ChoiceKind::task && w.value < wishes_.tasks.size()) {
          for (std::uint32_t i = 0; i < d.tasks.size(); ++i) {
            if (d.tasks[i]->id == wishes_.tasks[w.value]) r = i;
          }
        } else if (w.kind == ChoiceKind::timer && (d.kind == ChoiceKind::task || d.kind == ChoiceKind::timer)) {
          if (w.value < d.timers) r = static_cast<std::uint32_t>(d.tasks.size()) + w.value;
          else if (d.kind == ChoiceKind::timer && w.value < d.options) r = w.value;
        } else if (w.kind == d.kind && w.value < d.options) {
          r = w.value;
        }
      }
    }
    ++pos_;
    deviated_.push_back(r != d.preferred);
    return r;
  }

  const Schedule& wishes() const noexcept { return wishes_; }
  // Per decision of the last execution (= per recorded choice): whether it left the
  // default (a preemption, an early timer, a case or value other than the first).
  const std::vector<bool>& deviated() const noexcept { return deviated_; }

 private:
  Schedule wishes_;
  std::size_t pos_ = 0;
  std::vector<bool> deviated_;
};

}  // namespace weft::sched
