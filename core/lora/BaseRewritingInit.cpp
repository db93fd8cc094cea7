#include "core/lora/BaseRewritingInit.h"

#include "core/common/Error.h"

#include <torch/torch.h>

#include <algorithm>

namespace core {

void checkBaseRewriteRank(const std::string& init, const std::string& module, int64_t out, int64_t in, int r)
{
    const int64_t side = std::min(out, in);
    LORAWB_CHECK(r <= side, "lora.init_lora_weights ", init, " takes r directions from each adapted weight, but ", module,
                 " is ", out, "×", in, " and r is ", r, "; lower lora.r (or its rank_pattern entry) to at most ", side,
                 ", or use init_lora_weights true");
}

LowRankSvd randomizedSvd(const at::Tensor& m, int r, int niter, at::Generator generator)
{
    LORAWB_ASSERT(m.dim() == 2 && r > 0 && niter >= 0);
    const int64_t k = std::min<int64_t>(r, std::min(m.size(0), m.size(1)));
    // A Gaussian test matrix, drawn on the CPU so that one seed gives one start on every device.
    const auto omega = at::normal(0.0, 1.0, {m.size(1), k}, generator, torch::TensorOptions(torch::kFloat32))
                           .to(m.device(), m.scalar_type());
    auto q = std::get<0>(torch::linalg_qr(torch::matmul(m, omega)));
    for (int i = 0; i < niter; ++i) {
        q = std::get<0>(torch::linalg_qr(torch::matmul(m.t(), q)));
        q = std::get<0>(torch::linalg_qr(torch::matmul(m, q)));
    }
    // m ≈ Q Qᵀ m; the SVD of the small Qᵀ m [k, cols] gives the rest.
    auto [uSmall, s, vh] = torch::linalg_svd(torch::matmul(q.t(), m), /*full_matrices=*/false);
    return {torch::matmul(q, uSmall), s, vh.t()};
}

InitFactors pissaFactors(const at::Tensor& weight, int r, double scaling, int niter, at::Generator generator)
{
    torch::NoGradGuard noGrad;
    const auto w = weight.detach().to(torch::kFloat32);
    at::Tensor left, values, rightT; // W ≈ left · diag(values) · rightT
    if (niter == 0) {
        auto [u, s, vh] = torch::linalg_svd(w, /*full_matrices=*/false);
        left = u.narrow(1, 0, r);
        values = s.narrow(0, 0, r);
        rightT = vh.narrow(0, 0, r);
    } else {
        const auto low = randomizedSvd(w, r, niter, generator);
        left = low.u;
        values = low.s;
        rightT = low.v.t();
    }
    const auto root = torch::sqrt(values / scaling);
    return {(root.unsqueeze(1) * rightT).contiguous(), (left * root.unsqueeze(0)).contiguous()};
}

InitFactors oloraFactors(const at::Tensor& weight, int r)
{
    torch::NoGradGuard noGrad;
    auto [q, rr] = torch::linalg_qr(weight.detach().to(torch::kFloat32));
    return {rr.narrow(0, 0, r).contiguous(), q.narrow(1, 0, r).contiguous()};
}

} // namespace core
