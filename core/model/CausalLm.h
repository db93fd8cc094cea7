#pragma once
// The decoder-only language model (LlamaForCausalLM and its relatives) with transformers' module names:
//   model.embed_tokens, model.layers.N.{self_attn.{q,k,v,o}_proj, mlp.{gate,up,down}_proj, input_layernorm,
//   post_attention_layernorm}, model.norm, lm_head
// so that named_parameters() match the checkpoint's tensor names and PEFT's adapter keys.
#include "core/model/DecoderLayer.h"
#include "core/model/RotaryEmbedding.h"

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/embedding.h>

namespace core {

using KvCache = std::vector<KvCacheEntry>;

// The decoder stack ("model." in transformers).
class DecoderStack final : public torch::nn::Module {
public:
    explicit DecoderStack(const ModelConfig& cfg);
    torch::nn::Embedding embedTokens{nullptr};
    torch::nn::ModuleList layers{nullptr};
    std::shared_ptr<RmsNorm> norm;
};

// A parameter that modules_to_save trains as a copy (core/lora/SavedModules.h), with the tensor holding the values
// it started from, which adapters-off and unloading put back.
struct SavedParameter {
    torch::Tensor parameter; ///< in the module tree; trains in place
    torch::Tensor original;  ///< the starting values: a clone, or the tied partner's tensor when the tie was broken
    torch::Tensor trained;   ///< while adapters are off: the trained values, set aside
};

struct LossSum {
    torch::Tensor sum; ///< float32 scalar: sum of token cross-entropies
    int64_t tokens = 0; ///< predicted tokens that carry loss
    torch::Tensor rowSums;   ///< with perRow: [B] float32, each sequence's sum
    torch::Tensor rowTokens; ///< with perRow: [B] int64, each sequence's predicted tokens
};

class CausalLm final : public LinearHost {
public:
    explicit CausalLm(const ModelConfig& cfg);
    const ModelConfig& config() const { return m_config; }

    // ids: [B, T] int64 -> final hidden states [B, T, C]. With a cache, ids continue the cached sequence.
    torch::Tensor hiddenStates(const torch::Tensor& ids, KvCache* cache = nullptr);
    // ids: [B, T] -> logits [B, T, V] float32
    torch::Tensor logits(const torch::Tensor& ids, KvCache* cache = nullptr);
    // Next-token cross-entropy as transformers computes it (labels shifted left, -100 ignored), summed, with logits
    // computed only at positions that carry loss. ids, labels: [B, T].
    // perRow: also each sequence's sum and count (evaluation; transformers' eval_loss averages per-batch means).
    LossSum lossSum(const torch::Tensor& ids, const torch::Tensor& labels, bool perRow = false);
    // Mean over predicted tokens: what transformers returns for model(input_ids, labels=labels).loss.
    torch::Tensor meanLoss(const torch::Tensor& ids, const torch::Tensor& labels);

    std::shared_ptr<DecoderStack> stack() const { return m_stack; }
    std::shared_ptr<DecoderLayer> layer(int64_t i) const;
    int64_t numLayers() const { return m_config.numHiddenLayers; }

    // Tied input embedding and output head: lm_head computes with embed_tokens' very tensor.
    bool lmHeadTied() const;
    // Gives lm_head its own copy of the tied matrix (same values, same requires_grad); returns that copy.
    torch::Tensor untieLmHead();
    // lm_head shares embed_tokens' tensor again (after untieLmHead).
    void tieLmHead();

    // A task head beside lm_head (SEQ_CLS's `score`, QUESTION_ANS's `qa_outputs`), named as transformers names it so
    // that PEFT's modules_to_save keys match. Throws core::InternalError if the name is taken.
    void addTaskHead(const std::string& name, std::shared_ptr<LinearBase> head);
    bool hasTaskHead(const std::string& name) const;

    std::vector<SavedParameter>& savedParameters() { return m_saved; }
    const std::vector<SavedParameter>& savedParameters() const { return m_saved; }

private:
    ModelConfig m_config;
    RotaryEmbedding m_rope;
    std::shared_ptr<DecoderStack> m_stack;
    std::vector<SavedParameter> m_saved;
};

} // namespace core
