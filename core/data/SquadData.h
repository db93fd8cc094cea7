#pragma once
// data.format squad: extractive question answering. SQuAD files are read into questions, and each question + context
// is cut into windows as transformers' run_qa.py example prepares them (tokenizer(question, context,
// truncation="only_second", max_length, stride=doc_stride, return_overflowing_tokens=True,
// return_offsets_mapping=True)): the question whole in every window, the context split into overlapping pieces.
//
// Forms read (the first that the content fits):
//  - SQuAD v1.1 / v2.0 JSON: {"version", "data": [{"title", "paragraphs": [{"context", "qas": [{"id", "question",
//    "answers": [{"text", "answer_start"}], "is_impossible"?, "plausible_answers"?}]}]}]}. v2.0's unanswerable
//    questions have "is_impossible": true and no answers; plausible_answers is not read.
//  - The flattened records Hugging Face `datasets` exports (squad / squad_v2 .to_json): JSONL, one object per line, or
//    a JSON array of them: {"id", "title", "context", "question", "answers": {"text": [...], "answer_start": [...]}}.
//    Empty answer lists mark an unanswerable question (squad_v2 has no is_impossible field); when a record has
//    is_impossible it must agree with its answers.
// answer_start counts characters (Unicode code points, as Python indexes str); it is converted to a byte offset into
// the UTF-8 context and the context must hold the answer's text there.
#include "core/data/Example.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace core {

class Tokenizer;

struct SquadAnswer {
    std::string text;
    int64_t start = 0; ///< byte offset of text in the question's UTF-8 context
};

struct SquadQuestion {
    std::string id;
    std::string question;
    std::string context;
    std::vector<SquadAnswer> answers; ///< empty when impossible; training uses the first (run_qa), eval may use all
    bool impossible = false;          ///< SQuAD v2.0 is_impossible: the context holds no answer
};

// Every question of a SQuAD file, in file order. Throws core::Error naming the file, the article / paragraph or line
// and the question id, with the fix: not JSON, no data list, an answer whose answer_start does not hold its text or
// lies outside the context, a question with no answers that is not is_impossible (and the reverse), an empty context
// or question, a duplicate id, no questions at all.
std::vector<SquadQuestion> readSquadFile(const std::string& path);
// The same for content already read; `path` names it in messages (the fuzz target reads from memory).
std::vector<SquadQuestion> readSquadText(const std::string& path, const std::string& content);

struct QaWindowOptions {
    int64_t maxLength = 384; ///< data.max_length: tokens per window, the special tokens and the question included
    int64_t docStride = 128; ///< task.doc_stride: context tokens that consecutive windows share
};

// One window of one question: [BOS] question [BOS] context[contextOffset, contextOffset + n) (no BOS where the
// tokenizer has none), the pair layout LlamaTokenizer builds.
struct QaWindow {
    // inputIds as above; labels all kIgnoreIndex; target = {start token, end token} of the first answer when it lies
    // whole in this window, else {0, 0} (position 0, the BOS, standing in for the CLS token run_qa points
    // unanswerable windows at); recordIndex = question.
    Example example;
    int64_t question = -1;     ///< index of the question in the list the windows were built from
    int64_t contextOffset = 0; ///< index of this window's first context token among the context's tokens
    // Per token of inputIds: its byte span [begin, end) in the context, begin past the space a word-initial piece
    // carries; {-1, -1} for tokens outside the context (the BOS tokens, the question).
    std::vector<std::pair<int64_t, int64_t>> spans;
};

// The windows of every question, in order (each question's windows together). The question is read without its
// leading whitespace, as run_qa strips it. Throws core::Error (naming `path`, the question id, the settings and the
// fix) when options leave no room for the context, docStride is not below that room where a context needs several
// windows, or the tokenizer's pieces do not spell the context back (a normalizing tokenizer: the answer positions
// cannot be found in its tokens, and guessing would train on wrong spans).
std::vector<QaWindow> buildQaWindows(const std::vector<SquadQuestion>& questions, const Tokenizer& tok,
                                     const QaWindowOptions& options, const std::string& path);

// The context text that tokens [startToken, endToken] of a window cover (a predicted answer). "" when either is not
// a context token of the window or endToken < startToken.
std::string answerText(const SquadQuestion& question, const QaWindow& window, int64_t startToken, int64_t endToken);

} // namespace core
