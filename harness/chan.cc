#include "harness/chan.h"

namespace weft::detail {

bool ChanCore::close_nowait(Runtime& rt) noexcept {
  if (closed) return false;
  closed = true;
  // Receivers get "closed" (their slot stays empty); senders wake up to panic.
  while (auto w = recvq.take()) {
    rt.engine().wake(*w->task, chan_token(w->tag, true));
  }
  while (auto w = sendq.take()) {
    rt.engine().wake(*w->task, chan_token(w->tag, true));
  }
  return true;
}

std::string ChanCore::describe(const void* self, std::uint32_t id) {
  auto* c = static_cast<const ChanCore*>(self);
  std::string s = "chan#" + std::to_string(id) + " (";
  s += c->cap == 0 ? std::string("unbuffered") : "buffered " + std::to_string(c->cap);
  s += ", len " + std::to_string(c->buffered());
  if (c->closed) s += ", closed";
  const std::size_t senders = c->sendq.live_count(), receivers = c->recvq.live_count();
  if (senders) s += ", " + std::to_string(senders) + (senders == 1 ? " blocked sender" : " blocked senders");
  if (receivers) s += ", " + std::to_string(receivers) + (receivers == 1 ? " blocked receiver" : " blocked receivers");
  return s + ")";
}

}  // namespace weft::detail
