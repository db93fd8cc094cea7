#pragma once
// The answer spans of one window of an extractive QA model, as transformers' question-answering pipelines pick them
// (select_starts_ends + decode_spans, transformers.pipelines.document_question_answering in transformers 5.x; the
// extractive "question-answering" pipeline of 4.x used the same functions): a span is (start, end) with
// start <= end, end - start + 1 <= maxAnswerLength (decode_spans keeps np.tril(np.triu(outer), max_answer_len - 1),
// i.e. end - start <= max_answer_len - 1), and start and end both allowed; tokens in between need not be.
//
// decode_spans ranks spans by p_start[s] * p_end[e], the softmaxes over the allowed tokens (the others are set to
// -10000 first). That product is exp(start[s] + end[e]) / (Z_start * Z_end), increasing in the logit sum, so ranking
// by start[s] + end[e] over the allowed set gives the same spans in the same order (the fixture checks this), without
// the softmax and without its underflow for far-apart logits. Equal scores go to the smaller start, then end: so does
// decode_spans' np.argmax for top-1; its top-k (np.argpartition / argsort) leaves the order of ties unspecified.
//
// Plain float vectors rather than at::Tensor: the logits of a window come off the device once (.cpu(), [T] float),
// and the search is a scalar loop over at most T x maxAnswerLength pairs that needs neither dtype nor device dispatch.
#include <cstdint>
#include <optional>
#include <vector>

namespace core {

struct AnswerSpan {
    int64_t start = 0, end = 0; ///< token positions in the window, inclusive
    double score = 0;           ///< startLogits[start] + endLogits[end]
};

// startLogits, endLogits, allowed: [T] (allowed: the context tokens of the window, which may hold an answer).
// The k best spans, best first; fewer when fewer exist (decode_spans pads its top-k with spans of probability 0,
// some of them impossible; those are left out here). maxAnswerLength >= 1, k >= 0.
std::vector<AnswerSpan> topAnswerSpans(const std::vector<float>& startLogits, const std::vector<float>& endLogits,
                                       const std::vector<bool>& allowed, int64_t maxAnswerLength, int64_t k);

// The best span, or none when no token is allowed.
std::optional<AnswerSpan> bestAnswerSpan(const std::vector<float>& startLogits, const std::vector<float>& endLogits,
                                         const std::vector<bool>& allowed, int64_t maxAnswerLength);

} // namespace core
