#pragma once
// Extractive question answering scores as the official SQuAD evaluation scripts compute them (evaluate-v2.0.py; v1.1
// gives the same numbers unless an answer normalises to "", where it has no empty-answer rule): answers are
// normalised (lower case, ASCII punctuation removed, the articles a / an / the removed, whitespace collapsed), exact
// match compares the normalised strings, F1 the bags of their whitespace-separated tokens, and each question takes its
// best gold answer. Checked against torchmetrics' SQuAD (tests/reference/make_qa_metric_reference.py,
// tests/core/test_squad_reference.cpp).
//
// The Python scripts work on str; here text is UTF-8, and the Unicode facts come from core/chat/Utf8.h (the ones the
// chat templates use). What differs from Python for non-ASCII text:
//   - lower case: str.lower is full Unicode; we lower Latin-1, Latin Extended-A, Latin Extended Additional (U+1Exx,
//     Vietnamese; ẞ -> ß), basic Greek U+0386..U+03AB (final sigma as ς, with an approximate cased / case-ignorable
//     test), Cyrillic U+0400..U+052F and fullwidth Ａ…Ｚ, and İ becomes i + U+0307 as in Python. Other capitals
//     (Latin Extended-B, archaic and extended Greek, Armenian, Georgian, Deseret…) stay as they are.
//   - the article regex \b(a|an|the)\b is Unicode-aware in Python: a non-ASCII letter next to "a" joins it into one
//     word. We count every non-ASCII code point as a word character except controls, spaces, combining marks,
//     punctuation and symbols of the common blocks (Latin-1 signs, general punctuation, currency, arrows / math /
//     enclosed alphanumerics / box drawing / dingbats, CJK and fullwidth punctuation, emoji); a rarer symbol next to an
//     article keeps the article where Python drops it, and a numeric symbol (① ❶ 〇) drops it where Python keeps it.
//   - whitespace is Python's (str.split splits on what str.isspace accepts: ASCII, U+001C..U+001F, U+0085, U+00A0,
//     U+1680, U+2000..U+200A, U+2028/9, U+202F, U+205F, U+3000), exactly.
//   - bytes that are not UTF-8 pass through unchanged (Python would not have decoded them).
#include <cstdint>
#include <string>
#include <vector>

namespace core {

// The official normalize_answer.
std::string normalizeSquadAnswer(const std::string& utf8);

// 1 or 0: the normalised strings are equal.
double squadExactMatch(const std::string& prediction, const std::string& gold);

// Token-overlap F1 in 0..1 of the normalised tokens (counted with multiplicity); when either side has no tokens, 1 if
// both have none, else 0 (the v2.0 rule, which scores the empty answer of an unanswerable question).
double squadF1(const std::string& prediction, const std::string& gold);

struct SquadScores {
    double exactMatch = 0, f1 = 0;            ///< percent, over every question (0 when there are none)
    int64_t total = 0, hasAnswerTotal = 0, noAnswerTotal = 0;
    double hasAnswerExact = -1, hasAnswerF1 = -1; ///< percent over the answerable questions; -1 when none
    double noAnswerExact = -1, noAnswerF1 = -1;   ///< percent over the unanswerable ones; -1 when none
};

// predictions[i] answers the question whose gold answers are goldAnswers[i]. A question without gold answers is
// unanswerable: its gold is [""], so only a prediction that normalises to "" scores. As evaluate-v2.0.py does, gold
// answers that normalise to "" are dropped from an answerable question (["the", "Paris"] scores as ["Paris"]; [""]
// when none is left), which still counts as answerable.
SquadScores scoreSquad(const std::vector<std::string>& predictions,
                       const std::vector<std::vector<std::string>>& goldAnswers);

} // namespace core
