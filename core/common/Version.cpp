#include "core/common/Version.h"

#include <torch/cuda.h>
#include <torch/version.h>

#include <sstream>


namespace core {

std::string versionString() { return LORAWB_VERSION; }

std::string torchVersionString() { return TORCH_VERSION; }

bool cudaAvailable() { return torch::cuda::is_available(); }

std::string cudaDeviceSummary()
{
    const auto count = torch::cuda::device_count();
    if (count == 0)
        return torch::cuda::is_available() ? "" : "no CUDA device (this libtorch build is CPU-only or no GPU is visible)";
    std::ostringstream out;
    out << count << " CUDA device(s)";
    return out.str();
}

} // namespace core
