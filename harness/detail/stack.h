// Stack capture for the traced re-run (Boost.Stacktrace): the frames of a task as it
// blocks, innermost first, with weft's own frames left out.
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <vector>

namespace weft::detail {

struct Frame {
  std::string function;
  std::string file;
  unsigned line = 0;
};

std::vector<std::string> capture_stack();

// The innermost frame of the running task outside the standard library and weft: the
// user's line when an operation was called from a std header (std::lock_guard).
std::optional<std::source_location> user_location();

// Splits "function at file:line" as produced by capture_stack().
Frame parse_frame(const std::string& text);

// True for files of the standard library or the system (/usr/include/…).
bool is_system_file(const std::string& file) noexcept;

}  // namespace weft::detail
