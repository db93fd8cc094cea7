#pragma once
#include "core/data/AlpacaRecord.h"
#include "core/data/ChatRecord.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace core {

struct DataConfig;
class Tokenizer;

// One token as the model sees it.
struct TokenView {
    int64_t id = 0;
    std::string piece; ///< the tokenizer's piece ("▁the", "<0x0A>", "<s>", byte-level "Ġthe")
    std::string text;  ///< the bytes it stands for in the text (" the", "\n", "<s>"); may be part of a character
    bool trained = false; ///< carries loss (its label is not kIgnoreIndex)
    bool pooled = false;  ///< SEQ_CLS: the token whose hidden state the score head classifies
    std::string tag;      ///< TOKEN_CLS: the tag this token is trained on (its word's first sub-token), else empty
    bool answerStart = false, answerEnd = false; ///< QUESTION_ANS: the answer's first / last token (the target)
};

// Record i as training sees it: the formatted text, and each token with its id and whether it is trained. Built by
// the same code as the training examples (tokenizeRecord + applyMaxLength), so it cannot disagree with them.
struct RecordPreview {
    int64_t recordIndex = -1;
    std::string prompt;     ///< formatted prompt (no loss unless train_on_prompt)
    std::string completion; ///< formatted response; prompt + completion is the model's text, BOS/EOS not included
    std::vector<TokenView> tokens; ///< BOS/EOS included, after max_length; a dropped record shows all its tokens
    int64_t fullLength = 0; ///< tokens before max_length
    int64_t trainedTokens = 0;
    bool truncated = false;
    bool dropped = false;   ///< training leaves this record out (longer than max_length with overlong: drop, or
                            ///< nothing trained is left)
    bool classification = false; ///< data.format seq_cls: prompt holds text, completion text_pair, label the label
    std::string label;           ///< seq_cls: the label as the record writes it (a list or number as JSON text)
    bool tagged = false;         ///< data.format token_cls: words and tags hold the sentence, prompt the words joined
    std::vector<std::string> words, tags;
    // data.format squad: prompt holds the question, completion the context, label the first answer ("" when the
    // question is unanswerable) and answerOffset its byte offset in the context (-1: none); tokens show the window
    // that holds it (window of windows; the first one when no window does).
    bool answering = false;
    int64_t answerOffset = -1;
    int64_t window = 0, windows = 0;
    // data.format pairs: prompt holds the query, completion the positive, negative the negative ("" without one);
    // tokens are the query's as embedding reads them, positiveTokens and negativeTokens the others' (each cut to
    // max_length); fullLength is the longest text's.
    bool paired = false;
    std::string negative;
    std::vector<TokenView> positiveTokens, negativeTokens;
};

// Text only (no tokenizer, e.g. `lorawb data preview FILE` without --model): tokens stays empty.
RecordPreview previewRecord(const AlpacaRecord& record, int64_t recordIndex, const DataConfig& cfg);
RecordPreview previewRecord(const AlpacaRecord& record, int64_t recordIndex, const DataConfig& cfg,
                            const Tokenizer& tok);

// A conversation (data.format messages) through cfg.chatTemplate: prompt is the text before the first answer,
// completion the rest (later turns included); the tokens say what trains.
RecordPreview previewRecord(const ChatRecord& record, int64_t recordIndex, const DataConfig& cfg,
                            const Tokenizer& tok);

// Record `index` of cfg.path (0-based, counted as in the file, invalid records included), as training would see it.
// tok may be null: text only. data.format text: window `index` of max_length tokens (needs tok); squad: question
// `index` (in file order; the file must be valid), its context cut into windows sharing docStride tokens. Throws
// core::Error when the file has no such record, or it is invalid (then the message says why).
RecordPreview previewFileRecord(const DataConfig& cfg, int64_t index, const Tokenizer* tok, int64_t docStride = 128);

// {"record": i, "prompt", "completion", "text", "length", "full_length", "trained_tokens", "truncated", "dropped",
//  "tokens": [{"id", "piece", "text", "trained"}, …]} (text: the token's bytes as UTF-8, invalid bytes replaced);
// seq_cls records: {"record", "text", "text_pair", "label", "length", "full_length", "truncated", "dropped",
//  "tokens": [… with "pooled"]}
// token_cls records: {"record", "words", "tags", "text", "length", "full_length", "trained_tokens", "truncated",
//  "dropped", "tokens": [{"id", "piece", "text", "tag"}, …]} ("tag" null where the token carries none)
nlohmann::json toJson(const RecordPreview& preview);
// For a terminal: the text, then one line per token: position, id, piece, and '*' where trained.
std::string formatPreview(const RecordPreview& preview);

} // namespace core
