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

// One shard of an exhaustive search: shard `index` of `count` explores its part of the
// choice tree; the union of all shards is exactly the unsharded search.
struct Shard {
  unsigned index = 0;
  unsigned count = 1;  // 1: not sharded
};

struct Options {
  Mode mode = Mode::pct;                      // WEFT_MODE
  std::uint64_t seed = 0;                     // WEFT_SEED; 0 = derived from the test name
  std::uint64_t iterations = 0;               // WEFT_ITERATIONS; 0 = the mode's default (1000)
  std::uint64_t max_steps = 100000;           // WEFT_MAX_STEPS, per execution
  std::optional<unsigned> preemption_bound;   // WEFT_PREEMPTION_BOUND; empty = unbounded
  unsigned pct_depth = 3;                     // WEFT_PCT_DEPTH
  std::chrono::milliseconds time_budget{0};   // WEFT_TIME_BUDGET; 0 = none
  std::string replay;                         // WEFT_REPLAY: a schedule token
  std::vector<std::string> ignore;            // task names allowed to outlive the body
  bool dpor = true;                           // WEFT_DPOR; exhaustive: partial-order reduction
                                              //   (false, WEFT_DPOR=0: plain depth-first search)
  Shard shard{};                              // WEFT_SHARD=i/n, or =bazel (TEST_SHARD_INDEX /
                                              //   TEST_TOTAL_SHARDS); exhaustive only

  // Defaults overridden by the WEFT_* environment variables above, plus
  // WEFT_LEAK_TICKS, WEFT_STACK_SIZE and WEFT_PROGRESS (read by explore). A set
  // WEFT_REPLAY implies mode replay. WEFT_SHARD=bazel takes the shard from Bazel's
  // TEST_SHARD_INDEX/TEST_TOTAL_SHARDS and touches TEST_SHARD_STATUS_FILE; it is an
  // error while GoogleTest would also shard the test cases (GTEST_TOTAL_SHARDS set):
  // each case would then see only part of its search. Throws std::invalid_argument
  // naming the variable, the bad value and what is accepted.
  static Options from_env();
};

namespace detail {
// Settings read from the environment that are not Options fields.
unsigned leak_ticks_from_env();            // WEFT_LEAK_TICKS, default 100
std::size_t stack_size_from_env();         // WEFT_STACK_SIZE in KiB, default 256
// WEFT_PROGRESS: seconds between progress lines of a long exhaustive search (on
// stderr); default 10, 0 = after every execution, "off" = none.
std::optional<std::chrono::milliseconds> progress_interval_from_env();
// WEFT_SHRINK_BUDGET: replays a failure's shrinking may take (default 2000; 0 = the
// failure as found).
std::uint64_t shrink_budget_from_env();
// Parses "i/n" (0 <= i < n <= 65536) or "bazel"; throws like Options::from_env.
Shard parse_shard(const std::string& text);
}  // namespace detail

}  // namespace weft
