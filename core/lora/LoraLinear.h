#pragma once
// A LoRA layer wrapping a frozen linear layer, as PEFT's lora.Linear does:
//   y = base_layer(x) + scaling · lora_B(lora_A(dropout(x)))
// Children: base_layer (the original layer), lora_A [r, in], lora_B [out, r] — so parameter names are
// "...q_proj.lora_A.weight", the keys of PEFT's adapter_model.safetensors.
#include "core/lora/LoraConfig.h"
#include "core/model/Linear.h"

#include <torch/nn/modules/linear.h>

namespace core {

struct LoraLayerOptions {
    int r = 8;
    double loraAlpha = 8;
    double dropout = 0.0;
    bool useRslora = false;
    LoraInit init = LoraInit::Kaiming;
};

class LoraLinear final : public LinearBase {
public:
    // Creates lora_A/lora_B in float32 on the base layer's device. generator seeds the initialisation.
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

    // ΔW = scaling · B @ A, [out, in], float32.
    torch::Tensor deltaWeight() const;
    // W0 += ΔW (the adapter path is then skipped); unmerge subtracts it again (exact in float32, lossy in bf16).
    void merge();
    void unmerge();
    bool merged() const { return m_merged; }
    // A disabled adapter contributes nothing (merged weights are unmerged first), giving back the base layer.
    void setEnabled(bool enabled);
    bool enabled() const { return m_enabled; }

private:
    std::shared_ptr<LinearBase> m_base;
    torch::nn::Linear m_loraA{nullptr};
    torch::nn::Linear m_loraB{nullptr};
    LoraLayerOptions m_options;
    double m_scaling = 1.0;
    bool m_merged = false;
    bool m_enabled = true;
};

// alpha / r, or alpha / sqrt(r) with rsLoRA.
double loraScaling(double alpha, int r, bool useRslora);

} // namespace core
