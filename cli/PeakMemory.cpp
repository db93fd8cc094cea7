#include "cli/PeakMemory.h"

#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>

// LORAWB_TORCH_CUDA is defined by CMake when the libtorch found has CUDA. The header alone is not enough to tell:
// Debian's CPU-only libtorch ships it too, but not the c10_cuda library behind it.
#if defined(LORAWB_TORCH_CUDA)
#include <c10/cuda/CUDACachingAllocator.h>
#endif

namespace core::cli {

std::optional<double> peakMemoryGiB(const c10::Device& device)
{
    constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
    if (device.is_cuda()) {
#if defined(LORAWB_TORCH_CUDA)
        const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(device.has_index() ? device.index() : 0);
        // allocated_bytes[0]: the aggregate over small and large pools (StatType::AGGREGATE).
        return static_cast<double>(stats.allocated_bytes[0].peak) / kGiB;
#else
        return std::nullopt;
#endif
    }
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return std::nullopt;
    return static_cast<double>(usage.ru_maxrss) * 1024.0 / kGiB; // ru_maxrss is in KiB on Linux
}

std::optional<double> availableHostMemoryBytes()
{
    std::ifstream meminfo("/proc/meminfo");
    std::string line;
    while (std::getline(meminfo, line)) {
        std::istringstream fields(line);
        std::string key;
        double kib = 0;
        if (fields >> key >> kib && key == "MemAvailable:")
            return kib * 1024.0;
    }
    return std::nullopt;
}

} // namespace core::cli
