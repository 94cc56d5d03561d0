// Shared by the examples' tests: the search every example is checked under, and
// lookups into a Report. Test-only (//examples:support).
#pragma once

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "harness/weft.h"

namespace weft::examples::support {

// The search the examples promise: every leaky body fails under it, every fixed body
// passes all of it.
inline Options search() { return Options{.mode = Mode::random, .seed = 1, .iterations = 1000}; }

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

// "file.cc:line", the way reports print a location, for substring checks.
inline std::string at(const char* file, unsigned line) { return std::string(file) + ":" + std::to_string(line); }

}  // namespace weft::examples::support
