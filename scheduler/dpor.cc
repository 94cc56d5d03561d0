#include "scheduler/dpor.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace weft::sched {
namespace {

bool has_key(const std::vector<std::uint32_t>& keys, std::uint32_t k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

// Failures, polls and changes to virtual time (a firing, arming or stopping a timer)
// conflict with every event of another thread (see analyze()). For time this is
// conservative: when the clock may move is decided by every other event.
bool global(std::span<const AccessRec> fp) {
  return std::any_of(fp.begin(), fp.end(), [](const AccessRec& a) {
    return a.key == kEndKey || a.key == kFairKey || (a.key == kClockKey && a.kind == Access::write);
  });
}

// Whether a node's options may conflict, as far as can be told before they run: two
// tasks parked before operations on one object, or a timer that could fire before a
// task goes on. Only steers where a sharded search splits (shard.h).
bool contended(const Decision& d) {
  if (d.timers > 0 && !d.tasks.empty()) return true;
  for (std::size_t i = 0; i < d.tasks.size(); ++i) {
    const Task* a = d.tasks[i];
    if (!a->at_point || a->pending_object == 0) continue;
    for (std::size_t j = i + 1; j < d.tasks.size(); ++j) {
      if (d.tasks[j]->at_point && d.tasks[j]->pending_object == a->pending_object) return true;
    }
  }
  return false;
}

// Whether task p.key was parked before the same operation at the previous node.
bool parked_same(const std::vector<DporStrategy::Pending>& before, const DporStrategy::Pending& p) {
  return std::any_of(before.begin(), before.end(),
                     [&](const DporStrategy::Pending& q) { return q.key == p.key && q.fp == p.fp; });
}

template <class S>
bool has_sleeper(const std::vector<S>& v, std::uint32_t k) {
  return std::any_of(v.begin(), v.end(), [k](const S& s) { return s.key == k; });
}

}  // namespace

std::uint32_t DporStrategy::diverge(const std::string& what) {
  divergence_ = "at search node " + std::to_string(pos_ + 1) + " " + what;
  return kDiverged;
}

std::uint32_t DporStrategy::pick_data(const Decision& d) {
  if (pos_ < stack_.size()) {
    Node& n = stack_[pos_];
    if (n.sched || n.options != d.options) {
      return diverge("the earlier execution made another kind of choice (the program is not deterministic)");
    }
    ++pos_;
    const std::uint32_t k = n.tried;
    return k == 0 ? n.preferred : (k <= n.preferred ? k - 1 : k);
  }
  Node n;
  n.sched = false;
  n.options = d.options;
  n.preferred = d.preferred;
  stack_.push_back(std::move(n));
  ++pos_;
  return d.preferred;
}

std::uint32_t DporStrategy::pick(const Decision& d) {
  if (d.kind != ChoiceKind::task) return pick_data(d);
  std::vector<std::uint32_t> keys;
  keys.reserve(d.options);
  for (const Task* t : d.tasks) keys.push_back(t->index);
  for (std::uint32_t k = 0; k < d.timers; ++k) keys.push_back(kClockOption | k);
  auto index_of = [&](std::uint32_t key) {
    return static_cast<std::uint32_t>(std::find(keys.begin(), keys.end(), key) - keys.begin());
  };

  if (pos_ < stack_.size()) {
    Node& n = stack_[pos_];
    if (!n.sched || n.keys != keys) {
      return diverge("offered other tasks than in the earlier execution with the same prefix (the program is not "
                     "deterministic)");
    }
    ++pos_;
    ++sched_;
    passed(n);
    return index_of(n.chosen);
  }
  if (probe_) return cut(d);  // the probed event has run: its accesses are logged

  Node n;
  n.keys = std::move(keys);
  n.preferred = d.preferred;
  n.current = d.current;
  if (n.keys.size() > 1) {
    n.bounded = bound_ && d.current && preemptions_ >= *bound_;
    n.contended = shard_.active() && contended(d);
    const ShardSplit::Role role = shard_.role(static_cast<std::uint32_t>(n.keys.size()), n.contended);
    n.split = role == ShardSplit::Role::split;
    n.path = shard_.path();
    if (role != ShardSplit::Role::below) {
      // Above and at the split every option is explored, so no reversal needs another
      // shard's executions (sleep sets still cut what only reorders explored work).
      for (const std::uint32_t k : n.keys) {
        if (allowed(n, k)) n.backtrack.push_back(k);
      }
    }
  }
  // Sleep set: what the parent node's sleepers and explored siblings did commutes with
  // the event that just ended, so starting with them here repeats a known execution.
  // Not under a preemption bound: a sleeper stands for an execution explored with
  // its event first, but the bound may have cut that execution, so the sleep set would
  // cut the only bounded execution of its class.
  if (!bound_ && sched_ > 0 && sched_ <= log_->size()) {
    const Node* parent = nullptr;
    for (std::size_t i = stack_.size(); i-- > 0;) {
      if (stack_[i].sched) {
        parent = &stack_[i];
        break;
      }
    }
    if (parent != nullptr) {
      const std::span<const AccessRec> last = log_->accesses(sched_ - 1);
      for (const auto* set : {&parent->sleep, &parent->done}) {
        for (const Sleeper& s : *set) {
          if (!global(last) && !global(s.fp) && !conflicts(s.fp, last)) n.sleep.push_back(s);
        }
      }
    }
  }
  std::uint32_t choice = d.preferred;
  if (has_sleeper(n.sleep, n.keys[choice])) {
    choice = static_cast<std::uint32_t>(n.keys.size());
    for (std::uint32_t i = 0; i < n.keys.size(); ++i) {
      if (!has_sleeper(n.sleep, n.keys[i]) && allowed(n, n.keys[i])) {
        choice = i;
        break;
      }
    }
    if (choice == n.keys.size()) return cut(d);  // every option only reorders explored work
  }
  record_pending(d, n.pending);
  n.chosen = n.keys[choice];
  n.probing = n.split && !shard_.owns(n.path, n.chosen);
  if (!has_key(n.backtrack, n.chosen)) n.backtrack.push_back(n.chosen);
  stack_.push_back(std::move(n));
  ++pos_;
  ++sched_;
  passed(stack_.back());
  return choice;
}

void DporStrategy::record_pending(const Decision& d, std::vector<Pending>& out) {
  for (const Task* t : d.runnable) {
    if (!t->at_point || t->pending_fp.empty()) continue;
    const bool enabled = std::find(d.tasks.begin(), d.tasks.end(), t) != d.tasks.end();
    out.push_back(Pending{t->index, t->pending_fp, enabled});
  }
}

std::uint32_t DporStrategy::cut(const Decision& d) {
  cut_ = true;
  cut_pending_.clear();
  record_pending(d, cut_pending_);
  return kPrune;
}

void DporStrategy::passed(const Node& n) {
  if (n.keys.size() < 2) return;
  if (n.keys[n.preferred] != n.chosen && (n.chosen & kClockOption) == 0 && n.current) ++preemptions_;
  shard_.pass(static_cast<std::uint32_t>(n.keys.size()), n.chosen, n.contended);
  if (n.probing) probe_ = true;
}

double DporStrategy::progress() const noexcept {
  double done = 0, share = 1;
  for (const Node& n : stack_) {
    const std::size_t width = n.sched ? n.backtrack.size() : n.options;
    const std::size_t finished = n.sched ? n.done.size() : n.tried;
    if (width == 0) continue;
    share /= static_cast<double>(width);
    done += share * static_cast<double>(finished);
  }
  return done;
}

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
  auto join = [&](std::size_t into, std::size_t from) {
    for (std::uint32_t t = 0; t < T; ++t) vc[into * T + t] = std::max(vc[into * T + t], vc[from * T + t]);
  };
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
  // zero: the clock of those is joined before races are sought, since none of them
  // could be reversed. The write itself is an ordinary race. A waiter that blocked
  // acquires when it resumes, so the clock is the one its waker (its cause) had.
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
      if (i <= last_write) continue;
      for (std::uint32_t u = 0; u < T; ++u) clock[u] = std::max(clock[u], vc[static_cast<std::size_t>(i) * T + u]);
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
  std::vector<std::uint32_t> deps;
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
    for (const AccessRec& a : acc) {
      if (a.kind != Access::acquire) continue;
      auto it = cause >= 0 ? released.find(static_cast<std::size_t>(cause)) : released.end();
      if (it == released.end()) released_clock(a.key, clock);
      const std::vector<std::uint32_t>& from = it == released.end() ? clock : it->second;
      for (std::uint32_t t = 0; t < T; ++t) vc[j * T + t] = std::max(vc[j * T + t], from[t]);
    }

    deps.clear();
    ends.clear();
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
          deps.push_back(static_cast<std::uint32_t>(i));
        } else if (kind == Access::lock && a.kind == Access::unlock) {
          // This unlock could have come before that lock, on a free mutex (a panic):
          // a race, but one that orders nothing (see event_log.h).
          ends.push_back(static_cast<std::uint32_t>(i));
        }
      }
    }
    std::sort(deps.begin(), deps.end(), std::greater<>());
    deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
    for (const std::uint32_t i : deps) {
      race(i, j);
      join(j, i);
    }
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

bool DporStrategy::advance() {
  stack_.resize(pos_);  // nodes past where the last execution stopped were not reached
  while (!stack_.empty()) {
    Node& n = stack_.back();
    if (!n.sched) {
      if (n.tried + 1 < n.options) {
        ++n.tried;
        return true;
      }
      stack_.pop_back();
      continue;
    }
    n.done.push_back(Sleeper{n.chosen, n.chosen_fp});
    for (const std::uint32_t k : n.backtrack) {
      if (!has_sleeper(n.done, k) && !has_sleeper(n.sleep, k) && allowed(n, k)) {
        n.chosen = k;
        n.probing = n.split && !shard_.owns(n.path, k);
        return true;
      }
    }
    stack_.pop_back();
  }
  return false;
}

}  // namespace weft::sched
