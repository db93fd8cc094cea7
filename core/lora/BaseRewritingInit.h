#pragma once
// PiSSA and OLoRA: initialisations that take A and B from the base weight itself and leave the residual in the base,
// so that the model is unchanged at step 0 while training starts in the weight's principal directions (PiSSA) or an
// orthonormal basis of its columns (OLoRA). As PEFT's LoraLayer.pissa_init / olora_init, computed in float32.
#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>

namespace core {

struct InitFactors {
    at::Tensor a; ///< [r, in], float32
    at::Tensor b; ///< [out, r], float32
};

// PiSSA: W = V S Uᵀ; A = diag(√(S_r / scaling)) U_rᵀ, B = V_r diag(√(S_r / scaling)), so that scaling·B·A is W's
// best rank-r approximation. niter 0: the exact SVD (PEFT's "pissa"); niter > 0: a randomized SVD with that many
// subspace iterations (PEFT's "pissa_niter_N", torch.svd_lowrank's algorithm), drawn from `generator`.
InitFactors pissaFactors(const at::Tensor& weight, int r, double scaling, int niter, at::Generator generator);

// Both take r directions from the weight, so r may not exceed min(out, in): core::Error naming the init (its
// experiment-file spelling), the module, its shape and the largest r that fits, when it does.
void checkBaseRewriteRank(const std::string& init, const std::string& module, int64_t out, int64_t in, int r);

// OLoRA: W = Q R; B = Q[:, :r], A = R[:r] (not divided by the scaling, as PEFT: the residual is W - scaling·B·A).
InitFactors oloraFactors(const at::Tensor& weight, int r);

// The top-r singular triplets of `m` [rows, cols] by the randomized range finder of Halko, Martinsson and Tropp
// (2011), algorithm 4.4 with `niter` power iterations, re-orthonormalised after each product: returns U [rows, r],
// S [r], V [cols, r] with m ≈ U diag(S) Vᵀ. Exact when r ≥ rank(m).
struct LowRankSvd {
    at::Tensor u, s, v;
};
LowRankSvd randomizedSvd(const at::Tensor& m, int r, int niter, at::Generator generator);

} // namespace core
