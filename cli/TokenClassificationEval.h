#pragma once
// lorawb eval with a TOKEN_CLS adapter: the head's loss, tag accuracy and seqeval's entity scores on a token_cls file
// (core/eval/TokenClassificationMetrics).
#include "cli/ArgParser.h"
#include "core/lora/LoraConfig.h"
#include "core/model/ModelLoader.h"

#include <cstdint>

namespace core::cli {

// Prints the scores and the per-type table (or one JSON object with --json); returns the exit code.
int runTokenClassificationEval(const ArgParser& parser, LoadedModel& loaded, const LoraConfig& adapter, int64_t limit,
                               int64_t batchSize);

} // namespace core::cli
