#include "scheduler/replay_strategy.h"

#include <string>

namespace weft::sched {
namespace {

std::string describe_decision(const Decision& d) {
  std::string s;
  switch (d.kind) {
    case ChoiceKind::task:
    case ChoiceKind::timer:
      s = "a choice among " + std::to_string(d.tasks.size()) + " task(s)";
      if (d.timers) s += " and " + std::to_string(d.timers) + " timer(s)";
      break;
    case ChoiceKind::select: s = "a select among " + std::to_string(d.options) + " ready cases"; break;
    case ChoiceKind::choose: s = "choose(" + std::to_string(d.options) + ")"; break;
  }
  return s + " (op " + std::to_string(d.op) + ")";
}

}  // namespace

std::uint32_t ReplayStrategy::pick(const Decision& d) {
  if (pos_ >= schedule_.choices.size()) return d.preferred;
  const Choice& c = schedule_.choices[pos_];
  auto diverge = [&](const char* why) {
    divergence_ = "at choice " + std::to_string(pos_ + 1) + " of " +
                  std::to_string(schedule_.choices.size()) + ": expected " +
                  describe(c, schedule_) + ", actual " + describe_decision(d) + " (" + why + ")";
    return kDiverged;
  };
  const bool task_like = c.kind == ChoiceKind::task || c.kind == ChoiceKind::timer;
  const bool want_task_like = d.kind == ChoiceKind::task || d.kind == ChoiceKind::timer;
  if (task_like != want_task_like || (!task_like && c.kind != d.kind)) return diverge("different kind of choice");
  if (c.op != d.op) return diverge("different operation");
  if (c.options != 0 && c.options != d.options) return diverge("different number of options");
  std::uint32_t r = kDiverged;
  if (c.kind == ChoiceKind::task) {
    if (c.value >= schedule_.tasks.size()) return diverge("task index out of range");
    const std::string& want = schedule_.tasks[c.value];
    for (std::size_t i = 0; i < d.tasks.size(); ++i)
      if (d.tasks[i]->id == want) r = static_cast<std::uint32_t>(i);
    if (r == kDiverged) return diverge("that task cannot run here");
  } else if (c.kind == ChoiceKind::timer) {
    if (c.value >= d.timers) return diverge("no such due timer");
    r = static_cast<std::uint32_t>(d.tasks.size()) + c.value;
  } else {
    if (c.value >= d.options) return diverge("index out of range");
    r = c.value;
  }
  ++pos_;
  return r;
}

}  // namespace weft::sched
