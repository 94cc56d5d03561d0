// Pattern: a mutex held across a blocking operation.
//
// Real code: a publisher updates shared state under its lock and, still inside the
// lock_guard's scope, hands the update to a subscriber over an unbuffered channel;
// the subscriber takes the same lock before it receives:
//     { std::lock_guard<Mutex> lock(mu); updates.send(++version); }   // publisher
//     { std::lock_guard<Mutex> lock(mu); auto v = updates.recv(); }   // subscriber
// Why it leaks: whoever gets the lock first blocks on the channel while holding it;
// the other blocks on the lock; neither can move. The owner waiting for both (here a
// WaitGroup) deadlocks; without that wait, both tasks leak.
// Canonical fix: never block while holding a lock: copy what you need under the
// lock, release it (narrow the scope), then send or receive.
// The report points at the user's std::lock_guard line, not into <mutex>.
#pragma once

namespace weft::examples::mutex_across_block {

void leaky();  // publisher and subscriber wait for each other: a deadlock
void fixed();  // the lock is released before blocking: both finish

// Where the two tasks take the lock (through std::lock_guard) and then block.
extern const unsigned kPublisherLockLine;
extern const unsigned kPublisherSendLine;
extern const unsigned kSubscriberLockLine;
extern const unsigned kSubscriberRecvLine;

}  // namespace weft::examples::mutex_across_block
