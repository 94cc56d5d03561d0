// Exhaustive search with dynamic partial-order reduction: source sets and sleep sets
// (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014, "Source-DPOR").
//
// The search is a depth-first walk over scheduling nodes (one per event, see
// event_log.h) and data nodes (select among ready cases, choose(n), timers due at the
// same instant while every task is blocked). Data nodes are enumerated in full.
// At a scheduling node only the tasks in its backtrack set are explored: after every
// execution, each race (two dependent events of different threads, not ordered by
// happens-before through other events) adds to the node before the first event a
// thread that can start the reversed order, unless one already is or was explored
// there. Sleep sets cut the executions that only reorder independent events of a
// thread already explored; such an execution ends early as redundant (kPrune).
//
// Threads are tasks, by creation index (stable for a given prefix), and the clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "scheduler/decision.h"
#include "scheduler/event_log.h"

namespace weft::sched {

class DporStrategy {
 public:
  // `log` is the engine's event log for the executions this strategy drives.
  explicit DporStrategy(const EventLog* log) : log_(log) {}

  void begin(std::uint64_t) noexcept {
    pos_ = 0;
    sched_ = 0;
    divergence_.clear();
  }
  std::uint32_t pick(const Decision& d);

  // After an execution (whatever its end): finds the races among its events and
  // schedules their reversals.
  void analyze();
  // Prepares the next execution. False once the reduced tree is exhausted.
  bool advance();

  // Empty unless the last execution diverged from its prefix.
  const std::string& divergence() const noexcept { return divergence_; }

 private:
  struct Sleeper {
    std::uint32_t key;
    std::vector<AccessRec> fp;  // what its event touched when it was explored
  };
  struct Node {
    bool sched = true;
    // data node
    std::uint32_t options = 0;
    std::uint32_t tried = 0;      // alternatives taken so far, minus one
    std::uint32_t preferred = 0;
    // scheduling node
    std::vector<std::uint32_t> keys;       // options: task indices, then kClockOption | tie
    std::uint32_t chosen = 0;              // key
    std::vector<AccessRec> chosen_fp;      // its event's accesses, from the last execution
    std::vector<std::uint32_t> backtrack;  // keys to explore here
    std::vector<Sleeper> done;             // explored here before `chosen`
    std::vector<Sleeper> sleep;            // explored elsewhere, equivalent here
  };
  static constexpr std::uint32_t kClockOption = 0x80000000u;

  std::uint32_t pick_data(const Decision& d);
  std::uint32_t diverge(const std::string& what);
  // Adds to node's backtrack set a thread that starts the reversal of a race, unless
  // one of `initials` (the threads that can) is already explored or scheduled there.
  void reverse(std::size_t node, std::uint32_t first_thread, const std::vector<std::uint32_t>& initials,
               std::uint32_t clock_thread);

  const EventLog* log_;
  std::vector<Node> stack_;
  std::size_t pos_ = 0;
  std::size_t sched_ = 0;  // scheduling nodes passed in this execution
  std::string divergence_;
};

}  // namespace weft::sched
