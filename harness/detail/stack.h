// Stack capture for the traced re-run (Boost.Stacktrace): the frames of a task as it
// blocks, innermost first, with weft's own frames left out.
#pragma once

#include <string>
#include <vector>

namespace weft::detail {

struct Frame {
  std::string function;
  std::string file;
  unsigned line = 0;
};

std::vector<std::string> capture_stack();

// Splits "function at file:line" as produced by capture_stack().
Frame parse_frame(const std::string& text);

// True for files of the standard library or the system (/usr/include/…).
bool is_system_file(const std::string& file) noexcept;

}  // namespace weft::detail
