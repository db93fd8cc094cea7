#include "core/model/TaskHeadInit.h"

#include <torch/torch.h>

namespace core {

void addInitialisedTaskHead(CausalLm& model, const std::string& name, int64_t outFeatures, uint64_t seed, bool bias,
                            double initializerRange)
{
    const auto embedding = model.stack()->embedTokens->weight;
    auto head = std::make_shared<DenseLinear>(model.config().hiddenSize, outFeatures, bias);
    {
        torch::NoGradGuard noGrad;
        auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
        const auto values = at::normal(0.0, initializerRange, {outFeatures, model.config().hiddenSize}, generator);
        head->baseWeight().copy_(values); // to the model's dtype below
        if (bias)
            head->baseBias().zero_();
    }
    head->to(embedding.device(), embedding.scalar_type());
    head->baseWeight().set_requires_grad(false);
    if (bias)
        head->baseBias().set_requires_grad(false);
    model.addTaskHead(name, head);
}

} // namespace core
