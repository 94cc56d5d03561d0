// Chan<T>: Go channels. A cheap, copyable handle; default-constructed = nil channel.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <iterator>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <utility>

#include "harness/detail/runtime.h"

namespace weft {

namespace detail {

// Wake tokens of channel waits: the select case index, shifted, plus a closed flag.
inline constexpr std::uintptr_t kClosedBit = 1;
inline std::uintptr_t chan_token(std::uintptr_t case_index, bool closed) {
  return (case_index << 1) | (closed ? kClosedBit : 0);
}

// The untyped half of a channel, which select works through. Blocked receivers wait
// in recvq with slot = std::optional<T>* to fill; blocked senders in sendq with
// slot = T* to take from.
class ChanCore {
 public:
  ChanCore(std::size_t capacity, Runtime& rt) : cap(capacity) {
    id = rt.add_object(ObjKind::chan, this, &ChanCore::describe);
    serial = rt.serial();
  }
  virtual ~ChanCore() { Runtime::forget_if_current(id, serial); }
  ChanCore(const ChanCore&) = delete;
  ChanCore& operator=(const ChanCore&) = delete;

  virtual std::size_t buffered() const noexcept = 0;
  bool recv_ready() noexcept { return buffered() > 0 || !sendq.empty() || closed; }
  // The rendezvous model of exhaustive search (Runtime::ready): a receive is enabled
  // only when it can take something, so of a sender and a receiver meeting on an
  // empty channel the sender always blocks first and the receiver completes the
  // exchange: one order, where "who blocks first" would be two equivalent ones. A
  // receive may still block first while a select with a default polls to send here,
  // which succeeds only against a waiting receiver.
  bool recv_enabled() const noexcept { return buffered() > 0 || closed || sendq.any_live() || send_pollers > 0; }
  // Whether a receive now would take a waiting sender's value. Where the rendezvous
  // model made the sender wait, the receiver may have waited instead, and then gone on
  // only later, after others ran (which matters to who may run after a poll): so
  // under that model such a receive is followed by a scheduling point of its own.
  bool hands_over() const noexcept { return buffered() == 0 && !closed && sendq.any_live(); }
  bool send_ready() noexcept { return closed || !recvq.empty() || buffered() < cap; }
  // Completes a ready receive into *out (a std::optional<T>*).
  virtual void recv_now(Runtime& rt, void* out) = 0;
  // Completes a ready send of *value (a T*); panics if the channel is closed.
  virtual void send_now(Runtime& rt, void* value, const std::source_location& where) = 0;

  // Closes without a scheduling point or a panic (contexts, timers); true if it was open.
  bool close_nowait(Runtime& rt) noexcept;

  static std::string describe(const void* self, std::uint32_t id);

  std::uint32_t id = 0;
  std::uint64_t serial = 0;
  std::size_t cap;
  bool closed = false;
  std::uint32_t send_pollers = 0;  // tasks parked at a select with a default and a send case here
  sched::WaitQueue sendq, recvq;
};

// A select that can only receive (no send case, no default), as its task's
// pending_detail while parked at its point: enabled once one of its channels is.
struct RecvSelect {
  ChanCore* const* chans;
  std::size_t n;
};

template <class T>
class ChanState final : public ChanCore {
 public:
  using ChanCore::ChanCore;

  std::size_t buffered() const noexcept override { return buf_.size(); }

  // Takes a value if one can be had without blocking; nullopt + *closed_out if closed.
  bool try_recv(Runtime& rt, std::optional<T>& out) {
    if (!buf_.empty()) {
      rt.touch(id, sched::Access::write);  // not only a take: the buffer changes
      out.emplace(std::move(buf_.front()));
      buf_.pop_front();
      // A blocked sender's value moves into the freed buffer slot.
      if (auto w = sendq.take()) {
        buf_.push_back(std::move(*static_cast<T*>(w->slot)));
        rt.engine().wake(*w->task, chan_token(w->tag, false));
      }
      return true;
    }
    if (auto w = sendq.take()) {
      out.emplace(std::move(*static_cast<T*>(w->slot)));
      rt.engine().wake(*w->task, chan_token(w->tag, false));
      return true;
    }
    if (closed) {
      out.reset();
      return true;
    }
    return false;
  }

  // Delivers a value if it can without blocking (the caller checked `closed`).
  bool try_send(Runtime& rt, T& v) {
    // Completing at once, rather than registering to wait (see op.cc), is a write.
    if (auto w = recvq.take()) {
      rt.touch(id, sched::Access::write);
      static_cast<std::optional<T>*>(w->slot)->emplace(std::move(v));
      rt.engine().wake(*w->task, chan_token(w->tag, false));
      return true;
    }
    if (buf_.size() < cap) {
      rt.touch(id, sched::Access::write);
      buf_.push_back(std::move(v));
      return true;
    }
    return false;
  }

  void recv_now(Runtime& rt, void* out) override { try_recv(rt, *static_cast<std::optional<T>*>(out)); }
  void send_now(Runtime& rt, void* value, const std::source_location& where) override {
    if (closed) panic("send on closed channel", where);
    try_send(rt, *static_cast<T*>(value));
  }

  void drain() noexcept { buf_.clear(); }

 private:
  std::deque<T> buf_;
};

}  // namespace detail

template <class T>
class Chan {
 public:
  // The nil channel: send and receive block forever, close panics.
  Chan() = default;

  // Sends v; blocks until a receiver takes it or buffer space frees up. A nil channel
  // blocks forever. Panics (weft::Panic) if the channel is or gets closed.
  void send(T v, std::source_location where = std::source_location::current()) const {
    auto& rt = detail::Runtime::get("Chan::send");
    if (rt.inert()) return;
    rt.point(detail::Op::chan_send, s_ ? s_->id : 0, where);
    if (!s_) rt.block_forever(WaitKind::nil_chan, 0, where);
    if (s_->closed) detail::panic("send on closed channel", where);
    if (s_->try_send(rt, v)) return;
    s_->sendq.push(rt.self(), &v, 0);
    const std::uintptr_t tok = rt.block(WaitKind::chan_send, s_->id, where);
    if (tok & detail::kClosedBit) detail::panic("send on closed channel", where);
  }

  // Receives a value; blocks until one is available. nullopt once the channel is
  // closed and drained. A nil channel blocks forever.
  std::optional<T> recv(std::source_location where = std::source_location::current()) const {
    auto& rt = detail::Runtime::get("Chan::recv");
    if (rt.inert()) return std::nullopt;
    rt.point(detail::Op::chan_recv, s_ ? s_->id : 0, where);
    if (!s_) rt.block_forever(WaitKind::nil_chan, 0, where);
    std::optional<T> out;
    const bool handover = rt.engine().enabled_only() && s_->hands_over();
    if (s_->try_recv(rt, out)) {
      if (handover) [[unlikely]] rt.point(detail::Op::received, 0, where);
      return out;
    }
    // Registering (only while a select polls to send here, or when nothing else can
    // run): a send that finds it completes at once instead of waiting.
    rt.touch(s_->id, sched::Access::write);
    s_->recvq.push(rt.self(), &out, 0);
    rt.block(WaitKind::chan_recv, s_->id, where);
    return out;  // filled by the sender, or left empty by close
  }

  // Closes the channel: buffered values stay receivable, blocked receivers get
  // nullopt, blocked senders panic. Panics if nil or already closed.
  void close(std::source_location where = std::source_location::current()) const {
    auto& rt = detail::Runtime::get("Chan::close");
    if (rt.inert()) return;
    rt.point(detail::Op::chan_close, s_ ? s_->id : 0, where);
    if (!s_) detail::panic("close of nil channel", where);
    if (!s_->close_nowait(rt)) detail::panic("close of closed channel", where);
  }

  // Not a scheduling point, yet it reads the buffer that sends and receives change:
  // logged as a read of the channel, else the reduced search would take the event
  // that calls it for independent of them and never see the other length.
  std::size_t len() const noexcept {
    if (!s_) return 0;
    if (auto* e = sched::Engine::current()) e->access(s_->id, sched::Access::read);
    return s_->buffered();
  }
  std::size_t cap() const noexcept { return s_ ? s_->cap : 0; }
  bool is_nil() const noexcept { return s_ == nullptr; }
  std::uint32_t id() const noexcept { return s_ ? s_->id : 0; }
  bool operator==(const Chan& o) const noexcept { return s_ == o.s_; }

  // Range-for receives until the channel is closed and drained.
  class iterator {
   public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const Chan* ch, std::source_location where) : ch_(ch), where_(where) { cur_ = ch_->recv(where_); }
    const T& operator*() const { return *cur_; }
    T& operator*() { return *cur_; }
    iterator& operator++() {
      cur_ = ch_->recv(where_);
      return *this;
    }
    bool operator==(std::default_sentinel_t) const noexcept { return !cur_.has_value(); }

   private:
    const Chan* ch_ = nullptr;
    std::source_location where_{};
    std::optional<T> cur_;
  };
  iterator begin(std::source_location where = std::source_location::current()) const { return iterator(this, where); }
  std::default_sentinel_t end() const noexcept { return {}; }

  // For timers and contexts: no scheduling point, never blocks or panics.
  bool try_send_nowait(T v) const {
    auto* rt = detail::Runtime::current();
    if (!s_ || rt == nullptr) return false;
    rt->touch(s_->id, sched::Access::write);
    if (s_->closed) return false;
    return s_->try_send(*rt, v);
  }
  bool close_nowait() const {
    auto* rt = detail::Runtime::current();
    if (!s_ || rt == nullptr) return false;
    rt->touch(s_->id, sched::Access::write);
    return s_->close_nowait(*rt);
  }
  // Drops buffered values (a stopped timer must not deliver a stale tick).
  void drain_nowait() const noexcept {
    if (!s_) return;
    if (auto* e = sched::Engine::current()) e->access(s_->id, sched::Access::write);
    s_->drain();
  }

  const std::shared_ptr<detail::ChanState<T>>& state() const noexcept { return s_; }

 private:
  template <class U>
  friend Chan<U> make_chan(std::size_t, std::source_location);
  explicit Chan(std::shared_ptr<detail::ChanState<T>> s) : s_(std::move(s)) {}
  std::shared_ptr<detail::ChanState<T>> s_;
};

// Makes a channel with `capacity` buffer slots (0 = unbuffered). Throws
// std::logic_error outside explore.
template <class T>
Chan<T> make_chan(std::size_t capacity = 0, std::source_location where = std::source_location::current()) {
  (void)where;
  auto& rt = detail::Runtime::get("make_chan");
  return Chan<T>(std::make_shared<detail::ChanState<T>>(capacity, rt));
}

}  // namespace weft
