#include "core/eval/RankAnalysis.h"

#include "core/common/Error.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/ModuleMatching.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace core {
namespace {

std::vector<double> toVector(const at::Tensor& t)
{
    const auto c = t.to(torch::kFloat64).contiguous();
    return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

// NumPy's matrix_rank default: max(rows, cols) · eps · σ_max, with the eps of the dtype the matrix was computed in
// (a float32 ΔW carries float32 rounding noise, far above float64's eps).
double numpyTolerance(const std::vector<double>& singular, int64_t rows, int64_t cols, at::ScalarType dtype)
{
    const double largest = singular.empty() ? 0.0 : singular.front();
    const double eps = dtype == at::kDouble ? std::numeric_limits<double>::epsilon()
                                            : static_cast<double>(std::numeric_limits<float>::epsilon());
    return static_cast<double>(std::max(rows, cols)) * eps * largest;
}

} // namespace

MatrixRank matrixRank(const at::Tensor& m, double tolerance)
{
    LORAWB_CHECK(m.dim() == 2 && m.size(0) > 0 && m.size(1) > 0, "rank: expected a non-empty 2-D matrix, got shape ",
                 m.sizes());
    MatrixRank out;
    const auto a = m.to(torch::kFloat64);
    out.singularValues = toVector(at::linalg_svdvals(a));
    out.tolerance = tolerance >= 0 ? tolerance : numpyTolerance(out.singularValues, m.size(0), m.size(1), m.scalar_type());
    out.rank = std::count_if(out.singularValues.begin(), out.singularValues.end(),
                             [&](double s) { return s > out.tolerance; });

    // Reduced row echelon form: pivot columns form a basis; a free column's entries in the pivot rows are its
    // coefficients over the basis.
    const int64_t rows = m.size(0), cols = m.size(1);
    std::vector<std::vector<double>> r(rows, std::vector<double>(cols));
    const auto c = a.contiguous();
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j)
            r[i][j] = c[i][j].item<double>();
    const double pivotTolerance = std::max(out.tolerance, 1e-12 * std::max(1.0, out.singularValues.front()));
    int64_t pivotRow = 0;
    for (int64_t j = 0; j < cols && pivotRow < rows; ++j) {
        int64_t best = pivotRow;
        for (int64_t i = pivotRow + 1; i < rows; ++i)
            if (std::abs(r[i][j]) > std::abs(r[best][j]))
                best = i;
        if (std::abs(r[best][j]) <= pivotTolerance)
            continue;
        std::swap(r[best], r[pivotRow]);
        const double pivot = r[pivotRow][j];
        for (auto& v : r[pivotRow])
            v /= pivot;
        for (int64_t i = 0; i < rows; ++i) {
            if (i == pivotRow || r[i][j] == 0)
                continue;
            const double f = r[i][j];
            for (int64_t k = 0; k < cols; ++k)
                r[i][k] -= f * r[pivotRow][k];
        }
        out.basisColumns.push_back(j);
        ++pivotRow;
    }
    for (int64_t j = 0; j < cols; ++j) {
        if (std::find(out.basisColumns.begin(), out.basisColumns.end(), j) != out.basisColumns.end())
            continue;
        std::vector<double> coefficients;
        for (size_t i = 0; i < out.basisColumns.size(); ++i)
            coefficients.push_back(std::abs(r[i][j]) <= pivotTolerance ? 0.0 : r[i][j]);
        out.dependencies.emplace_back(j, coefficients);
    }
    return out;
}

std::vector<ModuleSpectrum> adapterSpectra(CausalLm& model)
{
    std::vector<ModuleSpectrum> out;
    torch::NoGradGuard noGrad;
    for (const auto& [name, layer] : loraLayers(model)) {
        ModuleSpectrum s;
        s.module = name;
        s.layer = layerIndexOf(name);
        s.kind = name.substr(name.rfind('.') + 1);
        s.r = layer->rank();
        // The change to the model: scaling·B·A, or, on a PiSSA / OLoRA residual, scaling·(B·A − B₀A₀) of rank ≤ 2r.
        const auto [plainA, plainB] = layer->plainLoraFactors();
        const auto computed = torch::matmul(plainB, plainA) * layer->scaling();
        const auto delta = computed.to(torch::kCPU, torch::kFloat64);
        auto singular = toVector(at::linalg_svdvals(delta));
        singular.resize(std::min<size_t>(singular.size(), static_cast<size_t>(plainA.size(0))));
        s.singularValues = singular;
        const double tol = numpyTolerance(singular, delta.size(0), delta.size(1), computed.scalar_type());
        s.effectiveRank = std::count_if(singular.begin(), singular.end(), [&](double v) { return v > tol; });
        double total = 0;
        for (double v : singular)
            total += v * v;
        s.frobeniusNorm = std::sqrt(total);
        double running = 0;
        for (double v : singular) {
            running += v * v;
            s.energy.push_back(total > 0 ? running / total : 0.0);
        }
        out.push_back(std::move(s));
    }
    return out;
}

void truncateAdapterRank(LoraLinear& layer, int k)
{
    LORAWB_CHECK(k >= 0, "rank truncation: k must be >= 0, got ", k);
    LORAWB_CHECK(!layer.merged(), "rank truncation: unmerge the adapter first (its ΔW is folded into the base weight).");
    // Its change B·A − B₀A₀ has rank up to 2r, which A and B alone cannot hold once truncated.
    LORAWB_CHECK(!layer.rewroteBase(), "rank truncation: this adapter was saved by PEFT straight from PiSSA / OLoRA "
                 "(init_lora_weights in adapter_config.json), so its A and B hold part of the base weight. Convert it "
                 "to plain LoRA first: in PEFT, save_pretrained with path_initial_model_for_weight_conversion (adapters "
                 "that lorawb trains are saved converted).");
    torch::NoGradGuard noGrad;
    const int r = layer.rank();
    const int keep = std::min(k, r);
    const auto delta = layer.deltaWeight().to(torch::kFloat64);                 // [out, in]
    const auto [u, s, vh] = at::linalg_svd(delta, /*full_matrices=*/false);     // u [out, m], vh [m, in]
    auto b = torch::zeros({delta.size(0), r}, delta.options());
    auto a = torch::zeros({r, delta.size(1)}, delta.options());
    if (keep > 0) {
        b.narrow(1, 0, keep).copy_(u.narrow(1, 0, keep) * s.narrow(0, 0, keep).unsqueeze(0) / layer.scaling());
        a.narrow(0, 0, keep).copy_(vh.narrow(0, 0, keep));
    }
    layer.loraB().copy_(b.to(layer.loraB().scalar_type()));
    layer.loraA().copy_(a.to(layer.loraA().scalar_type()));
}

} // namespace core
