#include "harness/clock.h"

#include <string>

namespace weft {
namespace detail {

// State behind Timer, Ticker, after() and after_func(). Owned by the execution: the
// engine may fire a timer after every handle is gone.
struct TimerState {
  Chan<TimePoint> ch;                    // nil for after_func
  sched::TimerId pending{};
  Duration period{0};                    // tickers only
  Duration deadline{0};
  std::function<void()> fn;              // after_func only
  sched::Task* creator = nullptr;
  bool started = false;                  // after_func: its task was spawned
  std::uint32_t id = 0;
  std::uint64_t serial = 0;
  std::source_location where{};

  ~TimerState() { Runtime::forget_if_current(id, serial); }

  static void fire(void* arg) {
    auto* t = static_cast<TimerState*>(arg);
    t->pending = {};
    auto& rt = Runtime::get("timer");
    const TimePoint when{rt.engine().clock().now()};
    if (t->fn) {
      t->started = true;
      rt.engine().spawn(t->creator, "after_func timer#" + std::to_string(t->id), t->fn, t->where);
      return;
    }
    const Duration current = when.time_since_epoch();
    // Overdue: the engine passed this ticker over while every task was blocked and
    // its tick woke nobody, then moved the clock on. Its ticks in between fell while
    // nothing could drain the channel, so Go would have dropped them: drop this one
    // too, rather than deliver a tick from the past to a receiver that came later.
    const bool overdue = t->period.count() > 0 && t->deadline < current;
    if (!overdue) t->ch.try_send_nowait(when);  // a slow receiver misses ticks
    if (t->period.count() > 0) {
      // As Go's runtime does for a ticker that fell behind: the next tick is the first
      // deadline after now, not a burst of overdue ones.
      Duration next = t->deadline + t->period;
      if (next <= current) next += t->period * ((current - next) / t->period + 1);
      t->arm(rt, next);
    }
  }

  void arm(Runtime& rt, Duration at) {
    rt.touch(sched::kClockKey, sched::Access::write);  // the set of pending timers
    deadline = at;
    pending = rt.engine().clock().add(at, &TimerState::fire, this, ch.is_nil() ? id : ch.id());
  }

  // Cancels a pending firing and drops an undelivered value; true if it was pending.
  bool disarm(Runtime& rt) {
    rt.touch(sched::kClockKey, sched::Access::write);
    const bool was = rt.engine().clock().cancel(pending);
    pending = {};
    ch.drain_nowait();
    return was;
  }

  static std::string describe(const void* self, std::uint32_t id) {
    auto* t = static_cast<const TimerState*>(self);
    auto ms = [](Duration d) { return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()); };
    const std::string created =
        std::string(", created at ") + t->where.file_name() + ":" + std::to_string(t->where.line());
    if (t->period.count() > 0) {
      return "ticker#" + std::to_string(id) + " (every " + ms(t->period) + "ms" + created + ")";
    }
    return "timer#" + std::to_string(id) + (t->pending.valid() ? " (due at +" + ms(t->deadline) + "ms" : " (not pending") +
           created + ")";
  }
};

TimerState* new_timer(Runtime& rt, ObjKind kind, bool with_channel, std::source_location where) {
  auto* t = new TimerState;
  rt.engine().own(t, [](void* p) { delete static_cast<TimerState*>(p); });
  t->id = rt.add_object(kind, t, &TimerState::describe);
  t->serial = rt.serial();
  t->where = where;
  t->creator = &rt.self();
  if (with_channel) t->ch = make_chan<TimePoint>(1);
  return t;
}

}  // namespace detail

VirtualClock::time_point VirtualClock::now() {
  auto& rt = detail::Runtime::get("VirtualClock::now");
  rt.touch(sched::kClockKey, sched::Access::read);
  return time_point(rt.engine().clock().now());
}

TimePoint now(std::source_location where) {
  auto& rt = detail::Runtime::get("now");
  if (!rt.inert()) rt.point(detail::Op::now, 0, where);
  rt.touch(sched::kClockKey, sched::Access::read);
  return TimePoint(rt.engine().clock().now());
}

void sleep(Duration d, std::source_location where) {
  auto& rt = detail::Runtime::get("sleep");
  if (rt.inert()) return;
  rt.point(detail::Op::sleep, 0, where);
  if (d.count() <= 0) return;
  rt.touch(sched::kClockKey, sched::Access::write);
  auto& clock = rt.engine().clock();
  struct Sleeper {
    sched::Engine* engine;
    sched::Task* task;
  } sleeper{&rt.engine(), &rt.self()};
  const sched::TimerId id = clock.add(
      clock.now() + d, [](void* p) { static_cast<Sleeper*>(p)->engine->wake(*static_cast<Sleeper*>(p)->task); },
      &sleeper, 0);
  // Unwound while asleep: the timer must not outlive this frame.
  struct Cancel {
    sched::Clock& clock;
    sched::TimerId id;
    ~Cancel() { clock.cancel(id); }
  } cancel{clock, id};
  rt.block(WaitKind::sleep, 0, where);
}

Timer::Timer(Duration d, std::source_location where) {
  auto& rt = detail::Runtime::get("Timer");
  s_ = detail::new_timer(rt, detail::ObjKind::timer, true, where);
  if (!rt.inert()) rt.point(detail::Op::timer_set, s_->id, where);
  s_->arm(rt, rt.engine().clock().now() + (d.count() > 0 ? d : Duration{0}));
}

Chan<TimePoint> Timer::c() const { return s_ ? s_->ch : Chan<TimePoint>(); }

bool Timer::stop(std::source_location where) const {
  if (!s_) return false;
  auto& rt = detail::Runtime::get("Timer::stop");
  if (rt.inert()) return false;
  rt.point(detail::Op::timer_stop, s_->id, where);
  return s_->disarm(rt);
}

bool Timer::reset(Duration d, std::source_location where) const {
  if (!s_) return false;
  auto& rt = detail::Runtime::get("Timer::reset");
  if (rt.inert()) return false;
  rt.point(detail::Op::timer_set, s_->id, where);
  const bool was = s_->disarm(rt);
  s_->started = false;
  s_->arm(rt, rt.engine().clock().now() + (d.count() > 0 ? d : Duration{0}));
  return was;
}

Chan<TimePoint> after(Duration d, std::source_location where) {
  auto& rt = detail::Runtime::get("after");
  if (d.count() <= 0) {
    // Ready at once: no timer, the value is already there.
    auto ch = make_chan<TimePoint>(1);
    ch.try_send_nowait(TimePoint(rt.engine().clock().now()));
    return ch;
  }
  return Timer(d, where).c();
}

Timer after_func(Duration d, std::function<void()> fn, std::source_location where) {
  auto& rt = detail::Runtime::get("after_func");
  if (!fn) detail::panic("after_func: empty function", where);
  auto* s = detail::new_timer(rt, detail::ObjKind::timer, false, where);
  s->fn = std::move(fn);
  if (!rt.inert()) rt.point(detail::Op::timer_set, s->id, where);
  s->arm(rt, rt.engine().clock().now() + (d.count() > 0 ? d : Duration{0}));
  return Timer(s);
}

Ticker::Ticker(Duration d, std::source_location where) {
  auto& rt = detail::Runtime::get("Ticker");
  if (d.count() <= 0) detail::panic("non-positive interval for Ticker", where);
  s_ = detail::new_timer(rt, detail::ObjKind::ticker, true, where);
  s_->period = d;
  if (!rt.inert()) rt.point(detail::Op::timer_set, s_->id, where);
  s_->arm(rt, rt.engine().clock().now() + d);
}

Chan<TimePoint> Ticker::c() const { return s_ ? s_->ch : Chan<TimePoint>(); }

void Ticker::stop(std::source_location where) const {
  if (!s_) return;
  auto& rt = detail::Runtime::get("Ticker::stop");
  if (rt.inert()) return;
  rt.point(detail::Op::timer_stop, s_->id, where);
  s_->disarm(rt);
}

void Ticker::reset(Duration d, std::source_location where) const {
  if (!s_) return;
  auto& rt = detail::Runtime::get("Ticker::reset");
  if (rt.inert()) return;
  if (d.count() <= 0) detail::panic("non-positive interval for Ticker.reset", where);
  rt.point(detail::Op::timer_set, s_->id, where);
  s_->disarm(rt);
  s_->period = d;
  s_->arm(rt, rt.engine().clock().now() + d);
}

}  // namespace weft
