// Tasks (goroutines) and per-execution state.
#pragma once

#include <cstddef>
#include <functional>
#include <source_location>
#include <string>
#include <utility>

#include "harness/detail/runtime.h"

namespace weft {

// Spawns a task running fn. A scheduling point. Throws std::logic_error outside explore.
void go(std::function<void()> fn, std::source_location where = std::source_location::current());
// Spawns a named task (the name appears in reports and in Options::ignore).
void go(std::string name, std::function<void()> fn,
        std::source_location where = std::source_location::current());
// Lets another task run (a poll: the caller is not chosen again before the others run).
void yield(std::source_location where = std::source_location::current());
// A value in [0, n) that exploration enumerates. n must be > 0.
std::size_t choose(std::size_t n, std::source_location where = std::source_location::current());
// Number of tasks not yet terminated (Go's runtime.NumGoroutine).
std::size_t live_tasks();
// Every live task with id, name, wait reason and line, like a goroutine profile.
std::string dump_tasks();

// An object owned by the current execution, alive until every task has ended: the
// way to share state with tasks that may outlive the body. Throws outside explore.
template <class T, class... Args>
T& make(Args&&... args) {
  auto& rt = detail::Runtime::get("make<T>");
  T* p = new T(std::forward<Args>(args)...);
  rt.engine().own(p, [](void* q) { delete static_cast<T*>(q); });
  return *p;
}

}  // namespace weft
