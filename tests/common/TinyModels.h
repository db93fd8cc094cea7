#pragma once
// The tiny decoder the suites build instead of downloading one: a forward pass takes milliseconds, yet it has every
// part of a real LLaMA-family model (grouped-query attention, SwiGLU MLP, RMSNorm, RoPE, optional Qwen2 biases).
#include "core/model/CausalLm.h"
#include "core/model/ModelLoader.h"

#include <torch/torch.h>

#include <QFile>
#include <QString>
#include <QtTest>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace testutil {

// Llama, hidden size 32 = 4 heads of 8, 2 key/value heads (so grouped-query attention is always on the path),
// 2 layers, rms_norm_eps 1e-5, <s> = 1, </s> = 2. What tests depend on is an argument: the vocabulary must cover the
// tokenizer or the ids a test feeds, windowing and "last position" tests need few positions, and a shape-mismatch
// test needs a second MLP width. Anything else a test needs (tied head, fewer kv heads) it sets on the result.
inline core::ModelConfig tinyConfig(int64_t vocabSize = 64, int64_t maxPositions = 64, int64_t intermediateSize = 48)
{
    core::ModelConfig c;
    c.architecture = "LlamaForCausalLM";
    c.modelType = "llama";
    c.vocabSize = vocabSize;
    c.hiddenSize = 32;
    c.intermediateSize = intermediateSize;
    c.numHiddenLayers = 2;
    c.numAttentionHeads = 4;
    c.numKeyValueHeads = 2;
    c.headDim = 8;
    c.maxPositionEmbeddings = maxPositions;
    c.rmsNormEps = 1e-5;
    c.bosTokenId = 1;
    c.eosTokenId = 2;
    return c;
}

// The same model as Qwen2 has it: its architecture name and biases on q/k/v.
inline core::ModelConfig asQwen2(core::ModelConfig c)
{
    c.architecture = "Qwen2ForCausalLM";
    c.modelType = "qwen2";
    c.qkvBias = true;
    return c;
}

// Seeded random weights (transformers' initialisation), in eval mode. `matrixScale` multiplies every weight matrix:
// with a 32-wide model the 0.02-std init leaves the logits nearly uniform, so tests that need distinct greedy choices,
// visible adapter effects or fast learning scale them up to the size of trained weights.
inline std::shared_ptr<core::CausalLm> randomModel(const core::ModelConfig& cfg, uint64_t seed,
                                                   double matrixScale = 1.0)
{
    auto model = std::make_shared<core::CausalLm>(cfg);
    core::initializeRandomWeights(*model, seed);
    if (matrixScale != 1.0) {
        torch::NoGradGuard noGrad;
        for (auto& p : model->parameters())
            if (p.dim() == 2)
                p.mul_(matrixScale);
    }
    model->eval();
    return model;
}

// Biases drawn from N(0, std) with their own generator (they start at zero), so that what a test does with biases
// (train them, save them, apply them) is observable.
inline void randomizeBiases(core::CausalLm& model, uint64_t seed, double std = 0.1)
{
    torch::NoGradGuard noGrad;
    auto gen = at::detail::createCPUGenerator(seed);
    for (auto& item : model.named_parameters())
        if (item.key().find(".bias") != std::string::npos)
            item.value().copy_(at::normal(0.0, std, item.value().sizes(), gen, torch::kFloat32));
}

// Every parameter frozen, as a loaded base model is.
inline void freeze(core::CausalLm& model)
{
    for (auto& p : model.parameters())
        p.set_requires_grad(false);
}

// A Hugging Face model directory: dir/config.json and dir/model.safetensors of `model`, and dir/tokenizer.model
// copied from `tokenizerModel`.
inline void saveModelWithTokenizer(const core::CausalLm& model, const std::string& dir,
                                   const std::string& tokenizerModel)
{
    std::filesystem::create_directories(dir);
    core::saveModelDirectory(model, dir);
    QVERIFY2(QFile::copy(QString::fromStdString(tokenizerModel), QString::fromStdString(dir + "/tokenizer.model")),
             qPrintable(QString::fromStdString("cannot copy " + tokenizerModel + " into " + dir)));
}

} // namespace testutil
