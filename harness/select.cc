#include "harness/select.h"

namespace weft {

Case default_case(std::source_location where) {
  Case c;
  c.kind_ = Case::Kind::fallback;
  c.where_ = where;
  return c;
}

std::size_t select(std::vector<Case> cases, std::source_location where) {
  return select_span(cases.data(), cases.size(), where);
}

namespace {

// The select's scheduling point under the enabled-only model (ChanCore::recv_enabled):
// a select that can only receive is enabled once one of its channels has something to
// take; one that polls to send makes receivers on those channels enabled meanwhile.
void point_in_rendezvous_model(detail::Runtime& rt, const Case* cases, std::size_t n, bool polls, bool recv_only,
                               std::uint32_t object, const std::source_location& where) {
  // The channels that matter: a poller's send cases, or a receive-only select's cases.
  detail::ChanCore* few[64];
  std::vector<detail::ChanCore*> many;
  detail::ChanCore** chans = few;
  if (n > 64) {
    many.resize(n);
    chans = many.data();
  }
  std::size_t m = 0;
  if (polls || recv_only) {
    const Case::Kind counted = polls ? Case::Kind::send : Case::Kind::recv;
    for (std::size_t i = 0; i < n; ++i) {
      if (cases[i].kind() == counted) chans[m++] = cases[i].core();
    }
  }
  sched::Task& self = rt.self();
  const detail::RecvSelect waiting{chans, m};
  if (polls) {
    for (std::size_t i = 0; i < m; ++i) {
      if (chans[i] != nullptr) ++chans[i]->send_pollers;
    }
  } else if (recv_only) {
    self.pending_detail = &waiting;
  }
  struct Restore {
    sched::Task& self;
    const detail::RecvSelect& chans;
    bool polls;
    ~Restore() {
      self.pending_detail = nullptr;
      if (!polls) return;
      for (std::size_t i = 0; i < chans.n; ++i) {
        if (chans.chans[i] != nullptr) --chans.chans[i]->send_pollers;
      }
    }
  } restore{self, waiting, polls};
  rt.point(detail::Op::select, object, where);
}

}  // namespace

std::size_t select_span(Case* cases, std::size_t n, std::source_location where) {
  auto& rt = detail::Runtime::get("select");
  std::size_t fallback = n;
  bool sends = false;
  for (std::size_t i = 0; i < n; ++i) {
    sends = sends || cases[i].kind_ == Case::Kind::send;
    if (cases[i].kind_ != Case::Kind::fallback) continue;
    if (fallback != n) detail::panic("select with more than one default_case()", where);
    fallback = i;
  }
  // Waits only to receive: the rendezvous model treats it like a receive (see op.cc).
  const bool recv_only = fallback == n && !sends;
  if (rt.inert()) return fallback != n ? fallback : 0;
  std::uint32_t object = 0;
  for (std::size_t i = 0; i < n && object == 0; ++i) object = cases[i].ch_ ? cases[i].ch_->id : 0;
  if (rt.engine().enabled_only()) [[unlikely]] {
    point_in_rendezvous_model(rt, cases, n, fallback != n, recv_only, object, where);
  } else {
    rt.point(detail::Op::select, object, where);
  }
  if (rt.engine().logging()) {
    // A select that can only wait to receive takes like a receive (see op.cc) on each
    // channel that has something to take, since any could be the one, and reads the
    // others: a send registering there first would give it one more case. Others
    // write all their channels.
    for (std::size_t i = 0; i < n; ++i) {
      if (!cases[i].ch_) continue;
      const sched::Access a = !recv_only                     ? sched::Access::write
                              : cases[i].ch_->recv_ready() ? sched::Access::lock
                                                             : sched::Access::read;
      rt.touch(cases[i].ch_->id, a);
    }
  }

  // Ready cases, in argument order; the engine explores which one is taken.
  std::size_t ready[64];
  std::vector<std::size_t> many;
  std::size_t* r = ready;
  if (n > 64) {
    many.resize(n);
    r = many.data();
  }
  std::size_t nready = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Case& c = cases[i];
    if (!c.ch_) continue;
    if ((c.kind_ == Case::Kind::recv && c.ch_->recv_ready()) || (c.kind_ == Case::Kind::send && c.ch_->send_ready())) {
      r[nready++] = i;
    }
  }
  if (nready > 0) {
    const std::size_t k =
        nready == 1 ? 0 : rt.engine().choose(sched::ChoiceKind::select, static_cast<std::uint8_t>(detail::Op::select), nready);
    Case& c = cases[r[k]];
    if (c.kind_ == Case::Kind::recv) {
      // A select that could have waited and handed over (see ChanCore::hands_over):
      // waiting, it would have got the value in its first case on that channel.
      bool handover = rt.engine().enabled_only() && fallback == n && c.ch_->hands_over();
      for (std::size_t i = 0; handover && i < r[k]; ++i) {
        handover = !(cases[i].kind_ == Case::Kind::recv && cases[i].ch_ == c.ch_);
      }
      c.ch_->recv_now(rt, c.slot_);
      if (handover) rt.point(detail::Op::received, 0, where);
    } else {
      c.ch_->send_now(rt, c.slot_, c.where_);
    }
    if (rt.tracing()) rt.note("case " + std::to_string(r[k]) + " of " + std::to_string(n));
    return r[k];
  }
  if (fallback != n) {
    rt.engine().poll();  // a poll: others run before this task is chosen again
    if (rt.tracing()) rt.note("default");
    return fallback;
  }

  bool any = false;
  for (std::size_t i = 0; i < n; ++i) {
    Case& c = cases[i];
    if (!c.ch_) continue;
    any = true;
    rt.touch(c.ch_->id, sched::Access::write);  // a registered receiver changes what a send does
    if (c.kind_ == Case::Kind::recv) {
      c.reset_(c.slot_);
      c.ch_->recvq.push(rt.self(), c.slot_, i);
    } else {
      c.ch_->sendq.push(rt.self(), c.slot_, i);
    }
  }
  if (!any) rt.block_forever(WaitKind::select, 0, where);
  const std::uintptr_t tok = rt.block(WaitKind::select, object, where);
  const std::size_t i = tok >> 1;
  if (cases[i].kind_ == Case::Kind::send && (tok & detail::kClosedBit)) {
    detail::panic("send on closed channel", cases[i].where_);
  }
  return i;
}

}  // namespace weft
