#include "harness/rwmutex.h"

#include <string>

namespace weft {

RWMutex::RWMutex() : SyncObject(detail::ObjKind::rwmutex, "RWMutex", &RWMutex::describe) {}

void RWMutex::lock(std::source_location where) {
  auto& rt = detail::Runtime::get("RWMutex::lock");
  if (rt.inert()) return;
  rt.point(detail::Op::rw_lock, id_, where);
  if (!writer_ && readers_ == 0) {
    writer_ = true;
    writer_task_ = &rt.self();
    return;
  }
  ++writers_waiting_;
  writers_.push(rt.self());
  rt.block(WaitKind::rwmutex_lock, id_, where);  // admitted by unlock / unlock_shared
}

void RWMutex::admit_writer(detail::Runtime& rt) {
  if (auto w = writers_.take()) {
    --writers_waiting_;
    writer_ = true;
    writer_task_ = w->task;
    rt.engine().wake(*w->task);
  }
}

void RWMutex::unlock(std::source_location where) {
  auto& rt = detail::Runtime::get("RWMutex::unlock");
  if (rt.inert()) return;
  rt.point(detail::Op::rw_unlock, id_, where, /*may_unwind=*/false);  // runs in guards' destructors
  if (!writer_) detail::panic("sync: unlock of unlocked RWMutex", where);
  writer_ = false;
  writer_task_ = nullptr;
  // Every reader queued now gets in; only without readers does the next writer.
  while (auto w = readers_q_.take()) {
    ++readers_;
    rt.engine().wake(*w->task);
  }
  if (readers_ == 0) admit_writer(rt);
}

bool RWMutex::try_lock(std::source_location where) {
  auto& rt = detail::Runtime::get("RWMutex::try_lock");
  if (rt.inert()) return false;
  rt.point(detail::Op::rw_try_lock, id_, where);
  if (!writer_ && readers_ == 0) {
    writer_ = true;
    writer_task_ = &rt.self();
    return true;
  }
  rt.engine().poll();
  return false;
}

void RWMutex::lock_shared(std::source_location where) {
  auto& rt = detail::Runtime::get("RWMutex::lock_shared");
  if (rt.inert()) return;
  rt.point(detail::Op::rw_lock_shared, id_, where);
  if (!writer_ && writers_waiting_ == 0) {
    ++readers_;
    return;
  }
  readers_q_.push(rt.self());
  rt.block(WaitKind::rwmutex_rlock, id_, where);  // admitted by a writer's unlock
}

void RWMutex::unlock_shared(std::source_location where) {
  auto& rt = detail::Runtime::get("RWMutex::unlock_shared");
  if (rt.inert()) return;
  rt.point(detail::Op::rw_unlock_shared, id_, where, /*may_unwind=*/false);  // runs in guards' destructors
  if (readers_ == 0) detail::panic("sync: unlock_shared of unlocked RWMutex", where);
  if (--readers_ == 0) admit_writer(rt);
}

bool RWMutex::try_lock_shared(std::source_location where) {
  auto& rt = detail::Runtime::get("RWMutex::try_lock_shared");
  if (rt.inert()) return false;
  rt.point(detail::Op::rw_try_lock_shared, id_, where);
  if (!writer_ && writers_waiting_ == 0) {
    ++readers_;
    return true;
  }
  rt.engine().poll();
  return false;
}

std::string RWMutex::describe(const void* self, std::uint32_t id) {
  auto* m = static_cast<const RWMutex*>(self);
  std::string s = "rwmutex#" + std::to_string(id);
  if (m->writer_) s += " write-held by " + (m->writer_task_ ? m->writer_task_->id : std::string("?"));
  else if (m->readers_) s += " read-held by " + std::to_string(m->readers_) + " reader(s)";
  else s += " (unlocked)";
  if (m->writers_waiting_) s += ", " + std::to_string(m->writers_waiting_) + " writer(s) waiting";
  if (const std::size_t n = m->readers_q_.live_count()) s += ", " + std::to_string(n) + " reader(s) waiting";
  return s;
}

}  // namespace weft
