#pragma once
// lorawb eval with a FEATURE_EXTRACTION adapter (or --pooling without one, for the base model's embeddings): the
// in-batch contrastive loss and recall@1 / recall@10 / MRR of each query's positive among every held-out text
// (core/eval/RetrievalMetrics), on a pairs file.
#include "cli/ArgParser.h"
#include "core/lora/LoraConfig.h"
#include "core/model/ModelLoader.h"

#include <cstdint>

namespace core::cli {

// adapter: the loaded adapter's config (its recorded pooling and temperature are the defaults), or none for the base
// model. Prints the scores (or one JSON object with --json). Returns the exit code.
int runFeatureExtractionEval(const ArgParser& parser, LoadedModel& loaded, const LoraConfig* adapter, int64_t limit,
                             int64_t batchSize);

} // namespace core::cli
