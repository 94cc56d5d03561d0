#include "harness/report.h"

#include <cstdio>
#include <string>
#include <vector>

namespace weft {
namespace {

std::string loc(const std::source_location& w) {
  if (w.file_name() == nullptr || *w.file_name() == '\0') return {};
  return std::string(w.file_name()) + ":" + std::to_string(w.line());
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

const char* verdict(FailureKind k) {
  switch (k) {
    case FailureKind::leak: return "LEAK";
    case FailureKind::deadlock: return "DEADLOCK";
    case FailureKind::livelock: return "LIVELOCK";
    case FailureKind::panic: return "PANIC";
    case FailureKind::assertion: return "ASSERTION FAILED";
    case FailureKind::exception: return "EXCEPTION";
    case FailureKind::nondeterminism: return "NONDETERMINISM";
  }
  return "FAILURE";
}

}  // namespace

std::string_view to_string(FailureKind k) noexcept {
  switch (k) {
    case FailureKind::leak: return "leak";
    case FailureKind::deadlock: return "deadlock";
    case FailureKind::livelock: return "livelock";
    case FailureKind::panic: return "panic";
    case FailureKind::assertion: return "assertion";
    case FailureKind::exception: return "exception";
    case FailureKind::nondeterminism: return "nondeterminism";
  }
  return "?";
}

std::string TraceEntry::to_string() const {
  std::string s = pad(std::to_string(step), 5) + (preempted ? " * " : "   ");
  s += pad(task.empty() ? std::string("(clock)") : task, 12);
  s += pad(operation + (object.empty() ? "" : " " + object), 30);
  s += pad(result, 24);
  s += loc(where);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::string Failure::to_string() const {
  std::string s = "weft: ";
  s += verdict(kind);
  s += ": " + message + "\n";

  if (!tasks.empty()) {
    s += "\nunfinished tasks (" + std::to_string(tasks.size()) + "):\n";
    for (const TaskReport& t : tasks) {
      s += "  " + t.id + (t.name.empty() ? "" : " \"" + t.name + "\"") + "  [" + std::string(weft::to_string(t.wait)) +
           "]" + (t.object.empty() ? "" : " " + t.object) + "\n";
      s += "      waiting at " + loc(t.waiting_at) + "\n";
      s += "      spawned at " + loc(t.spawned_at) + "\n";
      if (!t.hint.empty()) s += "      hint: " + t.hint + "\n";
      if (!t.stack.empty()) {
        s += "      stack:\n";
        for (std::size_t i = 0; i < t.stack.size(); ++i) {
          s += "        #" + std::to_string(i) + " " + t.stack[i] + "\n";
        }
      }
    }
  }

  if (!trace.empty()) {
    const Measure m = measure();
    s += "\ninterleaving (" + std::to_string(trace.size()) + " events, " + std::to_string(m.steps) + " steps, " +
         std::to_string(m.preemptions) + " preemptions, " + std::to_string(m.switches) + " switches, " +
         std::to_string(m.timer_firings) + " timer firings" +
         (shrink_replays != 0 ? "; the smallest of " + std::to_string(shrink_replays) + " replays while shrinking"
                              : std::string()) +
         "; * = preempted):\n";
    // Runs of identical steps (a spin) print once with a count; long traces keep the
    // start and the end, which tell the story, and elide the middle.
    struct Line {
      std::size_t first;
      std::size_t count;
    };
    std::vector<Line> lines;
    for (std::size_t i = 0; i < trace.size(); ++i) {
      const TraceEntry& e = trace[i];
      if (!lines.empty()) {
        const TraceEntry& p = trace[lines.back().first];
        if (p.task == e.task && p.operation == e.operation && p.object == e.object && p.result == e.result &&
            p.where.line() == e.where.line() && !e.preempted) {
          ++lines.back().count;
          continue;
        }
      }
      lines.push_back(Line{i, 1});
    }
    const std::size_t head = 60, tail = 60;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines.size() > head + tail && i == head) {
        s += "  … " + std::to_string(lines.size() - head - tail) + " lines elided …\n";
        i = lines.size() - tail;
      }
      s += "  " + trace[lines[i].first].to_string();
      if (lines[i].count > 1) s += "   (×" + std::to_string(lines[i].count) + ")";
      s += "\n";
    }
  }
  if (!schedule.empty()) {
    s += "\nschedule: " + schedule + "\n";
    s += "replay:   " + replay_command + "\n";
  }
  return s;
}

std::string Report::to_string() const {
  std::string s;
  if (failure_) s = failure_->to_string() + "\n";
  else s = "weft: OK: every task terminated in every execution\n";
  s += "explored: " + std::to_string(stats_.schedules) + " schedules, " + std::to_string(stats_.steps) +
       " steps; " + stats_.assurance + "\n";
  if (stats_.preemptions.size() > 1) {
    s += "preemptions per schedule:";
    for (std::size_t k = 0; k < stats_.preemptions.size(); ++k) {
      if (stats_.preemptions[k] != 0) s += " " + std::to_string(k) + ":" + std::to_string(stats_.preemptions[k]);
    }
    s += "\n";
  }
  if (stats_.step_bound_hits != 0) {
    s += "step bound: " + std::to_string(stats_.step_bound_hits) +
         " execution(s) reached WEFT_MAX_STEPS and were judged there (a livelock, or a leak of a task still running)\n";
  }
  return s;
}

}  // namespace weft
