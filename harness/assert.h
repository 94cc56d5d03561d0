// WEFT_ASSERT: a check inside explored code; a failure ends that execution and is
// reported (kind `assertion`) with its schedule. Outside explore it throws
// weft::AssertionFailure.
#pragma once

#include <source_location>

namespace weft::detail {
[[noreturn]] void assertion_failed(const char* expr, std::source_location where);
}  // namespace weft::detail

#define WEFT_ASSERT(cond)                                                          \
  do {                                                                             \
    if (!(cond)) ::weft::detail::assertion_failed(#cond, std::source_location::current()); \
  } while (0)
