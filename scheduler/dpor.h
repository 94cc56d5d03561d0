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
//
// Blocking operations (a receive with nothing to take, a lock of a held mutex) are
// not enabled until they can go through (Engine's enabled-only model). Such an
// operation may be enabled at a node, not taken, then disabled again by the event
// taken there (another receive took the only waiting sender); what it does when it
// finally runs then depends on events that depend on that one, so no race between
// executed events shows that it could have gone first. So, as in the original DPOR
// (Flanagan, Godefroid, POPL 2005), the pending operation of a parked task counts
// too, where it is disabled: it races with the conflicting event that disabled it,
// and, if it parks disabled, with the latest earlier conflicting event it does not
// already follow. Where it was not an option, every option is explored instead.
// Conversely, what enabled such an operation precedes it in happens-before without a
// race (event_log.h: a lock follows the unlock that freed the mutex, a wait the
// decrements that brought the counter to zero), joined once the races it would hide
// (with the previous lock, with the counter's last write) are found. So no reversal
// asks for an operation before the event that enabled it, which sleep sets would then
// have to cut as redundant: on mutex-counter no execution is cut at all.
//
// No wakeup trees (Optimal DPOR, same paper): they judge a reversal redundant when a
// thread explored there is a weak initial of it, one whose next event commutes with
// the whole reversed sequence. But an access is labelled by what it did in the
// execution observed, and moved before those events it may do something else (an
// unlock that went through panics before the lock), so that test missed outcomes
// (dpor_test AnUnlockThatWentThroughMayPanicBeforeTheLock). Read as "no object in
// common but reads", it still missed outcomes around polls (rendezvous_test's select
// on one channel twice; a select with default in the soundness property, seed 7). And
// guiding executions along the reversals (the trees themselves) explored more
// schedules, not fewer: 18,993 against 18,524 without, over the property's 1,000
// programs. Sleep sets only trust commuting between events of one execution.
//
// Preemption bound (bounded POR, Coons, Musuvathi, McKinley, OOPSLA 2013): a node
// reached after b preemptions explores only the running task's continuation (and
// timers). Since a reversal that would need one preemption too many may still be
// reachable by switching earlier, such a reversal is also scheduled, conservatively,
// at the latest earlier node where the bound lets its thread run, and every option is
// tried at the nodes in between.
//
// Sharding (shard.h): nodes down to each path's split node explore every option, so no
// reversal needs another shard's executions; at the split node, an option of another
// shard is only probed (its first event runs, then the execution is cut) so that its
// accesses enter the sleep sets exactly as in the unsharded search.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scheduler/decision.h"
#include "scheduler/event_log.h"
#include "scheduler/shard.h"

namespace weft::sched {

class DporStrategy {
 public:
  // `log` is the engine's event log for the executions this strategy drives.
  DporStrategy(const EventLog* log, std::optional<unsigned> preemption_bound = std::nullopt, ShardSplit shard = {})
      : log_(log), bound_(preemption_bound), shard_(shard) {}

  void begin(std::uint64_t) noexcept {
    pos_ = 0;
    sched_ = 0;
    preemptions_ = 0;
    probe_ = false;
    cut_ = false;
    shard_.begin();
    divergence_.clear();
  }
  std::uint32_t pick(const Decision& d);

  // After an execution (whatever its end): finds the races among its events and
  // schedules their reversals.
  void analyze();
  // Prepares the next execution. False once the reduced tree is exhausted.
  bool advance();

  // False if the last execution belongs to another shard or only probed one of its
  // options (see ShardSplit::ended_here).
  bool counted() const noexcept { return shard_.ended_here() && !probe_; }
  // Empty unless the last execution diverged from its prefix.
  const std::string& divergence() const noexcept { return divergence_; }
  // How much of the reduced tree is done, from 0 to 1, as far as it is known yet
  // (backtrack sets grow as races are found).
  double progress() const noexcept;

  // A task parked at a node before an operation that may be disabled, and what that
  // operation would touch.
  struct Pending {
    std::uint32_t key;
    std::vector<AccessRec> fp;
    bool enabled = false;  // an option at the node
  };

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
    std::uint32_t preferred = 0;  // the default option (scheduling node: its index in keys)
    // scheduling node
    std::vector<std::uint32_t> keys;       // options: task indices, then kClockOption | tie
    std::uint32_t chosen = 0;              // key
    std::vector<AccessRec> chosen_fp;      // its event's accesses, from the last execution
    std::vector<std::uint32_t> backtrack;  // keys to explore here
    std::vector<Sleeper> done;             // explored here before `chosen`
    std::vector<Sleeper> sleep;            // explored elsewhere, equivalent here
    std::vector<Pending> pending;          // tasks parked before an operation that may be disabled
    bool current = false;                  // keys[preferred] is the running task and could go on
    bool bounded = false;                  // preemption bound reached: only keys[preferred] and timers
    bool contended = false;                // its options may conflict (where shards split)
    bool split = false;                    // a shard split node (shard.h)
    bool probing = false;                  // `chosen` is another shard's: run its event only
    std::uint64_t path = 0;                // names a split node's options for ShardSplit::owns
  };
  static constexpr std::uint32_t kClockOption = 0x80000000u;

  std::uint32_t pick_data(const Decision& d);
  // The parked tasks of a decision whose operations may be disabled.
  static void record_pending(const Decision& d, std::vector<Pending>& out);
  // Cuts the execution at a new node, keeping its parked tasks for analyze().
  std::uint32_t cut(const Decision& d);
  std::uint32_t diverge(const std::string& what);
  // Adds to node's backtrack set a thread that starts the reversal of a race, unless
  // one of `initials` (the threads that can) is already explored or scheduled there.
  void reverse(std::size_t node, std::uint32_t first_thread, const std::vector<std::uint32_t>& initials,
               std::uint32_t clock_thread);

  // Schedules at `node` (and, under a bound, at earlier nodes, see above) a
  // reversal of the race between its event and a later one of `thread`.
  void schedule_reversal(std::size_t node, std::uint32_t thread, const std::vector<std::uint32_t>& initials,
                         std::uint32_t clock_thread);
  // Whether option `key` of a scheduling node starts thread t (a task index, or
  // `clock_thread`, which every due timer's option starts).
  static bool starts(std::uint32_t key, std::uint32_t t, std::uint32_t clock_thread) noexcept {
    return t == clock_thread ? (key & kClockOption) != 0 : key == t;
  }
  // Whether the preemption bound lets node `n` take `key`.
  static bool allowed(const Node& n, std::uint32_t key) noexcept {
    return !n.bounded || key == n.keys[n.preferred] || (key & kClockOption) != 0;
  }
  // Bookkeeping for a scheduling node passed on the way down.
  void passed(const Node& n);

  const EventLog* log_;
  std::optional<unsigned> bound_;
  ShardSplit shard_;
  unsigned preemptions_ = 0;
  bool probe_ = false;  // this execution passed a probing node: cut it at the next one
  bool cut_ = false;    // the last execution was cut at a new node (kPrune)
  std::vector<Pending> cut_pending_;  // that node's parked tasks
  std::vector<Node> stack_;
  std::size_t pos_ = 0;
  std::size_t sched_ = 0;  // scheduling nodes passed in this execution
  std::string divergence_;
};

}  // namespace weft::sched
