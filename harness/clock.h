// Virtual time: now, sleep, after, Timer, Ticker, after_func (Go 1.23 semantics).
// Time moves only when the scheduler fires a timer; hours of timeouts take microseconds.
#pragma once

#include <chrono>
#include <functional>
#include <source_location>

#include "harness/chan.h"

namespace weft {

using Duration = std::chrono::nanoseconds;

// The virtual clock as a std::chrono clock; zero at the start of each execution.
struct VirtualClock {
  using duration = Duration;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<VirtualClock, duration>;
  static constexpr bool is_steady = true;
  static time_point now();  // no scheduling point; throws std::logic_error outside explore
};
using TimePoint = VirtualClock::time_point;

// The current virtual time. A scheduling point.
TimePoint now(std::source_location where = std::source_location::current());
// Blocks the calling task for d of virtual time (d <= 0: just a scheduling point).
void sleep(Duration d, std::source_location where = std::source_location::current());

namespace detail {
struct TimerState;
}

// A one-shot timer. Its channel c() receives the firing time once. Dropping every
// handle does not stop it. Copies share the timer.
class Timer {
 public:
  // Starts a timer firing after d. Throws std::logic_error outside explore.
  explicit Timer(Duration d, std::source_location where = std::source_location::current());
  Timer() = default;  // a timer that never fires (c() is nil)

  // Receives the firing time (nil for after_func timers).
  Chan<TimePoint> c() const;
  // True if this call kept the timer from firing; false if it had already fired or
  // was stopped. No stale value is received afterwards. A scheduling point.
  bool stop(std::source_location where = std::source_location::current()) const;
  // Re-arms for d from now; returns what stop() would have. A scheduling point.
  bool reset(Duration d, std::source_location where = std::source_location::current()) const;

 private:
  friend Timer after_func(Duration, std::function<void()>, std::source_location);
  explicit Timer(detail::TimerState* s) : s_(s) {}
  detail::TimerState* s_ = nullptr;  // execution-owned
};

// A channel that receives the time once, after d (at once if d <= 0).
Chan<TimePoint> after(Duration d, std::source_location where = std::source_location::current());

// Runs fn in a new task (named after the timer) once d has passed. stop() returns
// false once that task was started.
Timer after_func(Duration d, std::function<void()> fn, std::source_location where = std::source_location::current());

// Delivers the time every period on c(); drops ticks a slow receiver has not taken.
class Ticker {
 public:
  // Panics if d <= 0 (as Go). Throws std::logic_error outside explore.
  explicit Ticker(Duration d, std::source_location where = std::source_location::current());
  Ticker() = default;

  Chan<TimePoint> c() const;
  // Stops ticking; no stale tick is received afterwards. A scheduling point.
  void stop(std::source_location where = std::source_location::current()) const;
  // Stops and restarts with period d. A scheduling point; panics if d <= 0.
  void reset(Duration d, std::source_location where = std::source_location::current()) const;

 private:
  detail::TimerState* s_ = nullptr;  // execution-owned
};

}  // namespace weft
