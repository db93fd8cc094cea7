#include "core/eval/EvalMode.h"

#include <torch/nn/module.h>

namespace core {

EvalModeGuard::EvalModeGuard(torch::nn::Module& model) : m_model(model), m_wasTraining(model.is_training())
{
    m_model.eval();
}

EvalModeGuard::~EvalModeGuard()
{
    if (m_wasTraining)
        m_model.train();
}

} // namespace core
