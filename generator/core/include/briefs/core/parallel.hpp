#pragma once
/// briefs::core — the one way the generator spreads work over cores.
#include <atomic>
#include <cstddef>
#include <functional>

namespace briefs::core {

/// The number of workers for `requested` (0: one per core), never more than `items` nor less than 1.
unsigned worker_count(unsigned requested, std::size_t items);

/// Calls `fn(worker, i)` for every i in [0, n), on `workers` threads (the caller's among them), items
/// handed out in order one at a time. `worker` is in [0, workers): each worker may own per-worker state
/// (its findings) without locks. Stops handing out items once `cancel` is true. An exception thrown by
/// `fn` ends that worker's share and is rethrown to the caller after every thread has finished.
void parallel_for(std::size_t n, unsigned workers, const std::function<void(unsigned worker, std::size_t i)>& fn,
                  const std::atomic<bool>* cancel = nullptr);

}  // namespace briefs::core
