#pragma once
// The safetensors dtype names LoRA Workbench reads and writes, and their torch scalar types.
#include <c10/core/ScalarType.h>

#include <cstdint>
#include <optional>
#include <string>

namespace core {

// "F32" → at::kFloat, ...; nullopt for a name that is not supported.
std::optional<c10::ScalarType> scalarTypeOfSafetensorsDtype(const std::string& dtype);
// at::kFloat → "F32", ...; nullopt for a scalar type with no supported safetensors name (complex, quantized, ...).
std::optional<std::string> safetensorsDtypeOf(c10::ScalarType type);
// Bytes per element of a supported dtype name; 0 for an unsupported one.
std::int64_t safetensorsItemSize(const std::string& dtype);
// "F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL", for error messages.
const std::string& supportedSafetensorsDtypes();

} // namespace core
