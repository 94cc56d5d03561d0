// The one file that includes Boost.Context. It uses the fcontext primitives directly:
// weft manages stacks, lifetimes and unwinding itself, so the higher-level
// boost::context::fiber would only add an allocation and a second unwinding scheme.
#include "scheduler/fiber.h"

#include <boost/context/detail/fcontext.hpp>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define WEFT_ASAN 1
#else
#define WEFT_ASAN 0
#endif

namespace weft::sched {
namespace bctx = boost::context::detail;

namespace {
// Carried across a jump so the arriving side can store the leaving side's context.
struct Handoff {
  Fiber* from;
  Fiber* to;
};
}  // namespace

struct FiberAccess {
  static void*& ctx(Fiber& f) { return f.ctx_; }
  static void before(Fiber& from, Fiber& to, bool finishing) noexcept {
#if WEFT_ASAN
    __sanitizer_start_switch_fiber(finishing ? nullptr : &from.fake_stack_, to.stack_bottom_,
                                   to.stack_size_);
#else
    (void)from, (void)to, (void)finishing;
#endif
  }
  static void after(Fiber& self, Fiber& from) noexcept {
#if WEFT_ASAN
    const void* bottom = nullptr;
    std::size_t size = 0;
    __sanitizer_finish_switch_fiber(self.fake_stack_, &bottom, &size);
    // The thread's own stack is learnt the first time we leave it.
    if (from.stack_bottom_ == nullptr) {
      from.stack_bottom_ = bottom;
      from.stack_size_ = size;
    }
#else
    (void)self, (void)from;
#endif
  }
  static void arrive(bctx::transfer_t t) noexcept {
    auto* h = static_cast<Handoff*>(t.data);
    h->from->ctx_ = t.fctx;
    after(*h->to, *h->from);
  }
  static void entry(bctx::transfer_t t) noexcept {
    auto* h = static_cast<Handoff*>(t.data);
    Fiber* self = h->to;
    arrive(t);
    self->entry_(self->arg_);
    __builtin_unreachable();  // entry ends with exit_to
  }
};

void Fiber::create(Stack stack, Entry entry, void* arg) noexcept {
  entry_ = entry;
  arg_ = arg;
  stack_bottom_ = stack.bottom;
  stack_size_ = stack.size;
  fake_stack_ = nullptr;
  ctx_ = bctx::make_fcontext(stack.top(), stack.size, &FiberAccess::entry);
}

void Fiber::switch_to(Fiber& from, Fiber& to) noexcept {
  Handoff h{&from, &to};
  FiberAccess::before(from, to, false);
  bctx::transfer_t t = bctx::jump_fcontext(to.ctx_, &h);
  FiberAccess::arrive(t);
}

void Fiber::exit_to(Fiber& from, Fiber& to) noexcept {
  Handoff h{&from, &to};
  FiberAccess::before(from, to, true);
  bctx::jump_fcontext(to.ctx_, &h);
  __builtin_unreachable();
}

}  // namespace weft::sched
