#include "cli/BenchModels.h"
#include "core/common/Text.h"

#include "core/common/Error.h"

namespace core::cli {
namespace {

ModelConfig llama(int64_t vocab, int64_t hidden, int64_t intermediate, int64_t layers, int64_t heads, int64_t kvHeads,
                  int64_t maxPositions, double ropeTheta)
{
    ModelConfig cfg;
    cfg.architecture = "LlamaForCausalLM";
    cfg.modelType = "llama";
    cfg.vocabSize = vocab;
    cfg.hiddenSize = hidden;
    cfg.intermediateSize = intermediate;
    cfg.numHiddenLayers = layers;
    cfg.numAttentionHeads = heads;
    cfg.numKeyValueHeads = kvHeads;
    cfg.headDim = hidden / heads;
    cfg.maxPositionEmbeddings = maxPositions;
    cfg.rmsNormEps = 1e-5;
    cfg.ropeTheta = ropeTheta;
    cfg.bosTokenId = 1;
    cfg.eosTokenId = 2;
    return cfg;
}

} // namespace

std::vector<std::string> benchModelNames() { return {"tiny", "tinyllama-1.1b", "llama3-8b"}; }

ModelConfig benchModelConfig(const std::string& name)
{
    if (name == "tiny") // seconds on a CPU: for tests
        return llama(256, 64, 128, 2, 4, 2, 512, 10000.0);
    if (name == "tinyllama-1.1b")
        return llama(32000, 2048, 5632, 22, 32, 4, 2048, 10000.0);
    if (name == "llama3-8b") {
        ModelConfig cfg = llama(128256, 4096, 14336, 32, 32, 8, 8192, 500000.0);
        cfg.bosTokenId = 128000;
        cfg.eosTokenId = 128001;
        return cfg;
    }
    const std::string names = joinedWithCommas(benchModelNames());
    LORAWB_FAIL("--config: unknown model shape '", name, "'. Built-in shapes: ", names,
                "; or give --model DIR for a model directory.");
}

} // namespace core::cli
