#include "core/task/TaskSettings.h"

#include "core/common/Error.h"

#include <algorithm>
#include <set>

namespace core {

const SettingTable<TaskConfig>& taskSettingTable()
{
    using C = TaskConfig;
    static const SettingTable<C> table = {
        {"num_labels", "SEQ_CLS / TOKEN_CLS: number of classes or tags (1 = regression); 0 = from task.labels or "
                       "the data", &C::numLabels,
         [](const C& c) {
             LORAWB_CHECK(c.numLabels >= 0 && c.numLabels <= 100000, "task.num_labels must be from 1 to 100000 (0 = "
                          "count the classes in the data), got ", c.numLabels);
             LORAWB_CHECK(c.labels.empty() || c.numLabels == 0 || c.numLabels == static_cast<int>(c.labels.size()),
                          "task.num_labels is ", c.numLabels, " but task.labels names ", c.labels.size(),
                          " classes; remove task.num_labels or make the two agree");
         },
         [](const C& c) { return c.numLabels != 0; }},
        {"labels", "SEQ_CLS / TOKEN_CLS: class or tag names in id order (id2label); empty = the data's, sorted",
         &C::labels,
         [](const C& c) {
             std::set<std::string> seen;
             for (const auto& name : c.labels) {
                 LORAWB_CHECK(!name.empty(), "task.labels: a class name is empty; give every class a name");
                 LORAWB_CHECK(seen.insert(name).second, "task.labels names '", name, "' twice; each class once");
             }
         },
         [](const C& c) { return !c.labels.empty(); }},
        {"problem_type", "SEQ_CLS loss: auto, single_label_classification (cross-entropy), "
                         "multi_label_classification (BCE) or regression (MSE)",
         ChoiceAccess<C>{[](const C& c) { return toString(c.problemType); },
                         [](C& c, const std::string& text, const std::string& key) {
                             c.problemType = parseProblemType(text, key);
                         },
                         allProblemTypeNames()},
         [](const C& c) {
             LORAWB_CHECK(c.problemType != ProblemType::Regression || c.labels.empty(),
                          "task.problem_type regression predicts numbers, so task.labels (class names) does not apply; "
                          "remove task.labels");
         },
         [](const C& c) { return c.problemType != ProblemType::Auto; }},
        {"pad_token_id", "SEQ_CLS pools the last token that is not this one (TOKEN_CLS pads with it); -1 = "
                         "config.json's, else the tokenizer's",
         &C::padTokenId,
         [](const C& c) {
             LORAWB_CHECK(c.padTokenId >= -1, "task.pad_token_id must be a token id (>= 0), or -1 for the model's "
                          "own; got ", c.padTokenId);
         },
         [](const C& c) { return c.padTokenId != -1; }},
        {"doc_stride", "QUESTION_ANS: context tokens shared by consecutive windows of a long context (run_qa's "
                       "doc_stride)",
         &C::docStride,
         [](const C& c) {
             LORAWB_CHECK(c.docStride >= 0, "task.doc_stride must be 0 or more tokens, got ", c.docStride,
                          "; 128 is transformers' run_qa default");
         },
         [](const C& c) { return c.docStride != TaskConfig().docStride; }},
        {"max_answer_length", "QUESTION_ANS: the longest answer, in tokens, a prediction may have", &C::maxAnswerLength,
         [](const C& c) {
             LORAWB_CHECK(c.maxAnswerLength >= 1, "task.max_answer_length must be at least 1 token, got ",
                          c.maxAnswerLength, "; 30 is transformers' run_qa default");
         },
         [](const C& c) { return c.maxAnswerLength != TaskConfig().maxAnswerLength; }},
        {"pooling", "FEATURE_EXTRACTION: a text's embedding is the mean of its tokens' final hidden states, or the last "
                    "token's",
         ChoiceAccess<C>{[](const C& c) { return toString(c.pooling); },
                         [](C& c, const std::string& text, const std::string& key) {
                             c.pooling = parsePooling(text, key);
                         },
                         allPoolingNames()},
         nullptr, [](const C& c) { return c.pooling != TaskConfig().pooling; }},
        {"temperature", "FEATURE_EXTRACTION: cosine similarities are divided by it in the in-batch contrastive loss",
         &C::temperature,
         [](const C& c) {
             LORAWB_CHECK(c.temperature >= 1e-4 && c.temperature <= 10, "task.temperature must be from 0.0001 to 10, "
                          "got ", c.temperature, "; 0.05 (sentence-transformers' scale 20) is the usual value");
         },
         [](const C& c) { return c.temperature != TaskConfig().temperature; }},
    };
    return table;
}

} // namespace core
