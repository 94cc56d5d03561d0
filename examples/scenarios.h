// Every example as a named scenario with its expected verdict and how to search it
// exhaustively, for the tour.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/options.h"
#include "harness/report.h"

namespace weft::examples {

struct Scenario {
  std::string pattern;                  // e.g. "first_wins"
  std::string variant;                  // "leaky" or "fixed"
  std::function<void()> body;
  std::optional<FailureKind> expected;  // nullopt: must pass
  Options exhaustive;                   // its exhaustive search: plain DFS unless it needs more
};

const std::vector<Scenario>& all_scenarios();

}  // namespace weft::examples
