#pragma once
// Catastrophic forgetting, measured. Built from the model as it is before training (the base), the probe keeps the
// base's next-token log-probabilities on a retain text (text the base knows) and its accuracy on earlier tasks; each
// measure() then reports, for the model as it is now: retain-set perplexity, the mean KL divergence KL(p_base ‖ p_now)
// over the retain tokens, the largest absolute logit difference from the base, and exact-match accuracy per task.
// measureAdapterOff() does the same with every LoRA layer disabled: with bias "none" that is the base again, exactly
// (max |Δlogit| = 0); with bias "all"/"lora_only" the trained biases stay and it is not.
#include "core/eval/ForgettingSettings.h"
#include "core/eval/ProbeResult.h"
#include "core/eval/TaskAccuracy.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace core {

class CausalLm;
class Tokenizer;

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
