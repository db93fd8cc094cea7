#pragma once
// Rank, made visible: the rank of a small matrix with a basis and the column dependencies (the rank lab's
// playground), and the singular-value spectrum of each trained ΔW = scaling · B·A (where and how much learning
// happened). Truncating an adapter to rank k by SVD answers "what if r were smaller?".
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace core {

class CausalLm;
class LoraLinear;

struct MatrixRank {
    int64_t rank = 0;
    double tolerance = 0;                 ///< singular values at or below this count as zero
    std::vector<double> singularValues;   ///< descending
    std::vector<int64_t> basisColumns;    ///< pivot columns: a basis of the column space, 0-based
    // For every column that is not a basis column: (column, coefficients c with column = Σ c_i · basisColumns[i]).
    std::vector<std::pair<int64_t, std::vector<double>>> dependencies;
};

// m: [rows, cols], any float dtype. tolerance < 0: NumPy's matrix_rank default, max(rows, cols) · eps · σ_max with
// the eps of m's dtype (the arithmetic itself is float64). Columns are analysed by Gauss-Jordan elimination with partial pivoting with the same tolerance scale.
MatrixRank matrixRank(const at::Tensor& m, double tolerance = -1);

struct ModuleSpectrum {
    std::string module;                   ///< "model.layers.0.self_attn.q_proj"
    int layer = -1;
    std::string kind;                     ///< "q_proj"
    int r = 0;
    std::vector<double> singularValues;   ///< of ΔW, the first r (the rest are zero by construction)
    int64_t effectiveRank = 0;            ///< singular values above NumPy's tolerance
    double frobeniusNorm = 0;             ///< ‖ΔW‖_F
    std::vector<double> energy;           ///< energy[k-1]: share of ‖ΔW‖_F² in the top k singular values
};

// One entry per LoRA layer of the model, in module order.
std::vector<ModuleSpectrum> adapterSpectra(CausalLm& model);

// Replaces the layer's adapter by the best rank-k approximation of its ΔW (Eckart–Young): B = U_k·S_k / scaling,
// A = V_kᵀ, zero-padded to the layer's r. k >= r leaves ΔW unchanged (up to rounding).
void truncateAdapterRank(LoraLinear& layer, int k);

} // namespace core
