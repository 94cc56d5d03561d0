// Shared by the examples' tests: the search every example is checked under, and
// lookups into a Report. Test-only (//examples:support).
#pragma once

#include <string>

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

// "file.cc:line", the way reports print a location, for substring checks.
inline std::string at(const char* file, unsigned line) { return std::string(file) + ":" + std::to_string(line); }

}  // namespace weft::examples::support
