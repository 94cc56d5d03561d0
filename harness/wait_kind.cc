#include "harness/wait_kind.h"

namespace weft {

std::string_view to_string(WaitKind k) noexcept {
  switch (k) {
    case WaitKind::running: return "running";
    case WaitKind::chan_send: return "chan send";
    case WaitKind::chan_recv: return "chan receive";
    case WaitKind::nil_chan: return "nil chan";
    case WaitKind::select: return "select";
    case WaitKind::mutex_lock: return "Mutex.lock";
    case WaitKind::rwmutex_lock: return "RWMutex.lock";
    case WaitKind::rwmutex_rlock: return "RWMutex.rlock";
    case WaitKind::condvar_wait: return "CondVar.wait";
    case WaitKind::waitgroup_wait: return "WaitGroup.wait";
    case WaitKind::once_wait: return "Once.call";
    case WaitKind::group_wait: return "Group.wait";
    case WaitKind::sleep: return "sleep";
  }
  return "?";
}

}  // namespace weft
