#include "briefs/core/parallel.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace briefs::core {

unsigned worker_count(unsigned requested, std::size_t items) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const unsigned wanted = requested ? requested : cores;
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(wanted, items)));
}

void parallel_for(std::size_t n, unsigned workers, const std::function<void(unsigned worker, std::size_t i)>& fn,
                  const std::atomic<bool>* cancel) {
    workers = std::max(1u, workers);
    std::atomic<std::size_t> cursor{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto work = [&](unsigned self) {
        try {
            for (std::size_t i; (i = cursor.fetch_add(1)) < n;) {
                if (cancel && cancel->load()) return;
                fn(self, i);
            }
        } catch (...) {
            std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < workers; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace briefs::core
