#include "harness/detail/stack.h"

#include <boost/stacktrace.hpp>

#include <cstdint>

#include "harness/detail/outcome.h"

namespace weft::detail {
namespace {

// weft's own frames say nothing to the user; the fiber entry ends the useful part.
bool in_package(const std::string& file, const char* pkg) {
  const std::string p(pkg);
  return file.rfind(p, 0) == 0 || file.rfind("./" + p, 0) == 0 || file.find("/weft/" + p) != std::string::npos;
}

bool is_weft_internal(const std::string& file, const std::string& fn) {
  return in_package(file, "harness/") || in_package(file, "scheduler/") ||
         fn.find("weft::sched::") != std::string::npos || fn.find("weft::detail::") != std::string::npos;
}

}  // namespace

bool is_system_file(const std::string& file) noexcept {
  return file.rfind("/usr/", 0) == 0 || file.find("/c++/") != std::string::npos;
}

std::vector<std::string> capture_stack() {
  std::vector<std::string> out;
  boost::stacktrace::stacktrace st;
  bool innermost = true;
  for (const auto& raw : st) {
    // A caller frame holds a return address, which may belong to the next line:
    // resolve the call instruction instead.
    const boost::stacktrace::frame f =
        innermost ? raw : boost::stacktrace::frame(reinterpret_cast<boost::stacktrace::frame::native_frame_ptr_t>(
                              reinterpret_cast<std::uintptr_t>(raw.address()) - 1));
    innermost = false;
    std::string fn = f.name();
    std::string file = f.source_file();
    if (fn.find("weft::sched::Engine::task_entry") != std::string::npos) break;
    if (is_weft_internal(file, fn)) continue;  // the shims' and the engine's own frames
    // Call plumbing of std::function and std::invoke says nothing to the user.
    const auto head = fn.substr(0, fn.find('<'));
    if (head.find("std::__invoke") != std::string::npos || head.find("std::_Function") != std::string::npos ||
        head.find("std::function") != std::string::npos || head.find("std::enable_if") != std::string::npos) {
      continue;
    }
    std::string s = fn.empty() ? "??" : fn;
    if (!file.empty()) s += " at " + file + ":" + std::to_string(f.source_line());
    out.push_back(std::move(s));
    if (out.size() >= 24) break;
  }
  return out;
}

std::optional<std::source_location> user_location() {
  for (const std::string& s : capture_stack()) {
    const Frame f = parse_frame(s);
    if (!f.file.empty() && f.line != 0 && !is_system_file(f.file)) return make_location(f.file, f.line, f.function);
  }
  return std::nullopt;
}

Frame parse_frame(const std::string& text) {
  Frame f;
  const auto at = text.rfind(" at ");
  if (at == std::string::npos) {
    f.function = text;
    return f;
  }
  f.function = text.substr(0, at);
  const std::string loc = text.substr(at + 4);
  const auto colon = loc.rfind(':');
  f.file = loc.substr(0, colon);
  if (colon != std::string::npos) f.line = static_cast<unsigned>(std::stoul(loc.substr(colon + 1)));
  return f;
}

}  // namespace weft::detail
