// The virtual clock and the engine's pending timers. Time moves only when a timer
// fires; which timer fires, and when relative to task steps, is a scheduling choice.
#pragma once

#include <chrono>
#include <cstdint>
#include <set>
#include <tuple>
#include <vector>

namespace weft::sched {

using Duration = std::chrono::nanoseconds;

// Called when a timer fires, in whatever context made the decision; must not block.
using FireFn = void (*)(void* arg);

struct TimerId {
  std::uint32_t slot = 0;
  std::uint32_t generation = 0;  // 0 never names a live timer
  bool valid() const noexcept { return generation != 0; }
  bool operator==(const TimerId&) const = default;
};

class Clock {
 public:
  Duration now() const noexcept { return now_; }
  std::size_t pending() const noexcept { return queue_.size(); }

  // Registers a timer at absolute virtual time `deadline` (clamped to now).
  // `object` is the harness object the firing acts on (a channel, context, task).
  TimerId add(Duration deadline, FireFn fire, void* arg, std::uint32_t object);
  // True if the timer was pending (it will now never fire).
  bool cancel(TimerId id) noexcept;
  bool is_pending(TimerId id) const noexcept;
  Duration deadline(TimerId id) const noexcept;

  // Number of timers due at the earliest deadline (the explored tie choice).
  std::size_t due_ties() const noexcept;
  // Positions (in deadline order) of the earliest-deadline timers whose `arg` is not
  // in `skip`, for the all-blocked case where timers that woke nobody are passed over.
  void due_group(const std::vector<void*>& skip, std::vector<std::size_t>& out) const;
  // Removes the timer at position k in deadline order (k < due_ties(): the k-th of the
  // earliest ones, by registration), advances the clock to its deadline if later, and
  // returns what to call.
  struct Fired {
    FireFn fire;
    void* arg;
    std::uint32_t object;
  };
  Fired pop(std::size_t k);
  // The objects of every pending timer, in deadline order.
  template <class F>
  void for_each_pending(F&& f) const {
    for (const Key& k : queue_) f(slots_[std::get<2>(k)].object);
  }

  void reset() noexcept;

 private:
  struct Slot {
    Duration deadline{};
    std::uint64_t seq = 0;
    FireFn fire = nullptr;
    void* arg = nullptr;
    std::uint32_t object = 0;
    std::uint32_t generation = 1;
    bool live = false;
  };
  using Key = std::tuple<Duration, std::uint64_t, std::uint32_t>;  // deadline, seq, slot
  Duration now_{0};
  std::uint64_t seq_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::set<Key> queue_;
};

}  // namespace weft::sched
