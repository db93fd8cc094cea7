#pragma once
// lorawb eval with a QUESTION_ANS adapter: the span head's loss and the official SQuAD exact match and F1 on a SQuAD
// file (core/eval/QuestionAnsweringMetrics), each question cut into windows as in training.
#include "cli/ArgParser.h"
#include "core/lora/LoraConfig.h"
#include "core/model/ModelLoader.h"

#include <cstdint>

namespace core::cli {

// Prints the scores (or one JSON object with --json); --predictions FILE writes {question id: answer text}, the
// official evaluation script's input. Returns the exit code.
int runQuestionAnsweringEval(const ArgParser& parser, LoadedModel& loaded, int64_t limit, int64_t batchSize);

} // namespace core::cli
