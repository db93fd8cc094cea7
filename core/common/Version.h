#pragma once
#include <string>

namespace core {

// "0.1.0"
std::string versionString();
// The libtorch this binary was built against, e.g. "1.13.1".
std::string torchVersionString();
// True when this libtorch build has CUDA and a device is visible.
bool cudaAvailable();
// One line per visible CUDA device ("cuda:0 NVIDIA H200, 139.8 GiB"), empty without CUDA.
std::string cudaDeviceSummary();

} // namespace core
