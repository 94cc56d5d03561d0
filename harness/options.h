// How explore() searches: mode, seed, budgets. Field order is part of the contract
// (designated initializers).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weft {

enum class Mode : std::uint8_t { random, pct, exhaustive, replay };

std::string_view to_string(Mode m) noexcept;

struct Options {
  Mode mode = Mode::random;                   // WEFT_MODE (pct and exhaustive: later issues)
  std::uint64_t seed = 0;                     // WEFT_SEED; 0 = derived from the test name
  std::uint64_t iterations = 0;               // WEFT_ITERATIONS; 0 = the mode's default (1000)
  std::uint64_t max_steps = 100000;           // WEFT_MAX_STEPS, per execution
  std::optional<unsigned> preemption_bound;   // WEFT_PREEMPTION_BOUND; empty = unbounded
  unsigned pct_depth = 3;                     // WEFT_PCT_DEPTH
  std::chrono::milliseconds time_budget{0};   // WEFT_TIME_BUDGET; 0 = none
  std::string replay;                         // WEFT_REPLAY: a schedule token
  std::vector<std::string> ignore;            // task names allowed to outlive the body
  bool dpor = false;                          // WEFT_DPOR=1; exhaustive: partial-order reduction
                                              //   (experimental: see README; false = plain DFS)

  // Defaults overridden by the WEFT_* environment variables above, plus
  // WEFT_LEAK_TICKS and WEFT_STACK_SIZE (read by explore). A set WEFT_REPLAY
  // implies mode replay. Throws std::invalid_argument naming the variable, the bad
  // value and what is accepted.
  static Options from_env();
};

namespace detail {
// Settings read from the environment that are not Options fields.
unsigned leak_ticks_from_env();            // WEFT_LEAK_TICKS, default 100
std::size_t stack_size_from_env();         // WEFT_STACK_SIZE in KiB, default 256
}  // namespace detail

}  // namespace weft
