#pragma once
namespace torch::nn {
class Module;
}

namespace core {

// Puts a model in eval mode (no dropout, in particular none on LoRA's input) for a scope and gives back the mode it
// had. Layers added after loading (LoRA adapters) start in training mode, so evaluation must not rely on the loader's
// eval().
class EvalModeGuard {
public:
    explicit EvalModeGuard(torch::nn::Module& model);
    ~EvalModeGuard();
    EvalModeGuard(const EvalModeGuard&) = delete;
    EvalModeGuard& operator=(const EvalModeGuard&) = delete;

private:
    torch::nn::Module& m_model;
    bool m_wasTraining;
};

} // namespace core
