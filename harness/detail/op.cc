#include "harness/detail/op.h"

#include <array>

#include "scheduler/event_log.h"

namespace weft::detail {

std::string_view op_name(std::uint8_t op) noexcept {
  static constexpr std::array<std::string_view, static_cast<std::size_t>(Op::count_)> kNames = {
      "start", "go", "yield", "choose",
      "chan send", "chan receive", "chan close", "chan len", "select",
      "Mutex.lock", "Mutex.unlock", "Mutex.try_lock",
      "RWMutex.lock", "RWMutex.unlock", "RWMutex.rlock", "RWMutex.runlock", "RWMutex.try_lock",
      "RWMutex.try_rlock",
      "CondVar.wait", "CondVar.notify",
      "WaitGroup.add", "WaitGroup.wait",
      "Once.call",
      "atomic load", "atomic store", "atomic rmw",
      "timer set", "timer stop", "sleep", "now",
      "cancel", "ctx.err",
      "Group.go", "Group.wait",
      "received",
  };
  if (op < kNames.size()) return kNames[op];
  if (op == 63) return "timer fired";
  return "op?";
}

const std::int8_t* op_access_table() noexcept {
  using sched::Access;
  static const std::array<std::int8_t, 64> table = [] {
    std::array<std::int8_t, 64> t{};
    t.fill(-1);
    auto set = [&](Op op, Access a) { t[static_cast<std::size_t>(op)] = static_cast<std::int8_t>(a); };
    for (Op op : {Op::chan_close, Op::mutex_try_lock, Op::rw_lock,
                  Op::rw_unlock, Op::rw_lock_shared, Op::rw_unlock_shared, Op::rw_try_lock, Op::rw_try_lock_shared,
                  Op::cond_wait, Op::cond_notify, Op::once_call, Op::atomic_store, Op::atomic_rmw, Op::timer_set,
                  Op::timer_stop, Op::ctx_cancel, Op::group_go, Op::group_wait}) {
      set(op, Access::write);
    }
    for (Op op : {Op::chan_len, Op::wg_wait, Op::atomic_load, Op::ctx_err}) set(op, Access::read);
    set(Op::mutex_lock, Access::lock);
    set(Op::mutex_unlock, Access::unlock);
    // A rendezvous is modelled like a lock hand-over (the receive is enabled only once
    // there is something to take, Runtime::ready): a send that waits for a receiver
    // enables receives as an unlock enables a lock, and a receive that takes a waiting
    // sender's value competes with other receives as locks do. So the receive is not
    // ordered after the registration it takes, and two receives competing for one
    // sender race even when a registration lies between them. What completes at once
    // (a buffered value, a waiting receiver) the shim logs as a write.
    set(Op::chan_send, Access::unlock);
    set(Op::chan_recv, Access::lock);
    // select: the shim says, for each of its channels.
    // wg_add: the shim says (a decrement may commute); spawn, yield, choose, sleep,
    // now: no object (sleep and now touch the clock, said by the shim).
    return t;
  }();
  return table.data();
}

}  // namespace weft::detail
