// Fiber stacks: mmap'd with a guard page below, pooled across executions so an
// execution that spawns tasks does not pay for mmap/munmap each time.
#pragma once

#include <cstddef>
#include <vector>

namespace weft::sched {

struct Stack {
  void* bottom = nullptr;  // lowest usable address (just above the guard page)
  std::size_t size = 0;    // usable bytes
  void* top() const noexcept { return static_cast<char*>(bottom) + size; }
};

class StackPool {
 public:
  explicit StackPool(std::size_t stack_size) noexcept;
  ~StackPool();
  StackPool(const StackPool&) = delete;
  StackPool& operator=(const StackPool&) = delete;

  // Returns a stack of stack_size() usable bytes; reuses a released one when possible.
  // Throws std::runtime_error if the kernel refuses the mapping.
  Stack acquire();
  void release(Stack s) noexcept;
  std::size_t stack_size() const noexcept { return size_; }
  // Unmaps every pooled stack of another size and switches to `size`.
  void resize(std::size_t size) noexcept;

 private:
  std::size_t size_;
  std::vector<Stack> free_;
};

}  // namespace weft::sched
