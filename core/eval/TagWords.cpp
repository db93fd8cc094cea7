#include "core/eval/TagWords.h"

#include "core/common/Error.h"
#include "core/data/TokenClassificationData.h"
#include "core/eval/EvalMode.h"
#include "core/eval/ModelDevice.h"
#include "core/model/SequenceClassification.h"
#include "core/model/TokenClassification.h"

#include <torch/torch.h>

#include <sstream>

namespace core {

std::vector<TaggedWord> tagWords(CausalLm& model, const Tokenizer& tok, const ClassLabels& classes,
                                 const std::string& text, int64_t maxLength)
{
    LORAWB_CHECK(scoreHeadLabels(model) > 0 && classes.unit == ClassifiedUnit::Token,
                 "this model has no TOKEN_CLS score head: load a TOKEN_CLS adapter to tag words.");
    std::vector<std::string> words;
    std::istringstream in(text);
    for (std::string word; in >> word;)
        words.push_back(word);
    LORAWB_CHECK(!words.empty(), "the text to tag has no words.");
    WordTokens tokens = tokenizeWords(words, tok);
    if (static_cast<int64_t>(tokens.ids.size()) > maxLength) { // as training cuts a long sentence
        tokens.ids.resize(static_cast<size_t>(maxLength));
        tokens.wordOf.resize(static_cast<size_t>(maxLength));
    }
    torch::NoGradGuard noGrad;
    const EvalModeGuard evalMode(model); // no dropout: on the head (0.1 while training) nor on LoRA's input
    const at::Tensor ids = torch::tensor(tokens.ids, torch::kInt64).unsqueeze(0).to(modelDevice(model));
    const at::Tensor probabilities = tokenClassificationLogits(model, ids).squeeze(0).softmax(-1).cpu();
    std::vector<TaggedWord> out;
    for (const std::string& word : words)
        out.push_back({word, "", 0.0});
    for (size_t t = 0; t < tokens.wordOf.size(); ++t) {
        const int64_t w = tokens.wordOf[t];
        if (w < 0 || !out[static_cast<size_t>(w)].tag.empty())
            continue; // BOS, or a later sub-token of a word already tagged
        const auto best = probabilities[static_cast<int64_t>(t)].max(0);
        const int64_t c = std::get<1>(best).item<int64_t>();
        out[static_cast<size_t>(w)].tag = static_cast<size_t>(c) < classes.names.size()
                                              ? classes.names[static_cast<size_t>(c)]
                                              : "LABEL_" + std::to_string(c);
        out[static_cast<size_t>(w)].probability = std::get<0>(best).item<double>();
    }
    return out;
}

} // namespace core
