#include "harness/detail/progress.h"

#include <algorithm>

namespace weft::detail {

std::string Progress::line(std::uint64_t schedules, std::uint64_t redundant, double done, double seconds) const {
  char buf[256];
  const double rate = seconds > 0 ? static_cast<double>(schedules + redundant) / seconds : 0;
  std::string estimate = "remaining unknown";
  // The share done is an estimate from the search tree's shape: early on it says little.
  if (done > 0.0001 && seconds > 0) {
    const double left = seconds * (1 - std::min(done, 1.0)) / done;
    std::snprintf(buf, sizeof buf, "about %.1f%% done, roughly %.0f s left", done * 100, left);
    estimate = buf;
  }
  std::snprintf(buf, sizeof buf, "weft: %s: %llu schedules (+%llu cut) in %.1f s, %.0f executions/s; ",
                what_.c_str(), static_cast<unsigned long long>(schedules), static_cast<unsigned long long>(redundant),
                seconds, rate);
  return std::string(buf) + estimate + "\n";
}

}  // namespace weft::detail
