#include "harness/detail/stack.h"

#include <boost/stacktrace.hpp>

namespace weft::detail {
namespace {

// weft's own frames say nothing to the user; the fiber entry ends the useful part.
bool is_weft_internal(const std::string& file, const std::string& fn) {
  return file.find("harness/") != std::string::npos || file.find("scheduler/") != std::string::npos ||
         fn.find("weft::sched::") != std::string::npos || fn.find("weft::detail::") != std::string::npos;
}

}  // namespace

bool is_system_file(const std::string& file) noexcept {
  return file.rfind("/usr/", 0) == 0 || file.find("/c++/") != std::string::npos;
}

std::vector<std::string> capture_stack() {
  std::vector<std::string> out;
  boost::stacktrace::stacktrace st;
  for (const auto& f : st) {
    std::string fn = f.name();
    std::string file = f.source_file();
    if (fn.find("weft::sched::Engine::task_entry") != std::string::npos) break;
    if (is_weft_internal(file, fn) && out.empty()) continue;  // skip the shim's own frames on top
    if (fn.find("std::function") != std::string::npos || fn.find("std::_Function") != std::string::npos) continue;
    std::string s = fn.empty() ? "??" : fn;
    if (!file.empty()) s += " at " + file + ":" + std::to_string(f.source_line());
    out.push_back(std::move(s));
    if (out.size() >= 24) break;
  }
  return out;
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
