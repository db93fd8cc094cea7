#pragma once
#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <string>

namespace core {

// "auto" | "cpu" | "cuda" | "cuda:N" -> a device. auto picks CUDA when this build has it and a GPU is visible.
// Asking for CUDA where there is none is a core::Error that says so; `field` names the setting in the message.
c10::Device resolveDevice(const std::string& spec, const std::string& field = "train.device");
// "auto" (CPU: float32, CUDA: bfloat16) | "float32" | "bfloat16" | "float16".
c10::ScalarType resolveDtype(const std::string& spec, const c10::Device& device, const std::string& field = "train.dtype");
std::string dtypeName(c10::ScalarType dtype); // "float32", "bfloat16", "float16"

} // namespace core
