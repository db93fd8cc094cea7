#pragma once
// data.format seq_cls: records with text [, text_pair] and label, turned into SEQ_CLS examples.
#include "core/data/AlpacaRecord.h"
#include "core/data/PreparedData.h"
#include "core/task/TaskConfig.h"

#include <string>
#include <vector>

namespace core {

class Tokenizer;

// One record's ids as transformers' LLaMA tokenizers give them for tokenizer(text, text_pair): [BOS] + ids(text),
// then [BOS] + ids(text_pair) for a pair (LlamaTokenizer's build_inputs_with_special_tokens; tokenizers without a
// BOS, Qwen's, put nothing between). No EOS: the score head reads the last text token. Longer than maxLength:
// truncated as truncation=True does (longest_first: tokens come off the end of the longer text, one at a time).
// labels are all kIgnoreIndex (no next-token loss); target stays empty.
Example tokenizeClassificationText(const std::string& text, const std::string& textPair, const Tokenizer& tok,
                                   int64_t maxLength);

// The records of a seq_cls file as the readers give them (RecordShape: text, text_pair, label in Alpaca's slots) →
// out.classes (settled from task: and the training records) and out.train / out.validation, each example with its
// target. data.overlong drop keeps the overlong ones whole for prepareData's policy to leave out. Throws
// core::Error naming the file, the record and the fix. prepareData calls it between reading and the length policy.
void buildClassificationExamples(const RecordSet& train, const RecordSet& validation, const DataConfig& cfg,
                                 const TaskConfig& task, const Tokenizer& tok, PreparedData& out);

// A seq_cls file scored against classes settled before (an adapter's): cfg.path read with cfg.columns, each record
// tokenized (cut to cfg.maxLength) with its target. Evaluation's reader. Throws core::Error for a label outside the
// classes, naming the record.
std::vector<Example> readClassificationExamples(const DataConfig& cfg, const ClassLabels& classes,
                                                const Tokenizer& tok);

} // namespace core
