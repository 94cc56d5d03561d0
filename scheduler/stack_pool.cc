#include "scheduler/stack_pool.h"

#include <sys/mman.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

namespace weft::sched {
namespace {

std::size_t page_size() noexcept {
  static const std::size_t p = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return p;
}

std::size_t round_up(std::size_t n) noexcept {
  const std::size_t p = page_size();
  return (n + p - 1) / p * p;
}

void unmap(Stack s) noexcept {
  ::munmap(static_cast<char*>(s.bottom) - page_size(), s.size + page_size());
}

}  // namespace

StackPool::StackPool(std::size_t stack_size) noexcept : size_(round_up(stack_size)) {}

StackPool::~StackPool() {
  for (Stack s : free_) unmap(s);
}

Stack StackPool::acquire() {
  if (!free_.empty()) {
    Stack s = free_.back();
    free_.pop_back();
    return s;
  }
  const std::size_t total = size_ + page_size();
  // MAP_NORESERVE: ten thousand tasks reserve address space, not memory.
  void* p = ::mmap(nullptr, total, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    throw std::runtime_error("weft: cannot map a " + std::to_string(total) +
                             "-byte fiber stack (too many live tasks, or stack size too large)");
  }
  // Guard page at the low end: a stack overflow faults instead of corrupting a neighbour.
  ::mprotect(p, page_size(), PROT_NONE);
  return Stack{static_cast<char*>(p) + page_size(), size_};
}

void StackPool::release(Stack s) noexcept {
#if defined(__SANITIZE_ADDRESS__)
  // Frames of a finished fiber never returned: clear their poison before reuse.
  ASAN_UNPOISON_MEMORY_REGION(s.bottom, s.size);
#endif
  if (s.size != size_) {
    unmap(s);
    return;
  }
  free_.push_back(s);
}

void StackPool::resize(std::size_t size) noexcept {
  size = round_up(size);
  if (size == size_) return;
  for (Stack s : free_) unmap(s);
  free_.clear();
  size_ = size;
}

}  // namespace weft::sched
