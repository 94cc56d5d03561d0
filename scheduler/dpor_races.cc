// The race analysis of the reduced search (dpor.h): after each execution, the races
// among its events (and its parked tasks' pending operations), and the reversals they
// ask for, scheduled at the search nodes before them.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "scheduler/dpor.h"
#include "scheduler/dpor_util.h"

namespace weft::sched {
namespace {

using dpor_detail::global;
using dpor_detail::has_key;
using dpor_detail::has_sleeper;

// Whether task p.key was parked before the same operation at the previous node.
bool parked_same(const std::vector<DporStrategy::Pending>& before, const DporStrategy::Pending& p) {
  return std::any_of(before.begin(), before.end(),
                     [&](const DporStrategy::Pending& q) { return q.key == p.key && q.fp == p.fp; });
}

}  // namespace

void DporStrategy::analyze() {
  // Scheduling nodes in order are the events in order.
  std::vector<std::size_t> node_of;
  for (std::size_t i = 0; i < stack_.size(); ++i) {
    if (stack_[i].sched) node_of.push_back(i);
  }
  // Events past the last node are virtual: pending timers at the end (see Engine::run).
  const std::size_t n = log_->size();
  for (std::size_t e = 0; e < std::min(n, node_of.size()); ++e) {
    const auto fp = log_->accesses(e);
    stack_[node_of[e]].chosen_fp.assign(fp.begin(), fp.end());
  }

  // Dense thread numbers: tasks by index, the clock last.
  std::uint32_t tasks = 0;
  for (std::size_t e = 0; e < n; ++e) {
    if ((*log_)[e].thread != kClockThread) tasks = std::max(tasks, (*log_)[e].thread + 1);
  }
  const std::uint32_t T = tasks + 1;
  auto thread_of = [&](std::size_t e) { return (*log_)[e].thread == kClockThread ? tasks : (*log_)[e].thread; };

  // Vector clocks: vc[e*T + t] = how many events of thread t happen before or are e.
  std::vector<std::uint32_t> vc(n * T, 0), seq(n, 0), count(T, 0);
  std::vector<std::int64_t> last(T, -1);
  auto hb = [&](std::size_t a, std::size_t b) { return vc[b * T + thread_of(a)] >= seq[a]; };  // a -> b
  // Joins a clock (T entries) into a clock: event e's is vc.data() + e * T.
  auto join_clock = [&](std::uint32_t* into, const std::uint32_t* from) {
    for (std::uint32_t t = 0; t < T; ++t) into[t] = std::max(into[t], from[t]);
  };
  auto join = [&](std::size_t into, std::size_t from) { join_clock(&vc[into * T], &vc[from * T]); };
  // For each key, each thread's last access of each kind: an earlier access of the same
  // thread and kind happens before it, so a race with it shows up once this one is
  // reversed (keeping every access made long executions, such as spin loops, cubic).
  constexpr std::size_t kKinds = 5;  // every kind but acquire, which is not kept
  std::unordered_map<std::uint32_t, std::vector<std::int64_t>> by_key;
  auto accesses_of = [&](std::uint32_t key) -> std::vector<std::int64_t>& {
    auto [it, fresh] = by_key.try_emplace(key);
    if (fresh) it->second.assign(T * kKinds, -1);
    return it->second;
  };
  // Acquires (event_log.h): a wait that passes because a counter is zero follows the
  // decrements since the counter's last other update (a write), which brought it to
  // zero: none of those races with it. The write does, and is sought first: the
  // decrements may follow it, so joining their clock first would hide that race. A
  // waiter that blocked acquires when it resumes: with the clock its waker (its cause)
  // had.
  auto released_clock = [&](std::uint32_t key, std::vector<std::uint32_t>& clock) {
    clock.assign(T, 0);
    auto it = by_key.find(key);
    if (it == by_key.end()) return;
    const std::vector<std::int64_t>& slots = it->second;
    std::int64_t last_write = -1;
    for (std::uint32_t t = 0; t < T; ++t) {
      last_write = std::max(last_write, slots[t * kKinds + static_cast<std::size_t>(Access::write)]);
    }
    for (std::uint32_t t = 0; t < T; ++t) {
      const std::int64_t i = slots[t * kKinds + static_cast<std::size_t>(Access::add)];
      if (i > last_write) join_clock(clock.data(), &vc[static_cast<std::size_t>(i) * T]);
    }
  };
  std::unordered_map<std::size_t, std::uint32_t> wakers;  // event -> the key its wakee acquires
  for (std::size_t e = 0; e < n; ++e) {
    const std::int32_t cause = (*log_)[e].cause;
    if (cause < 0 || static_cast<std::size_t>(cause) >= e) continue;
    for (const AccessRec& a : log_->accesses(e)) {
      if (a.kind == Access::acquire) wakers.emplace(static_cast<std::size_t>(cause), a.key);
    }
  }
  std::unordered_map<std::size_t, std::vector<std::uint32_t>> released;  // waker -> clock
  std::vector<std::uint32_t> clock;
  std::vector<std::int64_t> last_global(T, -1);  // each thread's last failure or poll
  std::unordered_set<std::uint64_t> reversed;     // (i, thread) races already handled
  // first: the races an ordering edge into the event would hide, sought before it is joined
  std::vector<std::uint32_t> deps, first;
  std::vector<std::size_t> v;
  std::vector<std::uint32_t> ends;     // races that order nothing
  // The threads that can start v: those whose first event in v follows no other of v.
  auto initials_of = [&](const std::vector<std::size_t>& seq_v) {
    std::vector<std::uint32_t> out, seen;
    for (std::size_t a = 0; a < seq_v.size(); ++a) {
      const std::uint32_t t = thread_of(seq_v[a]);
      if (has_key(seen, t)) continue;
      seen.push_back(t);
      bool first = true;
      for (std::size_t b = 0; b < a && first; ++b) {
        if (hb(seq_v[b], seq_v[a])) first = false;
      }
      if (first) out.push_back(t);
    }
    return out;
  };

  // A race i < j (unless i happens before j through other events): explore, before i,
  // a sequence that reaches j first. Its possible first threads are the initials of
  // v = (events after i not after it in happens-before) . j.
  auto race = [&](std::size_t i, std::size_t j) {
    if (hb(i, j) || i >= node_of.size()) return;
    // A later event of the same thread racing with i has the same first event in its
    // v, so the same reversal (reverse() returns early once one initial is scheduled).
    if (!reversed.insert((static_cast<std::uint64_t>(i) << 32) | thread_of(j)).second) return;
    v.clear();
    for (std::size_t k = i + 1; k < j; ++k) {
      if (!hb(i, k)) v.push_back(k);
    }
    v.push_back(j);
    schedule_reversal(node_of[i], thread_of(j), initials_of(v), tasks);
  };

  // The parked tasks at node j (j == node_of.size(): where the execution was cut).
  auto pending_at = [&](std::size_t j) -> const std::vector<Pending>* {
    if (j < node_of.size()) return &stack_[node_of[j]].pending;
    return j == node_of.size() && cut_ ? &cut_pending_ : nullptr;
  };
  // Races of parked tasks' pending operations (see dpor.h), at node j before event j.
  auto pending_races = [&](std::size_t j) {
    const std::vector<Pending>* here = pending_at(j);
    if (here == nullptr) return;
    const std::vector<Pending>* before = j > 0 ? pending_at(j - 1) : nullptr;
    const std::vector<Pending>* after = pending_at(j + 1);
    const bool event = j < node_of.size() && j < n;
    for (const Pending& p : *here) {
      if (p.key >= tasks || (event && p.key == stack_[node_of[j]].chosen)) continue;
      if (p.enabled) {
        if (!event) continue;
        // Disabled by event j (or the execution ended with it)?
        const bool disabled = after == nullptr || std::none_of(after->begin(), after->end(), [&](const Pending& q) {
                                return q.key == p.key && q.enabled;
                              });
        if (disabled && conflicts(p.fp, log_->accesses(j))) schedule_reversal(node_of[j], p.key, {p.key}, tasks);
        continue;
      }
      if (before != nullptr && parked_same(*before, p)) continue;
      // It just parked, disabled: the latest earlier conflicting event it does not follow.
      std::int64_t latest = -1;
      for (const AccessRec& a : p.fp) {
        auto it = by_key.find(a.key);
        if (it == by_key.end()) continue;
        for (std::size_t slot = 0; slot < it->second.size(); ++slot) {
          const std::int64_t i = it->second[slot];
          if (i <= latest || slot / kKinds == p.key || !conflicts(static_cast<Access>(slot % kKinds), a.kind)) continue;
          if (last[p.key] >= 0 && hb(static_cast<std::size_t>(i), static_cast<std::size_t>(last[p.key]))) continue;
          latest = i;
        }
      }
      if (latest >= 0 && static_cast<std::size_t>(latest) < node_of.size()) {
        schedule_reversal(node_of[static_cast<std::size_t>(latest)], p.key, {p.key}, tasks);
      }
    }
  };

  for (std::size_t j = 0; j < n; ++j) {
    if (j <= node_of.size()) pending_races(j);
    const std::uint32_t th = thread_of(j);
    seq[j] = ++count[th];
    if (last[th] >= 0) join(j, static_cast<std::size_t>(last[th]));
    const std::int32_t cause = (*log_)[j].cause;
    if (cause >= 0 && static_cast<std::size_t>(cause) < j) join(j, static_cast<std::size_t>(cause));
    last[th] = static_cast<std::int64_t>(j);
    const auto acc = log_->accesses(j);
    auto acquires = [&](std::uint32_t key) {
      return std::any_of(acc.begin(), acc.end(), [key](const AccessRec& a) {
        return a.key == key && a.kind == Access::acquire;
      });
    };

    deps.clear();
    first.clear();
    ends.clear();
    const std::int32_t after = (*log_)[j].after;
    if (global(acc)) {
      // A failure ends the execution: every event of another thread could have been
      // cut off by it. A poll keeps its task waiting until any other task has run. So
      // both race with every event of another thread, before and after them. These
      // races order nothing (no happens-before through them: they must not hide the
      // races the events have among themselves).
      // (Each other thread's last event stands for its earlier ones, as above.)
      for (std::uint32_t t = 0; t < T; ++t) {
        if (t != th && last[t] >= 0) ends.push_back(static_cast<std::uint32_t>(last[t]));
      }
      last_global[th] = static_cast<std::int64_t>(j);
    } else {
      for (std::uint32_t t = 0; t < T; ++t) {
        if (t != th && last_global[t] >= 0) ends.push_back(static_cast<std::uint32_t>(last_global[t]));
      }
    }
    for (const AccessRec& a : acc) {
      if (a.key == kEndKey || a.key == kFairKey) continue;  // handled as globals
      auto it = by_key.find(a.key);
      if (it == by_key.end()) continue;
      for (std::size_t slot = 0; slot < it->second.size(); ++slot) {
        const std::int64_t i = it->second[slot];
        if (i < 0 || slot / kKinds == th) continue;
        const auto kind = static_cast<Access>(slot % kKinds);
        if (conflicts(kind, a.kind)) {
          // A lock's races with earlier locks (its enabler follows them), a wait's with
          // the counter's last writes (the decrements it acquires follow them).
          const bool before_edge = (after >= 0 && kind == Access::lock && a.kind == Access::lock) ||
                                   (kind == Access::write && acquires(a.key));
          (before_edge ? first : deps).push_back(static_cast<std::uint32_t>(i));
        } else if (kind == Access::lock && a.kind == Access::unlock) {
          // This unlock could have come before that lock, on a free mutex (a panic):
          // a race, but one that orders nothing (see event_log.h).
          ends.push_back(static_cast<std::uint32_t>(i));
        }
      }
    }
    auto race_and_join = [&](std::vector<std::uint32_t>& earlier) {
      std::sort(earlier.begin(), earlier.end(), std::greater<>());
      earlier.erase(std::unique(earlier.begin(), earlier.end()), earlier.end());
      for (const std::uint32_t i : earlier) {
        race(i, j);
        join(j, i);
      }
    };
    // A lock follows the unlock that enabled it, which follows the previous lock: so its
    // races with earlier locks are found first, and the rest of its event (the start of
    // its critical section) then follows what the previous critical section did.
    // Likewise a wait that acquires a counter.
    race_and_join(first);
    if (after >= 0 && static_cast<std::size_t>(after) < j) join(j, static_cast<std::size_t>(after));
    for (const AccessRec& a : acc) {
      if (a.kind != Access::acquire) continue;
      auto it = cause >= 0 ? released.find(static_cast<std::size_t>(cause)) : released.end();
      if (it == released.end()) released_clock(a.key, clock);
      join_clock(&vc[j * T], it == released.end() ? clock.data() : it->second.data());
    }
    race_and_join(deps);
    std::sort(ends.begin(), ends.end(), std::greater<>());
    for (const std::uint32_t i : ends) race(i, j);
    vc[j * T + th] = seq[j];
    for (const AccessRec& a : acc) {
      if (a.kind != Access::acquire) accesses_of(a.key)[th * kKinds + static_cast<std::size_t>(a.kind)] = j;
    }
    if (auto w = wakers.find(j); w != wakers.end()) {
      released_clock(w->second, clock);
      released.emplace(j, clock);
    }
  }
  if (node_of.size() >= n) pending_races(node_of.size());
}

void DporStrategy::schedule_reversal(std::size_t node, std::uint32_t thread, const std::vector<std::uint32_t>& initials,
                                     std::uint32_t clock_thread) {
  reverse(node, thread, initials, clock_thread);
  if (!bound_) return;
  // Bounded: starting the reversal at `node` may cost a preemption too many. So,
  // walking back to the thread's own last turn, the thread is also scheduled wherever
  // the bound lets it run (a context switch costs none), and where it cannot run at
  // all (blocked, or not yet parked at an enabled operation), every option the bound
  // allows is tried: one of them may let it run sooner.
  auto schedule = [](Node& at, std::uint32_t key) {
    if (!has_key(at.backtrack, key)) at.backtrack.push_back(key);
  };
  for (std::size_t i = node + 1; i-- > 0;) {
    Node& at = stack_[i];
    if (!at.sched || at.keys.size() < 2) continue;
    if (i != node && starts(at.chosen, thread, clock_thread)) return;
    bool option = false;
    for (const std::uint32_t key : at.keys) {
      if (!starts(key, thread, clock_thread)) continue;
      option = true;
      if (allowed(at, key)) schedule(at, key);
    }
    if (option) continue;
    for (const std::uint32_t key : at.keys) {
      if (allowed(at, key)) schedule(at, key);
    }
  }
}

void DporStrategy::reverse(std::size_t node, std::uint32_t first_thread, const std::vector<std::uint32_t>& initials,
                           std::uint32_t clock_thread) {
  Node& nd = stack_[node];
  // The option keys at this node that start thread t.
  auto keys_of = [&](std::uint32_t t) {
    std::vector<std::uint32_t> out;
    for (const std::uint32_t k : nd.keys) {
      if (starts(k, t, clock_thread)) out.push_back(k);
    }
    return out;
  };
  for (const std::uint32_t t : initials) {
    for (const std::uint32_t k : keys_of(t)) {
      if (has_key(nd.backtrack, k) || has_sleeper(nd.done, k) || has_sleeper(nd.sleep, k)) return;
    }
  }
  std::vector<std::uint32_t> add = keys_of(first_thread);
  if (add.empty() || !has_key(initials, first_thread)) {
    add.clear();
    for (const std::uint32_t t : initials) {
      add = keys_of(t);
      if (!add.empty()) break;
    }
  }
  if (add.empty()) add = nd.keys;  // no initial can start here: be conservative, try all
  for (const std::uint32_t k : add) {
    if (!has_key(nd.backtrack, k)) nd.backtrack.push_back(k);
  }
}

}  // namespace weft::sched
