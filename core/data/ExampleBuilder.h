#pragma once
#include "core/data/DataConfig.h"
#include "core/data/Example.h"
#include "core/data/PromptTemplate.h"

#include <string>
#include <vector>

namespace core {

class Tokenizer;

// Tokenizes one formatted record as the model sees it: [BOS if the tokenizer has one] + ids(prompt + completion) +
// [EOS]. The text is tokenized as ONE string, so the ids are exactly those of the whole sequence; then the tokens
// that belong to the prompt get label kIgnoreIndex (unless trainOnPrompt), BOS too. EOS is always trained.
// Not truncated: see applyMaxLength.
Example tokenizeRecord(const FormattedRecord& record, const Tokenizer& tok, bool trainOnPrompt);

// How many leading tokens of ids(prompt + completion) belong to the prompt.
// A token that lies wholly inside the prompt is a prompt token. Where the tokenizer merges the prompt's last
// characters with the completion's first ones into one token (e.g. a template ending in a space before a word:
// "A: " + "yes" → "▁yes"), that straddling token counts as the completion's: predicting it means producing the
// response's first characters, so it is trained. Method: the ids of the prompt alone agree with the full ids up to
// the boundary; where they diverge, the decoded length of the full ids' prefix is compared with the prompt's.
// tokenizeRecord applies the same rule faster where the pieces spell the text exactly (LLaMA-style sentencepiece:
// each token's span is then known without encoding the prompt again) and uses this function otherwise.
size_t promptTokenCount(const std::string& prompt, const std::vector<int>& fullIds, const Tokenizer& tok);

enum class LengthOutcome { Kept, Truncated, Dropped };
// Applies max_length (BOS and EOS included). Truncate keeps the first maxLength tokens (so the EOS goes); a sequence
// left without any trained token (a prompt as long as max_length) is Dropped either way, it would teach nothing.
LengthOutcome applyMaxLength(Example& example, int64_t maxLength, OverlongPolicy policy);

// Tokenizes records with `threads` threads (0 = all cores). Deterministic: result i belongs to record i whatever the
// thread count. The tokenizer's const methods must be safe to call concurrently (sentencepiece's are).
std::vector<Example> tokenizeRecords(const std::vector<AlpacaRecord>& records, const std::vector<int64_t>& recordIndex,
                                     const PromptTemplate& prompts, const Tokenizer& tok, bool trainOnPrompt,
                                     int threads = 0);

// Language-model data: ids (BOS already in front when wanted) cut into consecutive windows of at most maxLength
// tokens, labels = inputIds. A last window of a single token predicts nothing and is left out.
std::vector<Example> textWindows(const std::vector<int64_t>& ids, int64_t maxLength);
// BOS (if any) + the ids of the whole text, as eval --text and data.format text use them.
std::vector<int64_t> textIds(const std::string& text, const Tokenizer& tok);

// Number of tokens that carry loss: labels[1..] that are not kIgnoreIndex (labels[0] is never a target).
int64_t trainedTokenCount(const Example& example);
// What the example adds to the divisor of a step's mean loss: its trained tokens, or for a SEQ_CLS example the
// entries of its target (1 for a class index; num_labels for multi-label and regression, whose losses average over
// every output as transformers' BCEWithLogitsLoss and MSELoss do); 1 for a query/positive pair.
int64_t lossItemCount(const Example& example);

} // namespace core
