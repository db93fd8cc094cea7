#pragma once
#include "core/model/Linear.h"
#include "core/model/ModelConfig.h"

namespace core {

// SwiGLU feed-forward: down_proj(silu(gate_proj(x)) * up_proj(x)). Phi-3 computes gate and up with one gate_up_proj
// (gate the first half of its output, up the second).
class Mlp final : public LinearHost {
public:
    explicit Mlp(const ModelConfig& cfg);
    // x: [B, T, C]
    torch::Tensor forward(const torch::Tensor& x);

private:
    bool m_fused;
};

} // namespace core
