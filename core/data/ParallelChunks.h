#pragma once
// Runs work(begin, end) over [0, n) in contiguous chunks on `threads` threads (0 = all cores), at least a few hundred
// items per thread. Each call writes only its own slots, so a result does not depend on the thread count or on
// scheduling; the first exception a chunk throws is rethrown here.
#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace core {

template <typename Work>
void forEachChunk(std::size_t n, int threads, const Work& work)
{
    std::size_t count = threads > 0 ? static_cast<std::size_t>(threads) : std::max(1u, std::thread::hardware_concurrency());
    count = std::min(count, std::max<std::size_t>(1, n / 256));
    if (count <= 1) {
        work(std::size_t{0}, n);
        return;
    }
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> errors(count);
    const std::size_t chunk = (n + count - 1) / count;
    for (std::size_t t = 0; t < count; ++t)
        pool.emplace_back([&, t] {
            try {
                work(std::min(n, t * chunk), std::min(n, (t + 1) * chunk));
            } catch (...) {
                errors[t] = std::current_exception();
            }
        });
    for (std::thread& thread : pool)
        thread.join();
    for (const std::exception_ptr& error : errors)
        if (error)
            std::rethrow_exception(error);
}

} // namespace core
