// The engine's decisions: who runs next at a scheduling point, which timer fires,
// under fairness and (for exhaustive search) the enabled-only model.
#include <algorithm>
#include <limits>

#include "scheduler/engine.h"

namespace weft::sched {

// ---------------------------------------------------------------- decisions

void Engine::record(ChoiceKind kind, std::uint32_t value, std::uint32_t options, std::uint8_t op) {
  choices_.push_back(Choice{kind, op, value, options});
}

void Engine::filter_fair() {
  // Fairness (fair stateless model checking): a task that polled is not a candidate
  // while another runnable task has not run since that poll.
  cands_ = std::span<Task* const>(runnable_.data(), runnable_.size());
  if (pollers_ > 0) {
    candidates_.clear();
    std::uint64_t min1 = std::numeric_limits<std::uint64_t>::max(), min2 = min1;
    const Task* argmin = nullptr;
    for (Task* t : runnable_) {
      if (t->last_ran < min1) {
        min2 = min1;
        min1 = t->last_ran;
        argmin = t;
      } else if (t->last_ran < min2) {
        min2 = t->last_ran;
      }
    }
    for (Task* t : runnable_) {
      const std::uint64_t others = (t == argmin) ? min2 : min1;
      if (t->yielded_at == 0 || others >= t->yielded_at) candidates_.push_back(t);
    }
    if (!candidates_.empty()) cands_ = std::span<Task* const>(candidates_.data(), candidates_.size());
  }
}

// The default: the running task goes on; else the next task in creation order.
static std::uint32_t preferred_of(std::span<Task* const> cands, const Task* cur, bool cur_runnable) noexcept {
  const auto n = static_cast<std::uint32_t>(cands.size());
  if (n == 0 || cur == nullptr) return 0;
  std::uint32_t i = 0;
  while (i < n && cands[i]->index < cur->index) ++i;
  if (i < n && cands[i] == cur && cur_runnable) return i;
  if (i < n && cands[i] == cur) return (i + 1) % n;
  return i % n;
}

std::uint32_t Engine::decide_enabled(Task* cur, bool& cur_runnable, std::uint32_t timers, bool only_cur) {
  enabled_.clear();
  if (only_cur) {
    enabled_.push_back(cur);
    timers = 0;
  } else {
    filter_fair();
    // A task that polled waits until the others have run, and a task parked before an
    // operation that would block runs by blocking (registering as a waiter, which the
    // poller may then see: a receiver its send case can reach). So while a poller is
    // held back, such tasks may block now, in any order, timers too (each logs its
    // operation as what it is), as plain DFS offers.
    const bool holding = cands_.size() < runnable_.size();
    for (Task* t : cands_) {
      if (holding || enabled(*t)) enabled_.push_back(t);
    }
    if (enabled_.empty()) {
      // Nothing can go through and no timer can change that: the first waiting task
      // blocks now. Its operation only reads the object: the order in which such
      // tasks block changes nothing, since nothing runs after them.
      enabled_.push_back(cands_[0]);
      cands_[0]->committing = true;
      timers = 0;
    }
  }
  if (cur_runnable && !enabled(*cur)) cur_runnable = false;  // it would block: leaving it is no preemption
  cands_ = std::span<Task* const>(enabled_.data(), enabled_.size());
  const auto n = static_cast<std::uint32_t>(enabled_.size());
  const std::uint32_t options = n + timers;
  if (options == 1 && config_.log == nullptr) return 0;
  const Decision d = task_decision(cur, cur_runnable, timers);
  const std::uint32_t r = pick(*strategy_, d);
  if (r == kPrune) return kPrune;
  if (r >= options) return kDiverged;
  if (options > 1) record_task_choice(r, options, d.op);
  return r;
}

Decision Engine::task_decision(const Task* cur, bool cur_runnable, std::uint32_t timers) const noexcept {
  Decision d;
  d.kind = ChoiceKind::task;
  d.op = cur ? cur->pending_op : kOpTimer;
  d.tasks = cands_;
  d.runnable = std::span<Task* const>(runnable_.data(), runnable_.size());
  d.timers = timers;
  d.options = static_cast<std::uint32_t>(cands_.size()) + timers;
  d.preferred = preferred_of(cands_, cur, cur_runnable);
  d.current = cur_runnable && !cands_.empty() && cands_[d.preferred] == cur;
  return d;
}

void Engine::record_task_choice(std::uint32_t r, std::uint32_t options, std::uint8_t op) {
  const auto n = static_cast<std::uint32_t>(cands_.size());
  if (r < n) record(ChoiceKind::task, cands_[r]->index, options, op);
  else record(ChoiceKind::timer, r - n, options, op);
}

std::uint32_t Engine::decide(Task* cur, bool cur_runnable, std::uint32_t timers) {
  filter_fair();
  const auto n = static_cast<std::uint32_t>(cands_.size());
  const std::uint32_t options = n + timers;
  if (options == 1) return 0;
  std::uint32_t r;
  if (auto* random = std::get_if<RandomStrategy>(strategy_)) {
    r = random->pick(options);  // the hot path of a search: no default to work out
  } else {
    r = pick(*strategy_, task_decision(cur, cur_runnable, timers));
    if (r >= options) return r == kPrune ? kPrune : kDiverged;
  }
  record_task_choice(r, options, cur ? cur->pending_op : kOpTimer);
  return r;
}

void* Engine::fire_timer(std::size_t k) {
  Clock::Fired f = clock_.pop(k);
  ++measure_.timer_firings;
  if (config_.log != nullptr) {
    config_.log->begin(kClockThread, -1);
    config_.log->add(kClockKey, Access::write);
  }
  if (config_.tracing) {
    trace_.push_back(TraceStep{TraceStep::Kind::timer, measure_.steps, running_ ? running_->index : 0,
                               kOpTimer, f.object, {}, false, {}});
  }
  firing_ = true;
  f.fire(f.arg);
  firing_ = false;
  if (main_done_ && ++fires_since_exit_ >= config_.leak_ticks) end(EndReason::ticker_leak);
  return f.arg;
}

Task* Engine::pick_next(Task* cur, bool cur_runnable) {
  // Fast path, the common step of a search: tasks can run and no timer is pending.
  if (end_ == EndReason::running && !runnable_.empty() && clock_.pending() == 0) [[likely]] {
    // (With nothing enabled and no timer, decide_enabled makes the first waiter block.)
    const std::uint32_t r = config_.enabled_only ? decide_enabled(cur, cur_runnable, 0, false)
                                                 : decide(cur, cur_runnable, 0);
    if (r >= kPrune) [[unlikely]] {
      end(r == kPrune ? EndReason::pruned : EndReason::diverged);
      return nullptr;
    }
    return chosen(cur, cur_runnable, r);
  }
  return pick_next_slow(cur, cur_runnable);
}

Task* Engine::chosen(Task* cur, bool cur_runnable, std::uint32_t r) noexcept {
  Task* next = cands_[r];
  clear_poll(*next);
  // A task that polled and must let others run first (fairness) hands over: no
  // preemption, as with a yield.
  if (cur_runnable && next != cur && (pollers_ == 0 || std::find(cands_.begin(), cands_.end(), cur) != cands_.end())) {
    ++measure_.preemptions;
    next->preempted_in = true;
  }
  return next;
}

Task* Engine::pick_next_slow(Task* cur, bool cur_runnable) {
  // Timers that fired while every task was blocked and woke nobody (a ticker no one
  // reads): passed over, so they can neither hide a deadlock nor spin forever.
  idle_timers_.clear();
  for (;;) {
    if (end_ != EndReason::running) return nullptr;
    if (done_count_ == task_count_) {
      end(EndReason::all_done);
      return nullptr;
    }
    if (none_enabled()) {
      // Every task waits (blocked, or parked before an operation that would block).
      clock_.due_group(idle_timers_, due_);
      const auto ties = static_cast<std::uint32_t>(due_.size());
      if (ties == 0) {
        if (!runnable_.empty()) {
          // Nothing will ever enable them: they block now, one by one (a forced node).
          const std::uint32_t r = decide_enabled(cur, cur_runnable, 0, false);
          if (r >= kPrune) {
            end(r == kPrune ? EndReason::pruned : EndReason::diverged);
            return nullptr;
          }
          return chosen(cur, cur_runnable, r);
        }
        end(EndReason::stuck);
        return nullptr;
      }
      std::uint32_t k = 0;
      if (ties > 1 || config_.log != nullptr) {
        // Under reduction a forced firing is still a node (an event of the clock).
        Decision d;
        d.kind = config_.log != nullptr ? ChoiceKind::task : ChoiceKind::timer;
        d.op = kOpTimer;
        d.timers = ties;
        d.options = ties;
        k = pick(*strategy_, d);
        if (k >= ties) {
          end(k == kPrune ? EndReason::pruned : EndReason::diverged);
          return nullptr;
        }
        if (ties > 1) record(ChoiceKind::timer, k, ties, kOpTimer);
      }
      void* const arg = fire_timer(due_[k]);
      if (none_enabled()) idle_timers_.push_back(arg);
      continue;
    }
    const std::uint32_t ties = clock_.pending() ? static_cast<std::uint32_t>(clock_.due_ties()) : 0;
    const std::uint32_t r = config_.enabled_only ? decide_enabled(cur, cur_runnable, ties, false)
                                                 : decide(cur, cur_runnable, ties);
    if (r >= kPrune) {
      end(r == kPrune ? EndReason::pruned : EndReason::diverged);
      return nullptr;
    }
    const auto n = static_cast<std::uint32_t>(cands_.size());
    if (r >= n) {
      fire_timer(r - n);
      if (end_ != EndReason::running) return nullptr;
      if (cur_runnable) {
        // A firing is not a switch: the running task goes on (a forced node when logging).
        if (config_.log != nullptr && decide_enabled(cur, cur_runnable, 0, true) == kPrune) {
          end(EndReason::pruned);
          return nullptr;
        }
        return cur;
      }
      continue;
    }
    return chosen(cur, cur_runnable, r);
  }
}

}  // namespace weft::sched
