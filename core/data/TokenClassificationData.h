#pragma once
// data.format token_cls: records with a list of words (tokens) and a tag per word (tags), CoNLL-2003 style, turned
// into TOKEN_CLS examples as transformers' token-classification example labels them: the tag on the first sub-token
// of each word, -100 on its other sub-tokens and on BOS.
#include "core/data/AlpacaRecord.h"
#include "core/data/PreparedData.h"
#include "core/task/TaskConfig.h"

#include <string>
#include <vector>

namespace core {

class Tokenizer;

// One sentence's ids and, per token, the index of the word it belongs to (-1 for BOS). The words joined by single
// spaces are tokenized as running text (what the model reads when it tags a sentence), and each token is given to
// the word its text starts in, the space before a word counting as that word's (so sentencepiece's lone "▁" piece
// before "1984" is the first sub-token of "1984", as a fast tokenizer's word_ids() say). A tokenizer whose pieces do
// not spell the text back (a normalizing one) tokenizes each word on its own instead.
struct WordTokens {
    std::vector<int64_t> ids;
    std::vector<int64_t> wordOf;
};
WordTokens tokenizeWords(const std::vector<std::string>& words, const Tokenizer& tok);

// A record's tokens and tags slots (JSON lists, as the readers keep them) → the words and the raw tags (names, or
// indices as text). Throws core::Error naming `where`: not strings, an empty word, different lengths, no words.
void parseTaggedWords(const AlpacaRecord& record, const std::string& where, std::vector<std::string>& words,
                      std::vector<std::string>& tags);

// The records of a token_cls file → out.classes (the tag set, settled from task: and the training tags; sorted names
// as transformers' example sorts them, unless task.labels lists them) and out.train / out.validation. Example.labels
// carries each token's tag index (Example::positionLabels). Cut to data.max_length unless data.overlong is drop.
void buildTokenClassificationExamples(const RecordSet& train, const RecordSet& validation, const DataConfig& cfg,
                                      const TaskConfig& task, const Tokenizer& tok, PreparedData& out);

// A token_cls file tagged against the classes of an adapter (evaluation). Throws core::Error for a tag outside them.
std::vector<Example> readTokenClassificationExamples(const DataConfig& cfg, const ClassLabels& classes,
                                                     const Tokenizer& tok);

} // namespace core
