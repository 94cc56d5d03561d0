#include "scheduler/clock.h"

#include <algorithm>
#include <iterator>

namespace weft::sched {

TimerId Clock::add(Duration deadline, FireFn fire, void* arg, std::uint32_t object) {
  if (deadline < now_) deadline = now_;
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Slot& s = slots_[slot];
  s.deadline = deadline;
  s.seq = ++seq_;
  s.fire = fire;
  s.arg = arg;
  s.object = object;
  s.live = true;
  queue_.insert(Key{deadline, s.seq, slot});
  return TimerId{slot, s.generation};
}

bool Clock::is_pending(TimerId id) const noexcept {
  return id.valid() && id.slot < slots_.size() && slots_[id.slot].live &&
         slots_[id.slot].generation == id.generation;
}

Duration Clock::deadline(TimerId id) const noexcept {
  return is_pending(id) ? slots_[id.slot].deadline : Duration::max();
}

bool Clock::cancel(TimerId id) noexcept {
  if (!is_pending(id)) return false;
  Slot& s = slots_[id.slot];
  queue_.erase(Key{s.deadline, s.seq, id.slot});
  s.live = false;
  if (++s.generation == 0) s.generation = 1;  // 0 never names a live timer
  free_slots_.push_back(id.slot);
  return true;
}

std::size_t Clock::due_ties() const noexcept {
  if (queue_.empty()) return 0;
  const Duration first = std::get<0>(*queue_.begin());
  std::size_t n = 0;
  for (auto it = queue_.begin(); it != queue_.end() && std::get<0>(*it) == first; ++it) ++n;
  return n;
}

void Clock::due_group(const std::vector<void*>& skip, std::vector<std::size_t>& out) const {
  out.clear();
  std::size_t pos = 0;
  Duration group{};
  for (auto it = queue_.begin(); it != queue_.end(); ++it, ++pos) {
    const auto [deadline, seq, slot] = *it;
    if (!out.empty() && deadline != group) break;
    if (std::find(skip.begin(), skip.end(), slots_[slot].arg) != skip.end()) continue;
    group = deadline;
    out.push_back(pos);
  }
}

Clock::Fired Clock::pop(std::size_t k) {
  auto it = std::next(queue_.begin(), static_cast<std::ptrdiff_t>(k));
  const auto [deadline, seq, slot] = *it;
  Slot& s = slots_[slot];
  if (deadline > now_) now_ = deadline;
  Fired f{s.fire, s.arg, s.object};
  queue_.erase(it);
  s.live = false;
  if (++s.generation == 0) s.generation = 1;
  free_slots_.push_back(slot);
  return f;
}

void Clock::reset() noexcept {
  now_ = Duration{0};
  seq_ = 0;
  queue_.clear();
  slots_.clear();
  free_slots_.clear();
}

}  // namespace weft::sched
