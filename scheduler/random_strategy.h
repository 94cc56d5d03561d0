// Uniform random choice at every decision, from the project's own generator, seeded
// per execution so any execution can be regenerated from (seed, index) alone.
#pragma once

#include <cstdint>

#include "scheduler/decision.h"
#include "scheduler/rng.h"

namespace weft::sched {

class RandomStrategy {
 public:
  explicit RandomStrategy(std::uint64_t seed) noexcept : seed_(seed), rng_(seed) {}
  void begin(std::uint64_t execution) noexcept { rng_ = Rng(mix_seed(seed_, execution)); }
  std::uint32_t pick(const Decision& d) noexcept { return pick(d.options); }
  // The engine's fast path: a uniform index below `options`.
  std::uint32_t pick(std::uint32_t options) noexcept { return static_cast<std::uint32_t>(rng_.below(options)); }

 private:
  std::uint64_t seed_;
  Rng rng_;
};

}  // namespace weft::sched
