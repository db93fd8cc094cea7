#pragma once
#include <c10/core/Device.h>

#include <optional>

namespace core::cli {

// Peak memory of this process so far, in GiB (2^30 bytes). CUDA: the caching allocator's peak allocated bytes on the
// device (torch.cuda.max_memory_allocated); empty when this build cannot read it. CPU: the process's peak resident
// set size (getrusage).
std::optional<double> peakMemoryGiB(const c10::Device& device);
// Memory the system can still give this process (MemAvailable), in bytes; empty when unknown.
std::optional<double> availableHostMemoryBytes();

} // namespace core::cli
