#include "cli/FeatureExtractionEval.h"

#include "cli/EvalDataOptions.h"
#include "cli/JsonOutput.h"
#include "core/data/Collator.h"
#include "core/data/PairData.h"
#include "core/eval/RetrievalMetrics.h"
#include "core/tokenizer/Tokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>

namespace core::cli {

int runFeatureExtractionEval(const ArgParser& parser, LoadedModel& loaded, const LoraConfig* adapter, int64_t limit,
                             int64_t batchSize)
{
    if (!parser.has("--data"))
        parser.fail("embeddings are evaluated on pairs: give --data FILE (records with query and positive [, "
                    "negative]), not --text");
    if (parser.has("--predictions"))
        parser.fail("--predictions does not apply to FEATURE_EXTRACTION; lorawb embed writes the vectors");
    ContrastiveObjective objective = adapter && adapter->contrastive ? *adapter->contrastive : ContrastiveObjective{};
    if (parser.has("--pooling"))
        objective.pooling = parsePooling(parser.value("--pooling"), "--pooling");
    if (parser.has("--temperature")) {
        objective.temperature = parser.number("--temperature", objective.temperature);
        if (!(objective.temperature > 0))
            parser.fail("--temperature must be positive, e.g. 0.05");
    }
    const Tokenizer& tok = *loaded.tokenizer;
    DatasetReport report;
    std::vector<Example> examples = readPairExamples(evalDataConfig(parser, DataFormat::Pairs), tok, report);
    if (limit > 0 && static_cast<int64_t>(examples.size()) > limit)
        examples.resize(static_cast<size_t>(limit));
    if (examples.empty())
        parser.fail(parser.value("--data") + ": no pair to evaluate");
    const RetrievalEvaluation result = evaluateRetrieval(*loaded.model, examples, objective, batchSize,
                                                         batchPadId(tok), scoringProgress("pairs"));
    const RetrievalScores& r = result.ranking;
    nlohmann::json out = {{"task_type", "FEATURE_EXTRACTION"},
                          {"loss", result.loss},
                          {"recall_at_1", r.recallAt1},
                          {"recall_at_10", r.recallAt10},
                          {"mrr", r.mrr},
                          {"pairs", r.queries},
                          {"documents", r.documents},
                          {"truncated", std::count_if(examples.begin(), examples.end(),
                                                      [](const Example& e) { return e.truncated; })},
                          {"pooling", toString(objective.pooling)},
                          {"temperature", objective.temperature}};
    out["model"] = parser.value("--model");
    out["adapter"] = parser.has("--adapter") ? nlohmann::json(parser.value("--adapter")) : nlohmann::json();
    if (parser.has("--json")) {
        printJson(out);
        return 0;
    }
    printScoreLine("loss", result.loss, 4);
    printScoreLine("recall@1", r.recallAt1, 4);
    printScoreLine("recall@10", r.recallAt10, 4);
    printScoreLine("mrr", r.mrr, 4);
    std::cout << std::left << std::setw(12) << "pairs" << r.queries << " (each query searched " << r.documents
              << " distinct texts; " << toString(objective.pooling) << " pooling)\n";
    return 0;
}

} // namespace core::cli
