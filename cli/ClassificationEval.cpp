#include "cli/ClassificationEval.h"

#include "cli/EvalDataOptions.h"
#include "cli/JsonOutput.h"
#include "core/common/Text.h"
#include "core/data/ClassificationData.h"
#include "core/eval/ClassificationMetrics.h"
#include "core/io/AtomicFile.h"
#include "core/model/SequenceClassification.h"
#include "core/tokenizer/Tokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>

namespace core::cli {

namespace {

// One JSON line per record: its number in the file, the token ids the model read, the head's logits, the predicted
// class (or value) and the label — what the model saw and said, for a look at the mistakes and for outside checks.
void writePredictions(const std::string& path, const std::vector<Example>& examples, const ClassLabels& classes,
                      const std::vector<std::vector<float>>& logits)
{
    std::string text;
    for (size_t i = 0; i < examples.size(); ++i) {
        const Example& e = examples[i];
        nlohmann::json line = {{"record", e.recordIndex + 1}, {"input_ids", e.inputIds}, {"logits", logits[i]}};
        const auto best = std::max_element(logits[i].begin(), logits[i].end()) - logits[i].begin();
        switch (classes.problemType) {
        case ProblemType::SingleLabel:
            line["predicted"] = classes.names[static_cast<size_t>(best)];
            line["label"] = classes.names[static_cast<size_t>(e.target.front())];
            break;
        case ProblemType::MultiLabel: {
            std::vector<std::string> predicted, actual;
            for (size_t c = 0; c < logits[i].size(); ++c) {
                if (logits[i][c] > 0)
                    predicted.push_back(classes.names[c]);
                if (e.target[c] > 0.5f)
                    actual.push_back(classes.names[c]);
            }
            line["predicted"] = predicted;
            line["label"] = actual;
            break;
        }
        default:
            line["predicted"] = logits[i];
            line["label"] = e.target;
        }
        text += line.dump() + "\n";
    }
    writeFileAtomically(path, text);
}

} // namespace

int runClassificationEval(const ArgParser& parser, LoadedModel& loaded, const LoraConfig& adapter, int64_t limit,
                          int64_t batchSize)
{
    if (!parser.has("--data"))
        parser.fail("a SEQ_CLS adapter is evaluated on classification records: give --data FILE (seq_cls records: "
                    "text [, text_pair], label), not --text");
    ClassLabels classes = adapter.classes;
    const Tokenizer& tok = *loaded.tokenizer;
    // An adapter PEFT made carries no pad_token_id: the model's or the tokenizer's, as training would choose.
    if (classes.padTokenId < 0)
        classes.padTokenId =
            classificationPadTokenId(-1, loaded.model->config().padTokenId, tok.padId(), tok.eosId());
    const DataConfig data = evalDataConfig(parser, DataFormat::SeqCls);
    std::vector<Example> examples = readClassificationExamples(data, classes, tok);
    if (limit > 0 && static_cast<int64_t>(examples.size()) > limit)
        examples.resize(static_cast<size_t>(limit));
    const bool predictions = parser.has("--predictions");
    const ClassificationScores scores =
        evaluateClassification(*loaded.model, examples, classes, batchSize, scoringProgress("records"), predictions);
    if (predictions)
        writePredictions(parser.value("--predictions"), examples, classes, scores.logits);

    nlohmann::json out = {{"task_type", "SEQ_CLS"},
                          {"problem_type", toString(classes.problemType)},
                          {"loss", scores.loss},
                          {"records", scores.examples},
                          {"labels", classes.names}};
    if (scores.accuracy >= 0)
        out["accuracy"] = scores.accuracy;
    if (scores.macroF1 >= 0)
        out["macro_f1"] = scores.macroF1;
    if (scores.microF1 >= 0)
        out["micro_f1"] = scores.microF1;
    if (scores.mse >= 0)
        out["mse"] = scores.mse;
    if (!scores.confusion.empty())
        out["confusion_matrix"] = scores.confusion; // [actual][predicted]
    out["model"] = parser.value("--model");
    out["adapter"] = parser.value("--adapter");
    if (parser.has("--json")) {
        printJson(out);
        return 0;
    }
    printScoreLine("loss", scores.loss);
    if (scores.accuracy >= 0)
        printScoreLine("accuracy", scores.accuracy);
    if (scores.macroF1 >= 0)
        printScoreLine("macro_f1", scores.macroF1);
    if (scores.microF1 >= 0)
        printScoreLine("micro_f1", scores.microF1);
    if (scores.mse >= 0)
        printScoreLine("mse", scores.mse);
    std::cout << std::left << std::setw(12) << "records" << scores.examples << "\n";
    if (!scores.confusion.empty()) {
        size_t width = 6;
        for (const auto& name : classes.names)
            width = std::max(width, name.size() + 2);
        std::cout << "confusion (rows: actual, columns: predicted)\n" << std::setw(static_cast<int>(width)) << "";
        for (const auto& name : classes.names)
            std::cout << std::setw(static_cast<int>(width)) << name;
        std::cout << "\n";
        for (size_t r = 0; r < scores.confusion.size(); ++r) {
            std::cout << std::setw(static_cast<int>(width)) << classes.names[r];
            for (int64_t count : scores.confusion[r])
                std::cout << std::setw(static_cast<int>(width)) << count;
            std::cout << "\n";
        }
    }
    return 0;
}

} // namespace core::cli
