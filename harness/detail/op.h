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
  count_,
};

std::string_view op_name(std::uint8_t op) noexcept;

}  // namespace weft::detail
