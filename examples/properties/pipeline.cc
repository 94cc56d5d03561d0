#include "examples/properties/pipeline.h"

#include <optional>

#include "harness/weft.h"

namespace weft::examples::pipeline {

// Hands v on; false once the context is cancelled (only when watching it).
static bool hand_on(const Chan<int>& out, int v, const Context& c, bool watch) {
  if (!watch) {
    out.send(v);
    return true;
  }
  return select(send_case(out, v), recv_case(c.done())) == 0;
}
const unsigned kSendLine = __LINE__ - 5;  // the out.send five lines up

static void run(unsigned stages, unsigned items, unsigned take, bool watch) {
  auto [ctx, cancel] = with_cancel(Context());
  auto& done = make<WaitGroup>();
  auto first = make_chan<int>();
  done.add(1);
  go("source", [=, &done, ctx = ctx] {
    for (unsigned i = 1; i <= items; ++i) {
      if (!hand_on(first, static_cast<int>(i), ctx, watch)) break;
    }
    first.close();
    done.done();
  });
  Chan<int> in = first;
  for (unsigned s = 0; s < stages; ++s) {
    auto out = make_chan<int>();
    done.add(1);
    go("stage", [=, &done, ctx = ctx] {
      for (const int v : in) {
        if (!hand_on(out, v + 1, ctx, watch)) break;
      }
      out.close();
      done.done();
    });
    in = out;
  }
  for (unsigned t = 0; t < take; ++t) (void)in.recv();
  cancel();
  if (watch) {
    // Drain what is in flight so every stage sees either the cancel or a closed input.
    while (in.recv()) {
    }
    done.wait();
  }
}

void run_leaky(unsigned stages, unsigned items, unsigned take) { run(stages, items, take, false); }
void run_fixed(unsigned stages, unsigned items, unsigned take) { run(stages, items, take, true); }

}  // namespace weft::examples::pipeline
