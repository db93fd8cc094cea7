#pragma once
// The linear layers of the decoder. Every projection is held as a LinearBase so that LoRA can wrap it in place
// (PEFT's way: the adapter layer owns the frozen base layer as "base_layer"), see core/lora/LoraLinear.h.
#include <torch/nn/module.h>

namespace core {

class LinearBase : public torch::nn::Module {
public:
    // x: [..., in] -> [..., out]
    virtual torch::Tensor forward(const torch::Tensor& x) = 0;
    // The layer's own (base) weight [out, in] and bias [out] (undefined when it has none).
    virtual torch::Tensor baseWeight() const = 0;
    virtual torch::Tensor baseBias() const = 0;
    int64_t inFeatures() const { return baseWeight().size(1); }
    int64_t outFeatures() const { return baseWeight().size(0); }
};

// A plain linear layer y = x W^T + b. Weights are filled by the loader.
class DenseLinear final : public LinearBase {
public:
    DenseLinear(int64_t in, int64_t out, bool bias);
    // Shares an existing weight (tied input embedding and output head).
    explicit DenseLinear(const torch::Tensor& sharedWeight);
    torch::Tensor forward(const torch::Tensor& x) override;
    torch::Tensor baseWeight() const override { return m_weight; }
    torch::Tensor baseBias() const override { return m_bias; }

private:
    torch::Tensor m_weight;
    torch::Tensor m_bias;
};

// A module whose linear children can be replaced by name (the injector's surgery point).
class LinearHost : public torch::nn::Module {
public:
    std::shared_ptr<LinearBase> linear(const std::string& name) const;
    void replaceLinear(const std::string& name, std::shared_ptr<LinearBase> replacement);

protected:
    std::shared_ptr<LinearBase> addLinear(const std::string& name, std::shared_ptr<LinearBase> layer);

private:
    std::map<std::string, std::shared_ptr<LinearBase>> m_linears;
};

} // namespace core
