#pragma once
// The ggml tensor types LoRA Workbench writes, their numbers in ggml.h, and how a row of float32 values becomes
// their bytes — the reference (non-SIMD) quantizers of ggml-quants.c, which llama.cpp and the gguf Python package
// both implement: Q8_0 = per block of 32 an f16 scale amax/127 and 32 int8 round(x/scale); Q4_0 = per block of 32 an
// f16 scale max/-8 (max: the value of largest magnitude, with its sign) and 32 nibbles min(15, trunc(x/scale + 8.5)),
// the block's first half in the low nibbles.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>

namespace core {

enum class GgmlType : uint32_t { F32 = 0, F16 = 1, Q4_0 = 2, Q8_0 = 8, BF16 = 30 };

const char* ggmlTypeName(GgmlType type); // "F32", "Q8_0", …
int64_t ggmlBlockSize(GgmlType type);    // values per block: 1, or 32 for the quantized types
int64_t ggmlBlockBytes(GgmlType type);   // bytes per block
// Bytes of one row of `n` values; n must be a multiple of the block size (InternalError otherwise).
uint64_t ggmlRowBytes(GgmlType type, int64_t n);

// rows: [R, N] (or [N]) float32, contiguous; returns R rows of ggmlRowBytes(type, N) bytes.
std::string encodeGgmlRows(const at::Tensor& rows, GgmlType type);

} // namespace core
