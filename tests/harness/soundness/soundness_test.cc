// Soundness and completeness of the partial-order reduction, tested rather than
// assumed: on generated small programs (tasks, channels with close and select, locked
// sections and lone locks and unlocks, timers, a racy counter, a WaitGroup) the reduced
// search reaches exactly the outcomes plain DFS reaches: the same final observations,
// failure kinds and sets of stuck tasks; also under a preemption bound.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "harness/weft.h"

namespace weft {
namespace {

using namespace std::chrono_literals;

// wg_done, wg_wait, wg_cycle: WaitGroup::done (main adds one for each beforehand), wait,
// and an add(1) then done() of the task's own (the counter may go up again after zero).
// lock, unlock: a mutex taken or released on its own (mutexes have no owner: another
// task may release it, or the unlock panics on a free mutex).
enum class K {
  send, recv, close, locked, select2, select_default, timeout, bump, sleep, wg_done, wg_wait, wg_cycle, lock, unlock
};

struct Step {
  K kind;
  int a;  // a channel, a mutex or a counter
  int b;  // a value, a second channel, or a duration in ms
  int c;  // locked: what runs inside (0 send, 1 recv, 2 bump)
};

struct Program {
  std::vector<int> caps;                // one entry per channel: 0 or 1
  int mutexes = 1;
  std::vector<std::vector<Step>> tasks;  // [0] is main's own part
};

void show(const Program& p, std::ostream& os) {
  static const char* names[] = {"send",  "recv",  "close",   "locked",  "select2", "select_default",
                                "timeout", "bump", "sleep", "wg_done", "wg_wait", "wg_cycle", "lock", "unlock"};
  os << "caps:";
  for (int c : p.caps) os << " " << c;
  os << " mutexes: " << p.mutexes << "\n";
  for (std::size_t t = 0; t < p.tasks.size(); ++t) {
    os << "task " << t << ":";
    for (const Step& s : p.tasks[t]) os << " " << names[static_cast<int>(s.kind)] << "(" << s.a << "," << s.b << "," << s.c << ")";
    os << "\n";
  }
}

rc::Gen<Program> programs() {
  return rc::gen::exec([] {
    Program p;
    const int chans = *rc::gen::inRange(1, 4);
    for (int i = 0; i < chans; ++i) p.caps.push_back(*rc::gen::inRange(0, 2));
    p.mutexes = *rc::gen::inRange(1, 3);
    const int tasks = *rc::gen::inRange(2, 5);
    const int max_ops = tasks >= 4 ? 2 : 3;
    p.tasks.resize(static_cast<std::size_t>(tasks));
    for (auto& steps : p.tasks) {
      const int n = *rc::gen::inRange(1, max_ops + 1);
      for (int i = 0; i < n; ++i) {
        Step s;
        s.kind = static_cast<K>(*rc::gen::inRange(0, 14));
        const bool mutex = s.kind == K::locked || s.kind == K::lock || s.kind == K::unlock;
        s.a = *rc::gen::inRange(0, mutex ? p.mutexes : s.kind == K::bump ? 2 : chans);
        s.b = *rc::gen::inRange(0, s.kind == K::select2 || s.kind == K::select_default ? chans : 3);
        s.c = *rc::gen::inRange(0, 3);
        steps.push_back(s);
      }
    }
    return p;
  });
}

// Runs one program; `seen` gets each task's observations.
std::function<void()> body_of(const Program& p, std::vector<std::string>& seen) {
  return [&p, &seen] {
    seen.assign(p.tasks.size(), std::string());
    std::vector<Chan<int>> ch;
    for (int cap : p.caps) ch.push_back(make_chan<int>(static_cast<std::size_t>(cap)));
    std::vector<Mutex*> mu;
    for (int i = 0; i < p.mutexes; ++i) mu.push_back(&make<Mutex>());
    auto& counters = make<std::vector<std::unique_ptr<Atomic<int>>>>();
    for (int i = 0; i < 2; ++i) counters.push_back(std::make_unique<Atomic<int>>(0));
    auto& wg = make<WaitGroup>();
    int dones = 0;
    for (const auto& steps : p.tasks) {
      for (const Step& s : steps) dones += s.kind == K::wg_done ? 1 : 0;
    }
    wg.add(dones);
    auto run = [&p, &seen, ch, mu, &counters, &wg](std::size_t t) {
      std::string& out = seen[t];
      auto simple = [&](K kind, int a, int b) {
        switch (kind) {
          case K::send: ch[a].send(b); break;
          case K::recv: {
            auto v = ch[a].recv();
            out += v ? std::to_string(*v) : std::string("x");
            break;
          }
          default: {
            auto& n = *counters[a % 2];
            n.store(n.load() + 1);  // a racy read-modify-write: outcomes depend on order
            out += "b" + std::to_string(n.load());
          }
        }
      };
      for (const Step& s : p.tasks[t]) {
        switch (s.kind) {
          case K::send:
          case K::recv:
          case K::bump: simple(s.kind, s.a, s.b); break;
          case K::close: ch[s.a].close(); break;
          case K::locked: {
            mu[s.a]->lock();
            simple(s.c == 0 ? K::send : s.c == 1 ? K::recv : K::bump, 0, s.b);
            mu[s.a]->unlock();
            break;
          }
          case K::select2:
            out += "s" + std::to_string(select(recv_case(ch[s.a]), recv_case(ch[s.b])));
            break;
          case K::select_default:
            out += "d" + std::to_string(select(send_case(ch[s.a], 7), recv_case(ch[s.b]), default_case()));
            break;
          case K::timeout:
            out += "t" + std::to_string(select(recv_case(ch[s.a]), recv_case(after(std::chrono::milliseconds(s.b + 1)))));
            break;
          case K::sleep: sleep(std::chrono::milliseconds(s.b)); break;
          case K::wg_done: wg.done(); break;
          case K::wg_wait:
            wg.wait();
            out += "w";
            break;
          case K::lock: mu[s.a]->lock(); break;
          case K::unlock: mu[s.a]->unlock(); break;
          case K::wg_cycle:
            wg.add(1);
            wg.done();
            break;
        }
      }
    };
    for (std::size_t t = 1; t < p.tasks.size(); ++t) go([run, t] { run(t); });
    run(0);
  };
}

// Every outcome of the exhaustive search, each with the observations of every task.
std::set<std::string> outcomes(const Program& p, bool dpor, bool& complete, std::uint64_t& schedules,
                               std::optional<unsigned> bound = std::nullopt) {
  std::vector<std::string> seen;
  std::set<std::string> all;
  // Plain DFS is capped (programs it cannot finish are discarded); the reduced search
  // gets more room: under a bound it has no sleep sets and, where a reversal would cost
  // a preemption too many, schedules it conservatively, so it may run more schedules.
  const Options o{.mode = Mode::exhaustive,
                  .iterations = dpor ? 20000u : 5000u,
                  .max_steps = 2000,
                  .preemption_bound = bound,
                  .dpor = dpor};
  const auto result = detail::search_outcomes(o, body_of(p, seen), [&](const std::string& outcome) {
    std::string s = outcome + " |";
    // After a failure the reduced search lets the other tasks go on (to see what they
    // would have done), so observations are compared for executions that end without one.
    const bool failed = outcome.rfind("panic", 0) == 0 || outcome.rfind("assertion", 0) == 0 ||
                        outcome.rfind("exception", 0) == 0;
    if (!failed) {
      for (const std::string& x : seen) s += " " + x;
    }
    all.insert(std::move(s));
  });
  complete = result.complete;
  schedules = result.schedules;
  return all;
}

struct Compared {
  std::set<std::string> full, reduced;
  std::uint64_t full_n = 0, reduced_n = 0;
};

// Runs both searches on p (under `bound`, if any); discards programs plain DFS cannot
// finish within its cap.
Compared compare(const Program& p, std::optional<unsigned> bound = std::nullopt) {
  Compared c;
  bool full_complete = false, reduced_complete = false;
  c.full = outcomes(p, false, full_complete, c.full_n, bound);
  RC_PRE(full_complete);
  c.reduced = outcomes(p, true, reduced_complete, c.reduced_n, bound);
  RC_ASSERT(reduced_complete);
  return c;
}

std::string explain(const Program& p, const Compared& c) {
  std::ostringstream os;
  show(p, os);
  for (const auto& s : c.full) os << (c.reduced.count(s) ? "  both: " : "  only DFS: ") << s << "\n";
  for (const auto& s : c.reduced) {
    if (!c.full.count(s)) os << "  only DPOR: " << s << "\n";
  }
  return os.str();
}

// The reduced search reaches exactly the outcomes plain DFS reaches: it never invents a
// failure, a stuck task or an observation (soundness), and misses none (completeness).
RC_GTEST_PROP(Soundness, ReducedSearchReachesExactlyWhatPlainDfsReaches, ()) {
  const Program p = *programs();
  RC_TAG(p.tasks.size());
  const Compared c = compare(p);
  if (c.reduced != c.full) RC_FAIL(explain(p, c));
}

// The same under a preemption bound (0 to 2): bounded partial-order reduction (no
// sleep sets, reversals also at the last context switch) reaches what bounded plain DFS
// reaches. Both count preemptions in the enabled-only model.
RC_GTEST_PROP(BoundedSoundness, BoundedReducedSearchReachesExactlyWhatBoundedDfsReaches, ()) {
  const Program p = *programs();
  const unsigned bound = *rc::gen::inRange(0u, 3u);
  RC_TAG(bound);
  const Compared c = compare(p, bound);
  if (c.reduced != c.full) RC_FAIL(explain(p, c));
}

}  // namespace
}  // namespace weft
