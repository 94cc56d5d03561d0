// Shared by the examples' tests: the searches every example is checked under, and
// lookups into a Report. Test-only (//examples:support).
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "harness/weft.h"

namespace weft::examples::support {

// The search the examples promise: every leaky body fails under it, every fixed body
// passes all of it.
inline Options search() { return Options{.mode = Mode::random, .seed = 1, .iterations = 1000}; }

// Exhaustive search as WEFT_MODE=exhaustive runs it: depth-first search over the whole
// choice tree with partial-order reduction, no cap. Every leaky body fails under it
// with the same report as under search(); every fixed body's search finishes, but for
// ticker_loop's, which is infinite.
inline Options exhaustive() { return Options{.mode = Mode::exhaustive}; }

// Plain depth-first search (WEFT_DPOR=0): every interleaving, for the tests that show
// the reduction's verdicts match it.
inline Options exhaustive_plain() { return Options{.mode = Mode::exhaustive, .dpor = false}; }

// Both searches by name, for a test that must hold under each:
//   class FooLeaky : public support::EverySearch {};
//   TEST_P(FooLeaky, Reports...) { const Report r = explore(GetParam().options, leaky); ... }
//   INSTANTIATE_TEST_SUITE_P(, FooLeaky, ::testing::ValuesIn(support::searches()), support::search_name);
// runs as FooLeaky.Reports.../sampled and FooLeaky.Reports.../exhaustive.
struct NamedSearch {
  std::string name;
  Options options;
};
inline std::vector<NamedSearch> searches() { return {{"sampled", search()}, {"exhaustive", exhaustive()}}; }
inline std::string search_name(const ::testing::TestParamInfo<NamedSearch>& info) { return info.param.name; }
inline void PrintTo(const NamedSearch& s, std::ostream* os) { *os << s.name; }  // for GoogleTest's messages
class EverySearch : public ::testing::TestWithParam<NamedSearch> {};

// The first unfinished task with this name (or id), or null.
inline const TaskReport* task_named(const Report& r, const std::string& name) {
  if (r.failure() == nullptr) return nullptr;
  for (const TaskReport& t : r.failure()->tasks) {
    if (t.name == name || t.id == name) return &t;
  }
  return nullptr;
}

// How many unfinished tasks have this name.
inline std::size_t count_named(const Report& r, const std::string& name) {
  std::size_t n = 0;
  if (r.failure() == nullptr) return n;
  for (const TaskReport& t : r.failure()->tasks) n += t.name == name ? 1 : 0;
  return n;
}

// Expects the report's task `t` to be stuck as described: its name, id, wait reason
// and the line it waits at (in a file whose path ends with `file`).
inline void expect_stuck(const Report& r, const TaskReport& t, const std::string& name, const std::string& id,
                         WaitKind wait, std::string_view file, unsigned line) {
  EXPECT_EQ(t.name, name) << r.to_string();
  EXPECT_EQ(t.id, id) << r.to_string();
  EXPECT_EQ(t.wait, wait) << r.to_string();
  EXPECT_TRUE(std::string_view(t.waiting_at.file_name()).ends_with(file)) << t.waiting_at.file_name();
  EXPECT_EQ(t.waiting_at.line(), line) << r.to_string();
}

// Expects a fixed example to pass every schedule of search().
inline void expect_passes_search(void (*fixed)()) {
  const Report r = explore(search(), fixed);
  EXPECT_TRUE(r.ok()) << r.to_string();
  EXPECT_EQ(r.stats().schedules, search().iterations);
}

// Expects a fixed example to pass exhaustive search (with partial-order reduction unless
// `options` turns it off) run to its end: every class of schedules of the tree, stated
// as a "complete" assurance.
inline Report expect_passes_exhaustively(void (*fixed)(), const Options& options = exhaustive()) {
  const Report r = explore(options, fixed);
  EXPECT_TRUE(r.ok()) << r.to_string();
  EXPECT_TRUE(r.stats().complete) << r.stats().assurance;
  EXPECT_TRUE(r.stats().assurance.starts_with("complete")) << r.stats().assurance;
  EXPECT_GE(r.stats().schedules, 1u);
  // Cross-checked where plain DFS finishes within 20,000 schedules: it passes too, and
  // the reduction never runs more (one schedule can be right: a body whose operations
  // are all ordered has one class).
  if (options.dpor) {
    Options plain = options;
    plain.dpor = false;
    plain.iterations = 20000;
    const Report all = explore(plain, fixed);
    EXPECT_TRUE(all.ok()) << all.to_string();
    if (all.stats().complete) {
      EXPECT_LE(r.stats().schedules, all.stats().schedules);
    }
  }
  return r;
}

// Expects a fixed example whose tree exhaustive search cannot finish to pass the first
// options.iterations schedules of it, and the report to say honestly that it stopped
// there: not complete, "stopped by budget after N schedules".
inline Report expect_passes_until_budget(void (*fixed)(), const Options& options) {
  const Report r = explore(options, fixed);
  EXPECT_TRUE(r.ok()) << r.to_string();
  EXPECT_FALSE(r.stats().complete) << r.stats().assurance;
  EXPECT_EQ(r.stats().schedules, options.iterations);
  EXPECT_EQ(r.stats().assurance, "stopped by budget after " + std::to_string(options.iterations) + " schedules");
  return r;
}

// "file.cc:line", the way reports print a location, for substring checks.
inline std::string at(const char* file, unsigned line) { return std::string(file) + ":" + std::to_string(line); }

}  // namespace weft::examples::support
