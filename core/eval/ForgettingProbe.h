#pragma once
// Catastrophic forgetting, measured. Built from the model as it is before training (the base), the probe keeps the
// base's next-token log-probabilities on a retain text (text the base knows) and its accuracy on earlier tasks; each
// measure() then reports, for the model as it is now: retain-set perplexity, the mean KL divergence KL(p_base ‖ p_now)
// over the retain tokens, the largest absolute logit difference from the base, and exact-match accuracy per task.
// measureAdapterOff() does the same with every LoRA layer disabled: with bias "none" that is the base again, exactly
// (max |Δlogit| = 0); with bias "all"/"lora_only" the trained biases stay and it is not.
#include "core/eval/TaskAccuracy.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace core {

class CausalLm;
class Tokenizer;

struct ForgettingProbeOptions {
    std::string retainPath;              ///< UTF-8 text the base model knows (the demo: resources/demo/retain.txt)
    std::vector<std::string> taskPaths;  ///< Alpaca datasets (JSON/JSONL/CSV) whose exact-match accuracy is tracked
    int64_t maxRetainTokens = 2048;      ///< the retain text is cut to BOS + this many tokens
    int64_t maxBaseElements = int64_t(1) << 26; ///< cap on stored base log-probs (tokens × vocab floats, 256 MiB):
                                         ///< fewer retain tokens are used for a large vocabulary
    int64_t accuracyLimit = 50;          ///< records per task (the first N); 0 = all
    bool adapterOffEveryEval = true;     ///< (used by ExperimentRunner) also measure with the adapter off at every
                                         ///< eval point, not only at the end: the lab's on/off toggle per measurement
};

struct TaskScore {
    std::string name;     ///< the dataset file's stem, "task_a_test"
    std::string path;
    int64_t records = 0;
    int64_t correct = 0;
    double accuracy = 0;  ///< correct / records
};

struct ProbeResult {
    double retainLoss = 0;        ///< mean next-token cross-entropy on the retain tokens (nats)
    double retainPerplexity = 0;
    double klFromBase = 0;        ///< mean over retain tokens of KL(p_base ‖ p_model), nats; 0 for the base itself
    double maxAbsLogitDiff = 0;   ///< max |logits − base logits| over the retain tokens; 0 means identical outputs
    int64_t retainTokens = 0;     ///< predicted tokens the retain numbers are over
    std::vector<TaskScore> tasks; ///< in options.taskPaths order
};

class ForgettingProbe {
public:
    // Reads and tokenizes the files (core::Error naming the file when one is missing, empty or malformed) and
    // measures `base` as it is now. Call it before training starts (before LoRA is injected, or right after
    // injection while every lora_B is still zero).
    ForgettingProbe(CausalLm& base, const Tokenizer& tok, ForgettingProbeOptions options);
    ~ForgettingProbe();
    ForgettingProbe(ForgettingProbe&&) noexcept;

    const ProbeResult& base() const { return m_base; }
    const ForgettingProbeOptions& options() const { return m_options; }

    // Eval mode and no grad while measuring; the model's train/eval mode is restored afterwards.
    ProbeResult measure(CausalLm& model) const;
    // measure() with every LoRA layer's adapter disabled, re-enabled afterwards. Throws core::Error when the model
    // has no LoRA layers (full fine-tuning has no adapter to switch off).
    ProbeResult measureAdapterOff(CausalLm& model) const;

private:
    // storeBase: the model is the base; its retain logits are appended there and it is compared with itself.
    ProbeResult measureNow(CausalLm& model, std::vector<at::Tensor>* storeBase) const;

    ForgettingProbeOptions m_options;
    const Tokenizer* m_tok;
    std::vector<at::Tensor> m_windows;        ///< token ids [1, T] per window (BOS first in the first)
    std::vector<at::Tensor> m_baseLogits;     ///< per window [T-1, vocab] float32 on CPU (log-probs are derived from them)
    std::vector<std::vector<AlpacaRecord>> m_taskRecords;
    ProbeResult m_base;
};

} // namespace core
