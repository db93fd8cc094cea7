#pragma once
#include "core/model/CausalLm.h"
#include "core/tokenizer/Tokenizer.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace core {

class WeightStore;

struct LoadOptions {
    std::string device = "auto";  ///< auto | cpu | cuda | cuda:N
    std::string dtype = "auto";   ///< auto (CPU float32, CUDA bfloat16) | float32 | bfloat16 | float16
    bool loadTokenizer = true;    ///< false: weights only (info, bench)
};

struct LoadedModel {
    std::shared_ptr<CausalLm> model;
    std::shared_ptr<Tokenizer> tokenizer; ///< null when not asked for
    std::string directory;
    c10::Device device = c10::Device(c10::kCPU);
    c10::ScalarType dtype = c10::kFloat;
};

// Reads a Hugging Face model directory: config.json, safetensors weights (single or sharded, F32/F16/BF16,
// memory-mapped) and the tokenizer (tokenizer.json, else tokenizer.model). Every shape is checked against config.json. Throws core::Error naming the file
// and the fix for any problem.
LoadedModel loadModel(const std::string& directory, const LoadOptions& options = {});
// Every weight `model` needs is in the checkpoint, with the shape config.json implies and a float dtype; reads only
// the headers. Throws core::Error naming the file and tensor otherwise.
void checkCheckpointMatches(CausalLm& model, const WeightStore& store, const std::string& directory);
// The config alone (cheap): directory/config.json.
ModelConfig loadModelConfig(const std::string& directory);
// A tokenizer with more tokens than config.json's vocab_size belongs to another model: core::Error naming dir.
void checkTokenizerFits(const Tokenizer& tok, const ModelConfig& cfg, const std::string& directory);
// Fills every weight with transformers' default initialisation (normal(0, 0.02), norms 1, biases 0) from `seed`.
void initializeRandomWeights(CausalLm& model, uint64_t seed);
// The model's weights under the names of a Hugging Face checkpoint, in module order: LoRA weights left out,
// ".base_layer" removed, lm_head.weight left out while it is tied to embed_tokens (as computed, not as loaded:
// modules_to_save on lm_head or embed_tokens breaks the tie, and then both are listed).
std::vector<std::pair<std::string, at::Tensor>> checkpointTensors(const CausalLm& model);
// Saves the model as a Hugging Face directory (config.json + model.safetensors), atomically per file.
void saveModelDirectory(const CausalLm& model, const std::string& directory);

} // namespace core
