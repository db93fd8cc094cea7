#pragma once
// A LoRA layer wrapping a frozen linear layer, as PEFT's lora.Linear does:
//   y = base_layer(x) + scaling · lora_B(lora_A(dropout(x)))
// With DoRA (PEFT's use_dora), a trained magnitude m [out] rescales each output row of W + ΔW to m / ||W + ΔW||:
//   y = base_layer(x) + (m / n − 1) · (x Wᵀ) + (m / n) · scaling · lora_B(lora_A(dropout(x))),  n = ||W + ΔW||_row
// with n treated as a constant (detached), as the DoRA paper and PEFT do; m starts at ||W + ΔW|| (= ||W||).
// With PiSSA / OLoRA (core/lora/BaseRewritingInit.h) A₀ and B₀ come from the base weight, which is rewritten to the
// residual W − scaling·B₀A₀; the layer keeps A₀ and B₀ so that switching it off or removing it gives back W, and so
// that it can be written as plain LoRA on the original W: [A; A₀] and [B, −B₀] (PEFT's subtract_mutated_init).
// Children: base_layer (the original layer), lora_A [r, in], lora_B [out, r] — so parameter names are
// "...q_proj.lora_A.weight", the keys of PEFT's adapter_model.safetensors — and DoRA's "lora_magnitude_vector".
#include "core/lora/LoraConfig.h"
#include "core/model/Linear.h"

#include <torch/nn/modules/linear.h>

#include <utility>

namespace core {

struct LoraLayerOptions {
    int r = 8;
    double loraAlpha = 8;
    double dropout = 0.0;
    bool useRslora = false;
    LoraInit init = LoraInit::Kaiming;
    int initNiter = 4; // LoraInit::PissaNiter
    // PiSSA / OLoRA: false leaves the base untouched at construction, for a caller that loads A and B first and then
    // calls rewriteBaseUnderLoadedFactors (loading an adapter leaves the model as it was when a tensor is wrong).
    bool startFromBase = true;
    bool useDora = false;
};

class LoraLinear final : public LinearBase {
public:
    // Creates lora_A/lora_B in float32 on the base layer's device. generator seeds the initialisation. PiSSA and
    // OLoRA rewrite the base layer's weight (throws core::Error when r exceeds min(in, out)).
    LoraLinear(std::shared_ptr<LinearBase> base, const LoraLayerOptions& options, at::Generator generator);

    // x: [..., in] -> [..., out]
    torch::Tensor forward(const torch::Tensor& x) override;
    torch::Tensor baseWeight() const override { return m_base->baseWeight(); }
    torch::Tensor baseBias() const override { return m_base->baseBias(); }

    std::shared_ptr<LinearBase> baseLayer() const { return m_base; }
    torch::Tensor loraA() const { return m_loraA->weight; }
    torch::Tensor loraB() const { return m_loraB->weight; }
    int rank() const { return m_options.r; }
    double scaling() const { return m_scaling; }
    const LoraLayerOptions& options() const { return m_options; }

    torch::Tensor magnitude() const { return m_magnitude; } ///< DoRA's m [out]; undefined without DoRA

    // PiSSA / OLoRA: the base weight holds the residual W − scaling·B₀A₀.
    bool rewroteBase() const { return m_initialA.defined(); }
    // The factors of this adapter as plain LoRA on the original base weight: (A, B) itself, or with a rewritten base
    // ([A; A₀], [B, −B₀]) — twice the rank, the same scaling · B·A − scaling · B₀A₀ change. float32, detached.
    std::pair<torch::Tensor, torch::Tensor> plainLoraFactors() const;
    // PiSSA / OLoRA adapter loaded from a file, as PEFT loads one: the base is rewritten to its residual for the
    // options' init while A and B keep the values already loaded. Once only; a no-op for other inits.
    void rewriteBaseUnderLoadedFactors(at::Generator generator);
    // Puts the original W back into the base layer (adds scaling·B₀A₀; exact to float32 rounding). For unwrapping.
    void restoreBaseWeight();

    // ΔW = scaling · B @ A, [out, in], float32 (DoRA's row rescaling not included).
    torch::Tensor deltaWeight() const;
    // W0 += ΔW (the adapter path is then skipped); unmerge subtracts it again (exact in float32, lossy in bf16).
    // DoRA: W0 ← (m / ||W0 + ΔW||_row) · (W0 + ΔW), and back.
    void merge();
    void unmerge();
    bool merged() const { return m_merged; }
    // A disabled adapter contributes nothing (merged weights are unmerged first), giving back the base layer.
    void setEnabled(bool enabled);
    bool enabled() const { return m_enabled; }

private:
    // PiSSA / OLoRA: A₀, B₀ from the base weight, the base rewritten; A and B set to them when setFactors.
    void startFromBaseWeight(at::Generator generator, bool setFactors);
    // scaling · B₀ A₀ in float32: what the initialisation took out of the base weight.
    torch::Tensor initialDeltaWeight() const;
    std::shared_ptr<LinearBase> m_base;
    torch::nn::Linear m_loraA{nullptr};
    torch::nn::Linear m_loraB{nullptr};
    LoraLayerOptions m_options;
    double m_scaling = 1.0;
    torch::Tensor m_magnitude;   // DoRA
    torch::Tensor m_mergedScale; // DoRA: the row factor merge() applied, for unmerge()
    torch::Tensor m_initialA;    // PiSSA / OLoRA: A₀ [r, in] and B₀ [out, r], float32, on the base's device
    torch::Tensor m_initialB;
    bool m_merged = false;
    bool m_enabled = true;
};

// alpha / r, or alpha / sqrt(r) with rsLoRA.
double loraScaling(double alpha, int r, bool useRslora);

} // namespace core
