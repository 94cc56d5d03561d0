// What exhaustive search with partial-order reduction needs to know of an execution:
// its events (one per scheduling node) and what each event touched.
//
// An event is what one task (or the clock) does between two scheduling nodes: the
// operation it was chosen for, then its own code up to its next scheduling point,
// block or exit. A timer firing is an event of the clock pseudo-thread.
//
// The dependence relation. Two events are dependent when they touch the same key and
// their access kinds conflict:
//   - keys are harness object ids (a channel, a mutex, a WaitGroup, an atomic, a timer,
//     a context), one key per task (its wait state: who blocked, who woke it, a stale
//     select registration seen by a later operation), and the clock (virtual time, the
//     set of pending timers, task exits, which the leak rule for tickers counts);
//   - read/read commute (Atomic::load, Context::err, now(), Chan::len);
//   - add/add commute: counter updates (a WaitGroup decrement that does not reach a
//     negative counter, even the one that reaches zero and wakes the waiters; the
//     number of live tasks, which spawns and exits change and live_tasks() reads) leave
//     the same state in either order;
//   - acquire conflicts with nothing: a wait that passes because its counter is zero
//     (at once, or when it resumes) acquires the counter, so it happens after the
//     decrements since the counter's last other update, which brought it to zero,
//     without a race: it could not have run before them. It still races with that
//     update. The decrement that reaches zero being an add, it commutes with the
//     others: which of them wakes the waiter makes no difference to the state;
//   - lock/unlock commute for happens-before: an unlock that releases a lock enables
//     the next lock (which is only scheduled when it can succeed), so a lock races with
//     the previous lock of the same mutex, not with the unlock between (which precedes
//     it without a race, see Event::after below). But an unlock is always enabled (on a
//     free mutex it panics: mutexes have no owner), so a lock and a later unlock by
//     another task still race: dpor_races.cc reverses them without ordering anything
//     through them. (Sleep sets need no such case: a lock and an
//     unlock both enabled at one node means the unlock panics there, a failure.)
//   - a rendezvous is a lock hand-over too: a receive is only scheduled once it can
//     take something (a waiting sender, a buffered value, a close), so a send that
//     waits for its receiver is logged as an unlock of the channel and the receive
//     that takes it as a lock; two receives (or two registrations) conflict, a
//     registration and the receive it enables do not. Likewise a task's own key:
//     blocking is an unlock, waking it a lock, so a wake is not ordered after the
//     block it ends, while two wakes of one task conflict. A send that completes at
//     once (a waiting receiver, buffer space) and a receive from a buffer are writes;
//   - every other pair on one key conflicts (close with any channel operation, two
//     locks, try_lock with anything, store/store, …).
// A failure (panic, failed check, escaped exception) ends the execution, so the failing
// event conflicts with every event of another thread, and with the next event of
// every task left runnable.
// A poll (select default, failed try_lock, yield) keeps its task from running again
// until any other task has run, so, like a failure, it conflicts with every event of
// another thread (dpor_races.cc treats both keys so).
// Causality that is not a race: a spawn precedes the child's first event, and a wake
// precedes the woken task's next event (its continuation cannot move before it). Also,
// the unlock that freed a mutex precedes the lock that takes it (Event::after): the
// lock could not go first, so this orders what the critical sections do. It is joined
// once the lock's races with earlier locks are found, which it would otherwise hide.
// Operations that cannot block (shims' scheduling points without an object) touch
// nothing and commute with everything.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace weft::sched {

enum class Access : std::uint8_t { read, write, lock, unlock, add, acquire };

inline constexpr std::uint32_t kTaskKeyBit = 0x80000000u;
inline constexpr std::uint32_t kClockKey = 0x7fffffffu;
inline constexpr std::uint32_t kLifeKey = 0x7ffffffeu;   // how many tasks are alive
inline constexpr std::uint32_t kEndKey = 0x7ffffffdu;    // a failure ends the execution for everyone
inline constexpr std::uint32_t kFairKey = 0x7ffffffcu;   // fairness: who may run after a poll
inline constexpr std::uint32_t kClockThread = 0xffffffffu;  // Event::thread of a timer firing
inline std::uint32_t task_key(std::uint32_t index) noexcept { return kTaskKeyBit | index; }

struct AccessRec {
  std::uint32_t key;
  Access kind;
  friend bool operator==(const AccessRec&, const AccessRec&) = default;
};

inline bool conflicts(Access a, Access b) noexcept {
  if (a == Access::acquire || b == Access::acquire) return false;
  if (a == Access::read && b == Access::read) return false;
  if (a == Access::add && b == Access::add) return false;
  if ((a == Access::lock && b == Access::unlock) || (a == Access::unlock && b == Access::lock)) return false;
  return true;
}

inline bool conflicts(std::span<const AccessRec> x, std::span<const AccessRec> y) noexcept {
  for (const AccessRec& a : x) {
    for (const AccessRec& b : y) {
      if (a.key == b.key && conflicts(a.kind, b.kind)) return true;
    }
  }
  return false;
}

struct Event {
  std::uint32_t thread;  // task index, or kClockThread
  std::uint32_t begin;   // its accesses: EventLog::accesses[begin, end)
  std::uint32_t end;
  std::int32_t cause;    // the event that spawned or woke this task (-1: none)
  std::int32_t after = -1;  // the event that enabled its operation, if not a race (see above)
};

class EventLog {
 public:
  void clear() noexcept {
    events_.clear();
    accesses_.clear();
  }
  void begin(std::uint32_t thread, std::int32_t cause) {
    const auto at = static_cast<std::uint32_t>(accesses_.size());
    events_.push_back(Event{thread, at, at, cause});
  }
  void add(std::uint32_t key, Access kind) {
    if (events_.empty()) return;
    Event& e = events_.back();
    for (std::uint32_t i = e.begin; i < e.end; ++i) {
      // An acquire is kept apart: it orders, whatever else the event does to the key.
      if (accesses_[i].key == key && (accesses_[i].kind == Access::acquire) == (kind == Access::acquire)) {
        if (accesses_[i].kind != kind) accesses_[i].kind = Access::write;  // two kinds: the stronger
        return;
      }
    }
    accesses_.push_back(AccessRec{key, kind});
    ++e.end;
  }
  std::int32_t current() const noexcept { return static_cast<std::int32_t>(events_.size()) - 1; }
  // Records that the running event's operation was enabled by event `e` (-1: none).
  void after(std::int32_t e) noexcept {
    if (!events_.empty() && e >= 0 && e < current()) events_.back().after = e;
  }
  std::size_t size() const noexcept { return events_.size(); }
  const Event& operator[](std::size_t i) const noexcept { return events_[i]; }
  std::span<const AccessRec> accesses(std::size_t i) const noexcept {
    return {accesses_.data() + events_[i].begin, events_[i].end - events_[i].begin};
  }

 private:
  std::vector<Event> events_;
  std::vector<AccessRec> accesses_;
};

// The log of the execution running on this thread, if it is logged: for wait queues,
// which see stale registrations without knowing the engine.
inline thread_local EventLog* tl_active_log = nullptr;

}  // namespace weft::sched
