// What an unfinished task is waiting on, as shown in reports.
#pragma once

#include <cstdint>
#include <string_view>

namespace weft {

enum class WaitKind : std::uint8_t {
  running,         // not blocked: spinning, or runnable when the execution ended
  chan_send,
  chan_recv,
  nil_chan,        // an operation on a nil channel: blocks forever
  select,
  mutex_lock,
  rwmutex_lock,
  rwmutex_rlock,
  condvar_wait,
  waitgroup_wait,
  once_wait,
  group_wait,
  sleep,
};

// "chan send", "Mutex.lock", … as in the report text.
std::string_view to_string(WaitKind k) noexcept;

}  // namespace weft
