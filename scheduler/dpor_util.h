// Helpers shared by the two halves of the reduced search: dpor.cc (the walk) and
// dpor_races.cc (what an execution's races ask for).
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "scheduler/event_log.h"

namespace weft::sched::dpor_detail {

inline bool has_key(const std::vector<std::uint32_t>& keys, std::uint32_t k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

// Failures, polls and changes to virtual time (a firing, arming or stopping a timer)
// conflict with every event of another thread (see DporStrategy::analyze()). For time
// this is conservative: when the clock may move is decided by every other event.
inline bool global(std::span<const AccessRec> fp) {
  return std::any_of(fp.begin(), fp.end(), [](const AccessRec& a) {
    return a.key == kEndKey || a.key == kFairKey || (a.key == kClockKey && a.kind == Access::write);
  });
}

template <class S>
bool has_sleeper(const std::vector<S>& v, std::uint32_t k) {
  return std::any_of(v.begin(), v.end(), [k](const S& s) { return s.key == k; });
}

}  // namespace weft::sched::dpor_detail
