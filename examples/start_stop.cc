#include "examples/start_stop.h"

#include <optional>

#include "harness/weft.h"

namespace weft::examples::start_stop {

// Waits for the next request; nullopt once the context is cancelled.
static std::optional<int> next_request(const Chan<int>& requests, const Context& ctx) {
  std::optional<int> r;
  return select(recv_case(requests, r), recv_case(ctx.done())) == 0 ? r : std::nullopt;
}
const unsigned kSelectLine = __LINE__ - 2;  // the select two lines up

class Server {
 public:
  // Starts the serving loop (a task named "server loop").
  void start() {
    auto [ctx, cancel] = with_cancel(Context());
    cancel_ = cancel;
    go("server loop", [ctx, requests = requests_, exited = exited_] {
      while (auto r = next_request(requests, ctx)) {
        WEFT_ASSERT(*r > 0);  // serve it
      }
      exited.close();
    });
  }

  // Hands a request to the loop; blocks until the loop takes it.
  void handle(int request) { requests_.send(request); }

  // The buggy stop: marks the server stopped and returns. The loop never knows.
  void stop_leaky() { stopped_ = true; }

  // The fix: cancel the loop's context, then wait until the loop has exited.
  void stop() {
    stopped_ = true;
    cancel_();
    (void)exited_.recv();
  }

 private:
  Chan<int> requests_ = make_chan<int>();
  Chan<Unit> exited_ = make_chan<Unit>();  // closed by the loop when it returns
  CancelFunc cancel_;
  bool stopped_ = false;
};

void leaky() {
  Server s;
  s.start();
  s.handle(1);
  s.stop_leaky();
}

void fixed() {
  Server s;
  s.start();
  s.handle(1);
  s.stop();
}

}  // namespace weft::examples::start_stop
