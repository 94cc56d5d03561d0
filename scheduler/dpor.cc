#include "scheduler/dpor.h"

#include <algorithm>
#include <utility>

#include "scheduler/dpor_util.h"

namespace weft::sched {
namespace {

using dpor_detail::global;
using dpor_detail::has_key;
using dpor_detail::has_sleeper;

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
