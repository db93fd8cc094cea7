#include "cli/TokenClassificationEval.h"

#include "cli/EvalDataOptions.h"
#include "cli/JsonOutput.h"
#include "core/data/Collator.h"
#include "core/data/TokenClassificationData.h"
#include "core/eval/TokenClassificationMetrics.h"
#include "core/io/AtomicFile.h"
#include "core/tokenizer/Tokenizer.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>

namespace core::cli {

namespace {

std::vector<std::string> tagNames(const std::vector<int64_t>& tags, const ClassLabels& classes)
{
    std::vector<std::string> names;
    for (int64_t tag : tags)
        names.push_back(classes.names.at(static_cast<size_t>(tag)));
    return names;
}

// One JSON line per record: its number in the file, the ids the model read, and per scored word (the words whose
// first sub-token fits in --max-length) the position of that sub-token, the head's logits there, the predicted and
// the true tag — enough to check the tagger with transformers + PEFT (tests/reference/check_classifier_adapter.py).
void writePredictions(const std::string& path, const std::vector<Example>& examples, const ClassLabels& classes,
                      const TokenClassificationScores& scores)
{
    std::string text;
    for (size_t i = 0; i < examples.size(); ++i) {
        std::vector<int64_t> positions;
        for (size_t t = 0; t < examples[i].labels.size(); ++t)
            if (examples[i].labels[t] != kIgnoreIndex)
                positions.push_back(static_cast<int64_t>(t));
        const nlohmann::json line = {{"record", examples[i].recordIndex + 1},
                                     {"input_ids", examples[i].inputIds},
                                     {"positions", positions},
                                     {"logits", scores.logits[i]},
                                     {"predicted", tagNames(scores.predicted[i], classes)},
                                     {"label", tagNames(scores.truth[i], classes)}};
        text += line.dump() + "\n";
    }
    writeFileAtomically(path, text);
}

nlohmann::json scoreJson(const EntityScore& s)
{
    return {{"precision", s.precision}, {"recall", s.recall}, {"f1", s.f1}, {"support", s.support}};
}

} // namespace

int runTokenClassificationEval(const ArgParser& parser, LoadedModel& loaded, const LoraConfig& adapter, int64_t limit,
                               int64_t batchSize)
{
    if (!parser.has("--data"))
        parser.fail("a TOKEN_CLS adapter is evaluated on tagged sentences: give --data FILE (token_cls records: "
                    "tokens and tags lists, or CoNLL columns), not --text");
    ClassLabels classes = adapter.classes;
    const Tokenizer& tok = *loaded.tokenizer;
    if (classes.padTokenId < 0) // any id fills a batch here: every position is scored on its own
        classes.padTokenId = batchPadId(tok);
    const DataConfig data = evalDataConfig(parser, DataFormat::TokenCls);
    std::vector<Example> examples = readTokenClassificationExamples(data, classes, tok);
    if (limit > 0 && static_cast<int64_t>(examples.size()) > limit)
        examples.resize(static_cast<size_t>(limit));
    const bool predictions = parser.has("--predictions");
    const TokenClassificationScores scores = evaluateTokenClassification(
        *loaded.model, examples, classes, batchSize, scoringProgress("sentences"), predictions);
    if (predictions)
        writePredictions(parser.value("--predictions"), examples, classes, scores);

    const EntityScores& e = scores.entities;
    nlohmann::json out = {{"task_type", "TOKEN_CLS"}, {"loss", scores.loss},   {"records", scores.examples},
                          {"words", e.words},         {"labels", classes.names}, {"accuracy", e.accuracy}};
    if (scores.hasEntities) {
        out["precision"] = e.overall.precision;
        out["recall"] = e.overall.recall;
        out["f1"] = e.overall.f1;
        out["entities"] = e.overall.support;
        nlohmann::json types = nlohmann::json::object();
        for (const auto& [name, score] : e.types)
            types[name] = scoreJson(score);
        out["per_type"] = types;
    }
    out["model"] = parser.value("--model");
    out["adapter"] = parser.value("--adapter");
    if (parser.has("--json")) {
        printJson(out);
        return 0;
    }
    printScoreLine("loss", scores.loss);
    printScoreLine("accuracy", e.accuracy);
    if (scores.hasEntities) {
        printScoreLine("precision", e.overall.precision);
        printScoreLine("recall", e.overall.recall);
        printScoreLine("f1", e.overall.f1);
    }
    std::cout << std::left << std::setw(12) << "records" << scores.examples << "\n"
              << std::setw(12) << "words" << e.words << "\n";
    if (!scores.hasEntities) {
        std::cout << "(the tags are not IOB names such as B-PER / I-PER / O, so no entity scores: name them in "
                     "task.labels when training)\n";
        return 0;
    }
    std::cout << "\n" << std::left << std::setw(14) << "entity" << std::right << std::setw(11) << "precision"
              << std::setw(11) << "recall" << std::setw(11) << "f1" << std::setw(9) << "support" << "\n";
    for (const auto& [name, s] : e.types)
        std::cout << std::left << std::setw(14) << name << std::right << std::fixed << std::setprecision(4)
                  << std::setw(11) << s.precision << std::setw(11) << s.recall << std::setw(11) << s.f1
                  << std::defaultfloat << std::setw(9) << s.support << "\n";
    return 0;
}

} // namespace core::cli
