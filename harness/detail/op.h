// Operation codes of scheduling points: recorded in schedules (checked on replay,
// so values are part of the token format: append, never renumber; keep < 63).
#pragma once

#include <cstdint>
#include <string_view>

namespace weft::detail {

enum class Op : std::uint8_t {
  start = 0,  // a task's first step
  spawn, yield, choose,
  chan_send, chan_recv, chan_close, chan_len, select,
  mutex_lock, mutex_unlock, mutex_try_lock,
  rw_lock, rw_unlock, rw_lock_shared, rw_unlock_shared, rw_try_lock, rw_try_lock_shared,
  cond_wait, cond_notify,
  wg_add, wg_wait,
  once_call,
  atomic_load, atomic_store, atomic_rmw,
  timer_set, timer_stop, sleep, now,
  ctx_cancel, ctx_err,
  group_go, group_wait,
  received,  // after a receive took a waiting sender's value (enabled-only model, see chan.h)
  count_,
};

std::string_view op_name(std::uint8_t op) noexcept;

// How each operation touches the object of its scheduling point, as a
// sched::Access, or -1 for not at all (64 entries): the dependence relation of
// exhaustive search (scheduler/event_log.h). Shims add what a point cannot say
// (every channel of a select, the clock, a WaitGroup decrement that commutes).
const std::int8_t* op_access_table() noexcept;

}  // namespace weft::detail
