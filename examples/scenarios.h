// Every example as a named scenario with its expected verdict, for the tour and tests.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/report.h"

namespace weft::examples {

struct Scenario {
  std::string pattern;                  // e.g. "first_wins"
  std::string variant;                  // "leaky" or "fixed"
  std::function<void()> body;
  std::optional<FailureKind> expected;  // nullopt: must pass
};

const std::vector<Scenario>& all_scenarios();

}  // namespace weft::examples
