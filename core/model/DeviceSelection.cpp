#include "core/model/DeviceSelection.h"

#include "core/common/Error.h"

#include <ATen/ATen.h>
#include <torch/cuda.h>

namespace core {
namespace {

// Older CPU builds of libtorch (1.13) have no float16 matmul; the model would only fail at its first forward pass.
bool cpuHasHalfMatmul()
{
    static const bool supported = [] {
        try {
            const auto a = at::ones({2, 2}, at::TensorOptions(at::kHalf));
            (void)at::matmul(a, a);
            return true;
        } catch (const c10::Error&) {
            return false;
        }
    }();
    return supported;
}

} // namespace

c10::Device resolveDevice(const std::string& spec, const std::string& field)
{
    if (spec == "auto" || spec.empty())
        return torch::cuda::is_available() ? c10::Device(c10::kCUDA, 0) : c10::Device(c10::kCPU);
    if (spec == "cpu")
        return c10::Device(c10::kCPU);
    if (spec == "cuda" || spec.rfind("cuda:", 0) == 0) {
        LORAWB_CHECK(torch::cuda::is_available(), field, ": CUDA was asked for (\"", spec,
                     "\") but CUDA is not available: this build of LoRA Workbench uses a CPU-only libtorch or no NVIDIA "
                     "GPU is visible. Use \"cpu\" or \"auto\", or rebuild against a CUDA libtorch (see README).");
        int index = 0;
        if (spec.size() > 5) {
            try {
                size_t used = 0;
                index = std::stoi(spec.substr(5), &used);
                LORAWB_CHECK(used == spec.size() - 5, field, ": bad device \"", spec, "\"");
            } catch (const std::logic_error&) {
                LORAWB_FAIL(field, ": bad device \"", spec, "\"; expected cuda:N with N a GPU index");
            }
        }
        LORAWB_CHECK(index >= 0 && static_cast<size_t>(index) < torch::cuda::device_count(), field, ": device ",
                     spec, " does not exist; ", torch::cuda::device_count(), " GPU(s) are visible.");
        return c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(index));
    }
    LORAWB_FAIL(field, ": unknown device \"", spec, "\"; use auto, cpu, cuda or cuda:N.");
}

c10::ScalarType resolveDtype(const std::string& spec, const c10::Device& device, const std::string& field)
{
    if (spec == "auto" || spec.empty())
        return device.is_cuda() ? c10::kBFloat16 : c10::kFloat;
    if (spec == "float32" || spec == "fp32")
        return c10::kFloat;
    if (spec == "bfloat16" || spec == "bf16")
        return c10::kBFloat16;
    if (spec == "float16" || spec == "fp16") {
        LORAWB_CHECK(device.is_cuda() || cpuHasHalfMatmul(), field, ": float16 is not supported on the CPU by this ",
                     "libtorch (it has no float16 matrix multiply); use float32 or bfloat16 on the CPU.");
        return c10::kHalf;
    }
    LORAWB_FAIL(field, ": unknown dtype \"", spec, "\"; use auto, float32, bfloat16 or float16.");
}

std::string dtypeName(c10::ScalarType dtype)
{
    switch (dtype) {
    case c10::kFloat: return "float32";
    case c10::kBFloat16: return "bfloat16";
    case c10::kHalf: return "float16";
    default: return c10::toString(dtype);
    }
}

} // namespace core
