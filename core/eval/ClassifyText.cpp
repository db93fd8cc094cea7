#include "core/eval/ClassifyText.h"

#include "core/common/Error.h"
#include "core/data/ClassificationData.h"
#include "core/eval/EvalMode.h"
#include "core/eval/ModelDevice.h"
#include "core/model/SequenceClassification.h"
#include "core/tokenizer/Tokenizer.h"

#include <torch/torch.h>

namespace core {

ClassScores classifyText(CausalLm& model, const Tokenizer& tok, const ClassLabels& classes, const std::string& text,
                         const std::string& textPair, int64_t maxLength)
{
    LORAWB_CHECK(scoreHeadLabels(model) > 0 && classes.unit == ClassifiedUnit::Sequence,
                 "this model has no SEQ_CLS score head: load a SEQ_CLS adapter to classify text.");
    LORAWB_CHECK(!text.empty(), "the text to classify is empty.");
    const int64_t padId = classes.padTokenId >= 0
                              ? classes.padTokenId
                              : classificationPadTokenId(-1, model.config().padTokenId, tok.padId(), tok.eosId());
    const Example example = tokenizeClassificationText(text, textPair, tok, maxLength);
    torch::NoGradGuard noGrad;
    const EvalModeGuard evalMode(model); // no dropout on LoRA's input: the same answer every time
    const at::Tensor ids = torch::tensor(example.inputIds, torch::kInt64).unsqueeze(0);
    const at::Tensor logits = sequenceClassificationLogits(model, ids.to(modelDevice(model)), padId).squeeze(0).cpu();
    const at::Tensor scores = classes.problemType == ProblemType::SingleLabel  ? logits.softmax(0)
                              : classes.problemType == ProblemType::MultiLabel ? logits.sigmoid()
                                                                               : logits;
    ClassScores out;
    out.problemType = classes.problemType;
    out.tokens = static_cast<int64_t>(example.inputIds.size());
    const auto values = scores.to(torch::kFloat64).contiguous();
    for (int64_t c = 0; c < values.size(0); ++c) {
        out.scores.push_back(values[c].item<double>());
        const bool named = static_cast<size_t>(c) < classes.names.size();
        out.names.push_back(named                  ? classes.names[static_cast<size_t>(c)]
                            : values.size(0) == 1 ? std::string("value")
                                                  : "value_" + std::to_string(c));
    }
    return out;
}

} // namespace core
