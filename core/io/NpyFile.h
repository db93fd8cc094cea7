#pragma once
// NumPy's .npy format (version 1.0), float32 matrices only: what `lorawb embed` writes so that numpy.load reads the
// embeddings as an [N, D] array without any other package.
#include <cstdint>
#include <string>
#include <vector>

namespace core {

// The bytes of an .npy file holding `values` (row-major, rows × columns, little-endian float32).
std::string npyFloat32Matrix(const std::vector<float>& values, int64_t rows, int64_t columns);

} // namespace core
