#pragma once
// AdamW with decoupled weight decay, the update torch.optim.AdamW makes (non-amsgrad, non-fused), with its state in
// plain tensors so checkpoints can store it in safetensors and resume exactly.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace core {

struct AdamWOptions {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
    double weightDecay = 0.0;
};

class AdamW {
public:
    // decays[i]: whether parameter i takes weight decay (transformers exempts biases and norms, see
    // WeightDecayRule.h); empty = every parameter.
    AdamW(std::vector<at::Tensor> parameters, AdamWOptions options, std::vector<bool> decays = {});
    // One update of every parameter that has a gradient, at learning rate lr.
    void step(double lr);
    void zeroGrad();
    int64_t stepCount() const { return m_step; }

    // "exp_avg.<i>", "exp_avg_sq.<i>" per parameter index, and "step".
    std::vector<std::pair<std::string, at::Tensor>> stateTensors() const;
    // Throws core::Error (naming `source`) when the state does not fit these parameters.
    void loadStateTensors(const std::vector<std::pair<std::string, at::Tensor>>& state, const std::string& source);

private:
    std::vector<at::Tensor> m_params;
    std::vector<at::Tensor> m_expAvg, m_expAvgSq;
    std::vector<bool> m_decays;
    AdamWOptions m_options;
    int64_t m_step = 0;
};

} // namespace core
