#pragma once
// A Hugging Face config.json of a LLaMA-family decoder (Llama 2/3.x, TinyLlama, Mistral, Qwen2/3, Phi-3), read into
// the few numbers the decoder needs. Field names follow transformers.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace core {

struct RopeScaling {
    std::string type;                        ///< "linear", "llama3" or "longrope" ("default": no scaling)
    double factor = 1.0;
    double lowFreqFactor = 1.0;              ///< llama3 only
    double highFreqFactor = 4.0;             ///< llama3 only
    int64_t originalMaxPositionEmbeddings = 8192; ///< llama3 and longrope: the pretraining length
    std::vector<double> shortFactor;         ///< longrope: per-frequency divisors up to the pretraining length
    std::vector<double> longFactor;          ///< longrope: … and beyond it
    std::optional<double> attentionFactor;   ///< longrope: cos and sin scale, if given (else from factor)
};

struct ModelConfig {
    std::string architecture;                ///< architectures[0], e.g. "LlamaForCausalLM"
    std::string modelType;                   ///< model_type, e.g. "llama"
    int64_t vocabSize = 0;
    int64_t hiddenSize = 0;
    int64_t intermediateSize = 0;
    int64_t numHiddenLayers = 0;
    int64_t numAttentionHeads = 0;
    int64_t numKeyValueHeads = 0;            ///< GQA groups; = numAttentionHeads without GQA
    int64_t headDim = 0;                     ///< head_dim, or hidden_size / num_attention_heads
    int64_t maxPositionEmbeddings = 2048;
    double rmsNormEps = 1e-6;
    double ropeTheta = 10000.0;
    std::optional<RopeScaling> ropeScaling;
    bool tieWordEmbeddings = false;
    bool qkvBias = false;                    ///< Qwen2: true; Llama: attention_bias
    bool oBias = false;                      ///< Llama: attention_bias
    bool mlpBias = false;                    ///< Llama: mlp_bias
    bool qkNorm = false;                     ///< Qwen3: RMSNorm over each head of q and k, before the rotation
    int64_t slidingWindow = 0;               ///< Mistral's sliding window; 0 = full causal attention
    // Which layers the window applies to (HF's layer_types: "sliding_attention" / "full_attention"; Qwen2/3 derive
    // it from max_window_layers: layers i >= it slide). Empty: every layer.
    std::vector<bool> slidingLayers;
    // The window of layer `index`: slidingWindow, or 0 where that layer attends to everything.
    int64_t slidingWindowOf(int64_t index) const;
    bool fusedProjections = false;           ///< Phi-3: one qkv_proj for q, k and v, one gate_up_proj for gate and up
    int64_t rotaryDim = 0;                   ///< dims of each head that rotate (partial_rotary_factor × head_dim);
                                             ///< 0 = all of head_dim
    double attentionDropout = 0.0;           ///< attention_dropout: on the attention weights, while training
    double residualDropout = 0.0;            ///< Phi-3's resid_pdrop: on each block's output, while training
    double classifierDropout = 0.1;          ///< TOKEN_CLS: the dropout before the score head, as transformers'
                                             ///< *ForTokenClassification picks it: classifier_dropout, else
                                             ///< hidden_dropout, else 0.1
    std::string torchDtype;                  ///< dtype the checkpoint was saved in ("bfloat16", …), informational
    int64_t bosTokenId = -1;
    int64_t eosTokenId = -1;
    int64_t padTokenId = -1;

    // Parses and validates; every problem is a core::Error naming `path` and the field.
    static ModelConfig fromJson(const nlohmann::json& json, const std::string& path);
    static ModelConfig fromFile(const std::string& path);
    // The config.json a Hugging Face loader accepts for this model (used when the project saves a model).
    nlohmann::json toJson() const;
};

} // namespace core
