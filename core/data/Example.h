#pragma once
#include <cstdint>
#include <vector>

namespace core {

// The label of a token that carries no loss (PyTorch's cross_entropy ignore_index).
constexpr int64_t kIgnoreIndex = -100;

// One tokenized training sequence. labels has the same length as inputIds and is aligned with it as in HF
// transformers (labels = input_ids, unshifted; the loss compares logits[t] with labels[t + 1]), so labels[0] is never
// a target. kIgnoreIndex marks tokens without loss (the prompt, unless trainOnPrompt).
struct Example {
    std::vector<int64_t> inputIds;
    std::vector<int64_t> labels;
    int64_t recordIndex = -1; ///< 0-based position of the record in its file (skipped records counted); text: window
    bool truncated = false;   ///< cut to max_length (the EOS and the end of the response are gone)
    // TOKEN_CLS: labels[t] is token t's own class (the first sub-token of each word; kIgnoreIndex elsewhere), not the
    // next token, so position 0 may carry a loss too.
    bool positionLabels = false;
    // SEQ_CLS: the class index (single-label), the multi-hot vector (multi-label) or the value(s) (regression);
    // the loss is on these, not on labels (all kIgnoreIndex then). Empty for language-model examples.
    std::vector<float> target;
    // FEATURE_EXTRACTION (data.format pairs): inputIds is the query; these are the text that matches it and, when the
    // record has one, a text that does not (a hard negative). labels are all kIgnoreIndex; the loss is one
    // cross-entropy per query over the batch's candidates (core/train/TaskObjective.h).
    std::vector<int64_t> positiveIds;
    std::vector<int64_t> negativeIds;
};

} // namespace core
