// How the next choice is made. A strategy sees one Decision at a time and returns
// an option index; the engine does everything else. Strategies form a closed set
// dispatched through std::variant, so a scheduling step makes no virtual call.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <variant>

#include "scheduler/dfs_strategy.h"
#include "scheduler/dpor.h"
#include "scheduler/drawn_strategy.h"
#include "scheduler/guided_strategy.h"
#include "scheduler/pct_strategy.h"
#include "scheduler/random_strategy.h"
#include "scheduler/replay_strategy.h"

namespace weft::sched {

using Strategy = std::variant<RandomStrategy, PctStrategy, ReplayStrategy, DfsStrategy, DporStrategy, GuidedStrategy,
                              DrawnStrategy>;

inline void begin_execution(Strategy& s, std::uint64_t execution) {
  std::visit([&](auto& impl) { impl.begin(execution); }, s);
}

inline std::uint32_t pick(Strategy& s, const Decision& d) {
  return std::visit([&](auto& impl) { return impl.pick(d); }, s);
}

}  // namespace weft::sched
