// A recorded schedule (the choices of one execution) and its copy-pasteable token.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace weft::sched {

enum class ChoiceKind : std::uint8_t { task = 0, timer = 1, select = 2, choose = 3 };

struct Choice {
  ChoiceKind kind = ChoiceKind::task;
  std::uint8_t op = 0;        // operation of the step taken; checked on replay (< 64)
  std::uint32_t value = 0;    // task: index into Schedule::tasks; timer: which due timer;
                              // select / choose: the index chosen
  std::uint32_t options = 0;  // how many options there were (checked on replay; 0 = unknown)
  bool operator==(const Choice&) const = default;
};

struct Schedule {
  std::vector<std::string> tasks;  // stable identities referenced by task choices ("main.2.1")
  std::vector<Choice> choices;
  // Recorded under the enabled-only model (exhaustive search): replays must use it too.
  bool enabled_only = false;
  bool operator==(const Schedule&) const = default;
};

// A malformed token; the message names the problem and the fix.
class BadToken : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// "w1." + base64url(payload + checksum). Throws std::invalid_argument if an op is >= 64.
std::string encode(const Schedule& s);
// Accepts surrounding whitespace; throws BadToken for anything else that is wrong.
Schedule decode(std::string_view token);
// "task main.2 (op 3)", "timer #0", "select case 1 of 3", "choose 2 of 5".
std::string describe(const Choice& c, const Schedule& s);

}  // namespace weft::sched
