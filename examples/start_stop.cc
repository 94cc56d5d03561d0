// An owning object starts a background loop in start() and must end it in stop().
// The leaky stop() only marks the server stopped: the loop, blocked in select on
// requests and its context, never hears of it.
// Fix: stop() cancels the context and waits until the loop has exited.
#include "examples/patterns.h"
#include "harness/weft.h"

namespace weft::examples::start_stop {

class Server {
 public:
  void start() {
    auto [ctx, cancel] = with_cancel(Context());
    cancel_ = cancel;
    go("server loop", [ctx, requests = requests_, done = done_] {
      for (;;) {
        std::optional<int> r;
        if (select(recv_case(requests, r), recv_case(ctx.done())) == 1) break;  // LEAK
      }
      done.close();
    });
  }
  void handle(int request) { requests_.send(request); }
  void stop_leaky() { stopped_ = true; }
  void stop() {
    stopped_ = true;
    cancel_();
    (void)done_.recv();
  }

 private:
  Chan<int> requests_ = make_chan<int>();
  Chan<Unit> done_ = make_chan<Unit>();
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
