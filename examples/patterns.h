// The leak patterns of every Go goroutine-leak guide, each as a leaky body and its
// fix. Bodies run as the main task under weft::explore. Each pattern lives in its own
// file (<pattern>.cc) with its story; the line where the leaky version gets stuck is
// marked there with a `// LEAK` comment, which the tests look up.
#pragma once

namespace weft::examples {

#define WEFT_EXAMPLE(name) \
  namespace name {         \
  void leaky();            \
  void fixed();            \
  }

WEFT_EXAMPLE(first_wins)          // senders outlive the first answer
WEFT_EXAMPLE(unclosed_receiver)   // a receiver on a channel nobody closes
WEFT_EXAMPLE(nil_channel)         // an operation on a nil channel
WEFT_EXAMPLE(spin_default)        // for { select { default: } } that never ends
WEFT_EXAMPLE(mutex_across_block)  // a mutex held across a blocking send
WEFT_EXAMPLE(ticker_loop)         // a ticker-driven loop nobody stops
WEFT_EXAMPLE(no_timeout_caller)   // a caller waiting without a timeout on a hung worker
WEFT_EXAMPLE(worker_pool)         // a results channel that outlives its reader
WEFT_EXAMPLE(start_stop)          // an owner whose stop() forgets to cancel
WEFT_EXAMPLE(cancel_vs_value)     // select assumed to prefer cancellation

#undef WEFT_EXAMPLE

}  // namespace weft::examples
