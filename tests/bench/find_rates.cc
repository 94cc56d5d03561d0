// How many executions random search and PCT need to find each leak of the examples.
// For every leaky scenario of examples::all_scenarios() and seeds 1..20, explore() runs
// in each mode with up to 100,000 executions and records Stats::schedules at the
// failure: the execution that found it, counting from 1. Prints a Markdown table,
// scenario | random median (min–max) | PCT median (min–max), the same on every run.
//   bazel run --config=opt //tests/bench:find_rates
// Shrinking is switched off (WEFT_SHRINK_BUDGET=0): it runs after the failing
// execution, so it changes how long a failure takes to report, not which execution
// finds it. Exits 1 if some mode finds some scenario's failure with none of the seeds.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "examples/scenarios.h"
#include "harness/weft.h"

namespace weft::bench {
namespace {

constexpr std::uint64_t kSeeds = 20;
constexpr std::uint64_t kIterations = 100000;

// One search per seed: the execution that found the failure, or nullopt if none did.
struct Runs {
  std::vector<std::optional<std::uint64_t>> found;  // by seed - 1
  std::vector<std::string> other_kinds;             // seeds whose failure is not the expected kind
};

Runs measure(const examples::Scenario& s, Mode mode) {
  Runs runs;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const Report r = explore(Options{.mode = mode, .seed = seed, .iterations = kIterations}, s.body);
    if (r.ok()) {
      runs.found.push_back(std::nullopt);
      continue;
    }
    runs.found.push_back(r.stats().schedules);
    if (r.failure()->kind != *s.expected) {
      runs.other_kinds.push_back("seed " + std::to_string(seed) + ": " + std::string(to_string(r.failure()->kind)));
    }
  }
  return runs;
}

std::string count(std::optional<std::uint64_t> n) { return n ? std::to_string(*n) : "not found"; }

// "median (min–max)", a seed that found nothing counting as more than any that did.
std::string summary(const Runs& runs) {
  std::vector<std::uint64_t> v;
  for (const auto& n : runs.found) v.push_back(n ? *n : UINT64_MAX);
  std::sort(v.begin(), v.end());
  auto value = [](std::uint64_t n) { return n == UINT64_MAX ? std::optional<std::uint64_t>() : n; };
  const std::uint64_t lo = v[v.size() / 2 - 1], hi = v[v.size() / 2];  // an even number of seeds
  std::string median;
  if (hi == UINT64_MAX) {
    median = "not found";
  } else {
    median = std::to_string((lo + hi) / 2);
    if ((lo + hi) % 2) median += ".5";
  }
  std::string s = median;
  if (v.front() != v.back()) s += " (" + count(value(v.front())) + "–" + count(value(v.back())) + ")";
  const auto missed = std::count(v.begin(), v.end(), UINT64_MAX);
  if (missed > 0) {
    s += "; not found within " + std::to_string(kIterations) + " with " + std::to_string(missed) + " of " +
         std::to_string(kSeeds) + " seeds";
  }
  return s;
}

// Every seed's figure, in seed order: "1 2 1 6 …".
std::string per_seed(const Runs& runs) {
  std::string s;
  for (const auto& n : runs.found) s += (s.empty() ? "" : " ") + count(n);
  return s;
}

bool spread(const Runs& runs) {
  return std::adjacent_find(runs.found.begin(), runs.found.end(), std::not_equal_to<>()) != runs.found.end();
}

bool never_found(const Runs& runs) {
  return std::none_of(runs.found.begin(), runs.found.end(), [](const auto& n) { return n.has_value(); });
}

int run() {
  ::setenv("WEFT_SHRINK_BUDGET", "0", 1);
  std::printf("| scenario | random median (min–max) | PCT median (min–max) |\n");
  std::printf("|---|---|---|\n");
  std::vector<std::string> notes;
  bool missed = false;
  for (const examples::Scenario& s : examples::all_scenarios()) {
    if (!s.expected) continue;
    const Runs random = measure(s, Mode::random);
    const Runs pct = measure(s, Mode::pct);
    std::printf("| %s | %s | %s |\n", s.pattern.c_str(), summary(random).c_str(), summary(pct).c_str());
    std::fflush(stdout);
    for (const auto& [name, runs] : {std::pair{"random", &random}, std::pair{"PCT", &pct}}) {
      if (spread(*runs))
        notes.push_back(s.pattern + ", " + name + ", seeds 1.." + std::to_string(kSeeds) + ": " + per_seed(*runs));
      for (const std::string& k : runs->other_kinds) {
        notes.push_back(s.pattern + ", " + name + ", " + k + " (expected " + std::string(to_string(*s.expected)) + ")");
      }
      if (never_found(*runs)) {
        missed = true;
        notes.push_back(s.pattern + ": " + name + " found nothing with any of the " + std::to_string(kSeeds) +
                        " seeds");
      }
    }
  }
  std::printf("\nExecutions until the first failure (Stats::schedules), seeds 1..%llu, at most %llu each.\n",
              static_cast<unsigned long long>(kSeeds), static_cast<unsigned long long>(kIterations));
  for (const std::string& n : notes) std::printf("- %s\n", n.c_str());
  return missed ? 1 : 0;
}

}  // namespace
}  // namespace weft::bench

int main() { return weft::bench::run(); }
