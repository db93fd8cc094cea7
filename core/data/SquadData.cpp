// buildQaWindows and answerText: questions + contexts cut into run_qa's windows (SquadData.h).
#include "core/data/SquadData.h"

#include "core/common/Error.h"
#include "core/data/TokenSpans.h"
#include "core/tokenizer/Tokenizer.h"

#include <algorithm>

namespace core {

namespace {

// A context's tokens and where each lies in it.
struct ContextTokens {
    std::vector<int> ids;
    SpelledTokens spelled;                          // starts include a word's leading space (run_qa's offsets do)
    std::vector<std::pair<int64_t, int64_t>> spans; // starts without it (what answerText cuts)
};

void tokenizeContext(const SquadQuestion& q, const Tokenizer& tok, const std::string& path, ContextTokens& out)
{
    out.ids = tok.encode(q.context);
    LORAWB_CHECK(spellTokens(q.context, out.ids, tok, out.spelled), path, ": question '", q.id, "': the tokenizer's "
                 "pieces do not spell the context back (it normalizes the text, or writes <unk>), so the answer's "
                 "tokens cannot be found in it. Use a model whose tokenizer keeps text as written (sentencepiece with "
                 "byte fallback and identity normalization, as LLaMA's, or byte-level BPE)");
    out.spans.clear();
    for (size_t k = 0; k < out.ids.size(); ++k) {
        size_t begin = out.spelled.starts[k];
        const size_t end = out.spelled.ends[k];
        if (end > begin + 1 && q.context[begin] == ' ')
            ++begin;
        out.spans.emplace_back(static_cast<int64_t>(begin), static_cast<int64_t>(end));
    }
}

std::string leftStripped(const std::string& s)
{
    const size_t first = s.find_first_not_of(" \t\n\r\f\v");
    return first == std::string::npos ? std::string() : s.substr(first);
}

} // namespace

std::vector<QaWindow> buildQaWindows(const std::vector<SquadQuestion>& questions, const Tokenizer& tok,
                                     const QaWindowOptions& options, const std::string& path)
{
    const bool bos = tok.bosId() >= 0;
    const int64_t specials = bos ? 2 : 0;
    LORAWB_CHECK(options.maxLength >= specials + 2, path, ": data.max_length is ", options.maxLength, "; a question-"
                 "answering window holds ", bos ? "[BOS] question [BOS] context" : "question context",
                 ", at least one token of each. Raise data.max_length (run_qa uses 384)");
    LORAWB_CHECK(options.docStride >= 0, path, ": task.doc_stride is ", options.docStride, "; it is the number of "
                 "context tokens consecutive windows share, 0 or more (run_qa uses 128)");
    std::vector<QaWindow> windows;
    ContextTokens context;
    const std::string* tokenized = nullptr; // SQuAD asks several questions of each context: tokenize it once
    for (size_t i = 0; i < questions.size(); ++i) {
        const SquadQuestion& q = questions[i];
        if (tokenized == nullptr || *tokenized != q.context) {
            tokenizeContext(q, tok, path, context);
            tokenized = &q.context;
        }
        const std::vector<int> questionIds = tok.encode(leftStripped(q.question));
        const int64_t room = options.maxLength - specials - static_cast<int64_t>(questionIds.size());
        LORAWB_CHECK(room > 0, path, ": question '", q.id, "' is ", questionIds.size(), " tokens; with data.max_length ",
                     options.maxLength, " no room is left for the context. Raise data.max_length above ",
                     specials + static_cast<int64_t>(questionIds.size()), " (well above: the context is cut into "
                     "windows of what is left), or shorten the question");
        const auto n = static_cast<int64_t>(context.ids.size());
        LORAWB_CHECK(n <= room || options.docStride < room, path, ": question '", q.id, "': task.doc_stride ",
                     options.docStride, " is not below the ", room, " context tokens a window holds (data.max_length ",
                     options.maxLength, " less ", questionIds.size(), " question tokens and ", specials, " special "
                     "tokens), so the windows would not move forward. Lower task.doc_stride below ", room,
                     " or raise data.max_length");
        std::vector<int64_t> prefix;
        if (bos)
            prefix.push_back(tok.bosId());
        prefix.insert(prefix.end(), questionIds.begin(), questionIds.end());
        if (bos)
            prefix.push_back(tok.bosId());
        const int64_t answerBegin = q.answers.empty() ? -1 : q.answers.front().start;
        const int64_t answerEnd = q.answers.empty() ? -1 : answerBegin + static_cast<int64_t>(q.answers.front().text.size());
        for (int64_t from = 0;; from += room - options.docStride) {
            const int64_t to = std::min(from + room, n);
            QaWindow w;
            w.question = static_cast<int64_t>(i);
            w.contextOffset = from;
            w.example.recordIndex = static_cast<int64_t>(i);
            w.example.inputIds.reserve(prefix.size() + static_cast<size_t>(to - from));
            w.example.inputIds.insert(w.example.inputIds.end(), prefix.begin(), prefix.end());
            w.spans.assign(prefix.size(), {-1, -1});
            for (int64_t k = from; k < to; ++k) {
                w.example.inputIds.push_back(context.ids[static_cast<size_t>(k)]);
                w.spans.push_back(context.spans[static_cast<size_t>(k)]);
            }
            w.example.labels.assign(w.example.inputIds.size(), kIgnoreIndex);
            float start = 0, end = 0;
            // run_qa: the answer must lie whole in the window, judged by the tokens' offsets (a word's space counted).
            const auto& starts = context.spelled.starts;
            const auto& ends = context.spelled.ends;
            if (answerBegin >= 0 && to > from && static_cast<int64_t>(starts[static_cast<size_t>(from)]) <= answerBegin &&
                static_cast<int64_t>(ends[static_cast<size_t>(to - 1)]) >= answerEnd) {
                int64_t s = from, e = to - 1;
                while (s + 1 < to && static_cast<int64_t>(starts[static_cast<size_t>(s + 1)]) <= answerBegin)
                    ++s;
                while (e - 1 >= from && static_cast<int64_t>(ends[static_cast<size_t>(e - 1)]) >= answerEnd)
                    --e;
                start = static_cast<float>(static_cast<int64_t>(prefix.size()) + s - from);
                end = static_cast<float>(static_cast<int64_t>(prefix.size()) + e - from);
            }
            w.example.target = {start, end};
            windows.push_back(std::move(w));
            if (to >= n)
                break;
        }
    }
    return windows;
}

std::string answerText(const SquadQuestion& question, const QaWindow& window, int64_t startToken, int64_t endToken)
{
    const auto size = static_cast<int64_t>(window.spans.size());
    if (startToken < 0 || endToken < startToken || endToken >= size)
        return {};
    const auto [begin, ignored] = window.spans[static_cast<size_t>(startToken)];
    const int64_t end = window.spans[static_cast<size_t>(endToken)].second;
    if (begin < 0 || window.spans[static_cast<size_t>(endToken)].first < 0 || end < begin)
        return {};
    return question.context.substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin));
}

} // namespace core
