#pragma once
// lorawb eval with a SEQ_CLS adapter: the head's loss and scores on a seq_cls file (core/eval/ClassificationMetrics).
#include "cli/ArgParser.h"
#include "core/lora/LoraConfig.h"
#include "core/model/ModelLoader.h"

#include <cstdint>

namespace core::cli {

// Prints the scores (or one JSON object with --json); returns the exit code.
int runClassificationEval(const ArgParser& parser, LoadedModel& loaded, const LoraConfig& adapter, int64_t limit,
                          int64_t batchSize);

} // namespace core::cli
